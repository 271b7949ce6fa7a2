package dev.greenlight.rollout;

import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.BoundaryEvent;
import io.camunda.zeebe.model.bpmn.instance.ErrorEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.FlowElement;
import io.camunda.zeebe.model.bpmn.instance.Process;
import io.camunda.zeebe.model.bpmn.instance.SubProcess;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;

/**
 * The names people read for one process and its elements, as Operate shows them, and where each element sits: the
 * sub-processes around it. An element without a name is called by its id.
 *
 * @param processId the BPMN process id
 * @param processName the process's name
 * @param paths element id to the names from the outermost sub-process around it down to the element itself
 * @param caughtErrors element id to the codes of the BPMN errors caught by a boundary event on it or on a
 *     sub-process around it
 */
public record ProcessNames(String processId, String processName, Map<String, List<String>> paths,
    Map<String, Set<String>> caughtErrors) {

  /** Joins the parts of a path as people read it: "Release a version › Deploy the version". */
  public static final String SEPARATOR = " › ";

  /** Every process of a BPMN file. */
  public static List<ProcessNames> readAll(byte[] bpmn) {
    BpmnModelInstance model = Bpmn.readModelFromStream(new ByteArrayInputStream(bpmn));
    Map<String, List<String>> paths = new HashMap<>();
    Map<String, Set<String>> caughtOn = new HashMap<>();
    for (BoundaryEvent boundary : model.getModelElementsByType(BoundaryEvent.class)) {
      boundary.getEventDefinitions().stream().filter(ErrorEventDefinition.class::isInstance)
          .map(definition -> ((ErrorEventDefinition) definition).getError())
          .filter(error -> error != null && error.getErrorCode() != null)
          .forEach(error -> caughtOn.computeIfAbsent(boundary.getAttachedTo().getId(), id -> new HashSet<>())
              .add(error.getErrorCode()));
    }
    Map<String, Set<String>> caught = new HashMap<>();
    for (FlowElement element : model.getModelElementsByType(FlowElement.class)) {
      paths.put(element.getId(), pathOf(element));
      Set<String> codes = new HashSet<>(caughtOn.getOrDefault(element.getId(), Set.of()));
      for (ModelElementInstance parent = element.getParentElement(); parent instanceof SubProcess sub;
          parent = sub.getParentElement()) {
        codes.addAll(caughtOn.getOrDefault(sub.getId(), Set.of()));
      }
      caught.put(element.getId(), Set.copyOf(codes));
    }
    return model.getModelElementsByType(Process.class).stream()
        .map(process -> new ProcessNames(process.getId(), nameOr(process.getName(), process.getId()), paths, caught))
        .toList();
  }

  /** Whether a BPMN error with this code, thrown at the element, is caught within this process. */
  public boolean catches(String elementId, String errorCode) {
    return caughtErrors.getOrDefault(elementId, Set.of()).contains(errorCode);
  }

  /** The element's own name. */
  public String name(String elementId) {
    List<String> path = paths.get(elementId);
    return path == null ? elementId : path.getLast();
  }

  /** The element within this process: its sub-processes' names and its own, e.g. [Run the stages, Shift traffic]. */
  public List<String> path(String elementId) {
    return paths.getOrDefault(elementId, List.of(elementId));
  }

  private static List<String> pathOf(FlowElement element) {
    List<String> path = new ArrayList<>();
    path.add(nameOr(element.getName(), element.getId()));
    for (ModelElementInstance parent = element.getParentElement(); parent instanceof SubProcess sub;
        parent = sub.getParentElement()) {
      path.add(nameOr(sub.getName(), sub.getId()));
    }
    Collections.reverse(path);
    return List.copyOf(path);
  }

  private static String nameOr(String name, String id) {
    return name == null || name.isBlank() ? id : name;
  }
}
