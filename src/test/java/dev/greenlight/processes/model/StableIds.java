package dev.greenlight.processes.model;

import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.BaseElement;
import io.camunda.zeebe.model.bpmn.instance.SequenceFlow;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;

/**
 * Replaces the random ids the model builder generates by readable, repeatable ones: a sequence flow is
 * {@code source-to-target}, anything else its type and a number. Coverage reports and Operate name flows by id.
 */
final class StableIds {

  private static final Pattern GENERATED = Pattern.compile("^[A-Za-z]+_[0-9a-f]{8}-[0-9a-f-]{27}$");

  private StableIds() {}

  static void apply(BpmnModelInstance model) {
    Set<String> used = new HashSet<>();
    Map<String, Integer> counters = new HashMap<>();
    for (ModelElementInstance element : model.getModelElementsByType(BaseElement.class)) {
      String id = element.getAttributeValue("id");
      if (id != null && !GENERATED.matcher(id).matches()) {
        used.add(id);
      }
    }
    for (SequenceFlow flow : model.getModelElementsByType(SequenceFlow.class)) {
      if (GENERATED.matcher(flow.getId()).matches()) {
        flow.setId(unique(flow.getSource().getId() + "-to-" + flow.getTarget().getId(), used));
      }
    }
    for (ModelElementInstance element : model.getModelElementsByType(BaseElement.class)) {
      String id = element.getAttributeValue("id");
      if (id != null && GENERATED.matcher(id).matches()) {
        String type = element.getElementType().getTypeName();
        int number = counters.merge(type, 1, Integer::sum);
        ((BaseElement) element).setId(unique(type + "-" + number, used));
      }
    }
  }

  private static String unique(String wanted, Set<String> used) {
    String id = wanted;
    for (int suffix = 2; used.contains(id); suffix++) {
      id = wanted + "-" + suffix;
    }
    used.add(id);
    return id;
  }
}
