package dev.greenlight.rehearsal;

import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.instance.BoundaryEvent;
import io.camunda.zeebe.model.bpmn.instance.CallActivity;
import io.camunda.zeebe.model.bpmn.instance.ErrorEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.FlowElement;
import io.camunda.zeebe.model.bpmn.instance.IntermediateCatchEvent;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeCalledElement;
import io.camunda.zeebe.protocol.record.value.deployment.Process;
import java.io.ByteArrayInputStream;
import java.util.HashMap;
import java.util.Map;

/** What the deployed processes say about their elements, by process definition: names, called processes, waits. */
final class ProcessModels {

  /**
   * @param name the element's name, as Operate shows it
   * @param calledProcess a call activity's process id, else null
   * @param waits an intermediate catch event: the process waits there
   * @param errorBoundary a boundary event that catches an error: the rollout leaves its path there
   */
  record Element(String name, String calledProcess, boolean waits, boolean errorBoundary) {}

  private final Map<Long, Map<String, Element>> elements = new HashMap<>();

  void remember(Process process) {
    Map<String, Element> byId = new HashMap<>();
    for (FlowElement element : Bpmn.readModelFromStream(new ByteArrayInputStream(process.getResource()))
        .getModelElementsByType(FlowElement.class)) {
      String name = element.getName() == null || element.getName().isBlank() ? element.getId() : element.getName();
      String called = element instanceof CallActivity call
          && call.getSingleExtensionElement(ZeebeCalledElement.class) != null
          ? call.getSingleExtensionElement(ZeebeCalledElement.class).getProcessId() : null;
      boolean errorBoundary = element instanceof BoundaryEvent boundary && boundary.getEventDefinitions().stream()
          .anyMatch(ErrorEventDefinition.class::isInstance);
      byId.put(element.getId(), new Element(name, called, element instanceof IntermediateCatchEvent, errorBoundary));
    }
    elements.put(process.getProcessDefinitionKey(), byId);
  }

  Element element(long processDefinitionKey, String elementId) {
    return elements.getOrDefault(processDefinitionKey, Map.of()).getOrDefault(elementId,
        new Element(elementId, null, false, false));
  }
}
