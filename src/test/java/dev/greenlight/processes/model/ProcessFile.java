package dev.greenlight.processes.model;

import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.Definitions;

/** Turns a model built in code into the XML Camunda Modeler opens: Camunda 8 platform attributes and a drawn diagram. */
final class ProcessFile {

  static final String MODELER_NS = "http://camunda.org/schema/modeler/1.0";

  static final String ZEEBE_NS = "http://camunda.org/schema/zeebe/1.0";

  private ProcessFile() {}

  /** The builder names some elements after their id; a converging gateway needs no name, others get a real one. */
  private static void dropNamesCopiedFromIds(BpmnModelInstance model) {
    for (var node : model.getModelElementsByType(io.camunda.zeebe.model.bpmn.instance.FlowNode.class)) {
      if (node.getId().equals(node.getName())) {
        node.removeAttribute("name");
      }
    }
  }

  /** The model writer names the Zeebe namespace ns0; Modeler and people expect zeebe. */
  private static String withZeebePrefix(String xml) {
    String generated = "xmlns:ns0=\"" + ZEEBE_NS + "\"";
    if (!xml.contains(generated)) {
      return xml;
    }
    return xml.replace(generated, "xmlns:zeebe=\"" + ZEEBE_NS + "\"").replace("<ns0:", "<zeebe:").replace("</ns0:", "</zeebe:");
  }

  static String toXml(BpmnModelInstance model) {
    Definitions definitions = model.getDefinitions();
    String processId = model.getModelElementsByType(io.camunda.zeebe.model.bpmn.instance.Process.class)
        .iterator().next().getId();
    definitions.setAttributeValue("id", processId + "-definitions", true);
    definitions.setTargetNamespace("https://greenlight.dev/processes");
    definitions.setExporter("Greenlight process models");
    definitions.setExporterVersion("1");
    definitions.getDomElement().registerNamespace("modeler", MODELER_NS);
    definitions.setAttributeValueNs(MODELER_NS, "executionPlatform", "Camunda Cloud");
    definitions.setAttributeValueNs(MODELER_NS, "executionPlatformVersion", "8.8.0");
    dropNamesCopiedFromIds(model);
    Flows.markDefaultFlows(model);
    StableIds.apply(model);
    DiagramLayout.apply(model);
    Bpmn.validateModel(model);
    return withZeebePrefix(Bpmn.convertToString(model)) + System.lineSeparator();
  }
}
