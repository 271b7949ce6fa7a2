package dev.greenlight.processes.model;

import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/** Every runbook process written in code, by process id, as the XML committed in {@code processes/}. */
public final class ProcessModels {

  private ProcessModels() {}

  public static Map<String, String> all() {
    Map<String, Supplier<BpmnModelInstance>> models = new LinkedHashMap<>();
    models.put(MonitoringWindowModel.PROCESS_ID, MonitoringWindowModel::build);
    models.put(RollbackModel.PROCESS_ID, RollbackModel::build);
    models.put(CanaryRolloutModel.PROCESS_ID, CanaryRolloutModel::build);
    Map<String, String> files = new LinkedHashMap<>();
    models.forEach((id, model) -> files.put(id, ProcessFile.toXml(model.get())));
    return files;
  }
}
