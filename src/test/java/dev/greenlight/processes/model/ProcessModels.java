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
    models.put(DatabaseRollbackModel.PROCESS_ID, DatabaseRollbackModel::build);
    models.put(ReleaseVersionModel.PROCESS_ID, ReleaseVersionModel::build);
    models.put(SignoffsModel.PROCESS_ID, SignoffsModel::build);
    models.put(DailyReportModel.PROCESS_ID, DailyReportModel::build);
    models.put(CanaryRolloutModel.PROCESS_ID, CanaryRolloutModel::build);
    models.put(FeatureFlagRolloutModel.PROCESS_ID, FeatureFlagRolloutModel::build);
    models.put(BlueGreenReleaseModel.PROCESS_ID, BlueGreenReleaseModel::build);
    models.put(StagedFlagRolloutModel.PROCESS_ID, StagedFlagRolloutModel::build);
    models.put(IncidentResponseModel.PROCESS_ID, IncidentResponseModel::build);
    Map<String, String> files = new LinkedHashMap<>();
    models.forEach((id, model) -> files.put(id, ProcessFile.toXml(model.get())));
    return files;
  }
}
