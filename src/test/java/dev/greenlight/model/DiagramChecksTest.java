package dev.greenlight.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.zeebe.model.bpmn.Bpmn;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Diagrams broken on purpose: each layout mistake is named with the element at fault. */
class DiagramChecksTest {

  String bpmn;

  @BeforeEach
  void readTheReadableDiagram() throws IOException {
    bpmn = Files.readString(Path.of("src/test/resources/diagrams/readable.bpmn"));
  }

  @Test
  void aReadableDiagramHasNoProblems() {
    assertThat(check(bpmn)).isEmpty();
  }

  @Test
  void anElementWithoutDiagramInformationIsNamed() {
    String withoutShape = bpmn.replaceAll("(?s)<bpmndi:BPMNShape id=\"do-it_di\".*?</bpmndi:BPMNShape>", "");
    String withoutEdge = withoutShape.replaceAll("(?s)<bpmndi:BPMNEdge id=\"do-it-to-done_di\".*?</bpmndi:BPMNEdge>", "");

    assertThat(check(withoutEdge)).containsExactlyInAnyOrder(
        "broken.bpmn: element 'do-it': has no diagram information (BPMNShape/BPMNEdge); Modeler and Operate cannot draw it",
        "broken.bpmn: element 'do-it-to-done': has no diagram information (BPMNShape/BPMNEdge); Modeler and Operate cannot draw it");
  }

  @Test
  void aNamedGatewayEventOrFlowWithoutLabelBoundsIsNamed() {
    String unlabelled = bpmn
        .replace("<bpmndi:BPMNLabel><dc:Bounds x=\"185\" y=\"150\" width=\"40\" height=\"14\" /></bpmndi:BPMNLabel>", "")
        .replace("<bpmndi:BPMNLabel><dc:Bounds x=\"384\" y=\"262\" width=\"40\" height=\"14\" /></bpmndi:BPMNLabel>", "")
        .replace("<bpmndi:BPMNLabel><dc:Bounds x=\"240\" y=\"180\" width=\"20\" height=\"14\" /></bpmndi:BPMNLabel>", "");

    assertThat(check(unlabelled)).containsExactlyInAnyOrder(
        "broken.bpmn: element 'ready': is named but has no label bounds (bpmndi:BPMNLabel with dc:Bounds); store where its name is drawn, as Modeler does",
        "broken.bpmn: element 'failed': is named but has no label bounds (bpmndi:BPMNLabel with dc:Bounds); store where its name is drawn, as Modeler does",
        "broken.bpmn: element 'ready-to-do-it': is named but has no label bounds (bpmndi:BPMNLabel with dc:Bounds); store where its name is drawn, as Modeler does");
  }

  @Test
  void overlappingShapesAreNamedButABoundaryEventOnItsTaskIsNot() {
    String stacked = bpmn.replace("<dc:Bounds x=\"472\" y=\"182\" width=\"36\" height=\"36\" />",
        "<dc:Bounds x=\"372\" y=\"182\" width=\"36\" height=\"36\" />");

    assertThat(check(stacked)).contains("broken.bpmn: element 'do-it': overlaps 'done'; move one of them")
        .noneMatch(problem -> problem.contains("'failed'"));
  }

  @Test
  void aLabelOverAShapeOrAnotherLabelIsNamed() {
    String onTheTask = bpmn.replace("<dc:Bounds x=\"240\" y=\"180\" width=\"20\" height=\"14\" />",
        "<dc:Bounds x=\"280\" y=\"180\" width=\"20\" height=\"14\" />");
    String onAnotherLabel = bpmn.replace("<dc:Bounds x=\"465\" y=\"325\" width=\"50\" height=\"14\" />",
        "<dc:Bounds x=\"465\" y=\"230\" width=\"50\" height=\"14\" />");

    assertThat(check(onTheTask)).containsExactly("broken.bpmn: element 'ready-to-do-it': its label overlaps 'do-it'");
    assertThat(check(onAnotherLabel))
        .containsExactly("broken.bpmn: element 'done': its label overlaps the label of 'gave-up'");
  }

  @Test
  void aFlowThroughAShapeOrALabelIsNamedWithItsSegment() {
    String throughAnEvent = bpmn.replace("<di:waypoint x=\"360\" y=\"300\" />\n        <di:waypoint x=\"472\" y=\"300\" />",
        "<di:waypoint x=\"360\" y=\"400\" /><di:waypoint x=\"490\" y=\"400\" /><di:waypoint x=\"490\" y=\"318\" />");
    String throughALabel = bpmn.replace("<di:waypoint x=\"205\" y=\"400\" />",
        "<di:waypoint x=\"205\" y=\"270\" /><di:waypoint x=\"440\" y=\"270\" /><di:waypoint x=\"440\" y=\"400\" />");

    assertThat(check(throughAnEvent)).containsExactly("broken.bpmn: element 'failed-to-gave-up': runs through "
        + "'skipped' (segment (360,400)→(490,400)); route it around");
    assertThat(check(throughALabel)).containsExactly("broken.bpmn: element 'ready-to-skipped': runs through the "
        + "label of 'failed' (segment (205,270)→(440,270))");
  }

  @Test
  void aDiagonalFlowIsNamed() {
    String diagonal = bpmn.replace("<di:waypoint x=\"360\" y=\"300\" />", "");

    assertThat(check(diagonal)).containsExactly("broken.bpmn: element 'failed-to-gave-up': has a diagonal segment "
        + "(360,258)→(472,300); flows run horizontally and vertically, bending at right angles");
  }

  @Test
  void aDiagramWiderThanOneScreenIsNamed() {
    String wide = bpmn.replace("<dc:Bounds x=\"472\" y=\"382\" width=\"36\" height=\"36\" />",
            "<dc:Bounds x=\"2600\" y=\"382\" width=\"36\" height=\"36\" />")
        .replace("<dc:Bounds x=\"465\" y=\"425\" width=\"50\" height=\"14\" />",
            "<dc:Bounds x=\"2593\" y=\"425\" width=\"50\" height=\"14\" />")
        .replace("<di:waypoint x=\"472\" y=\"400\" />", "<di:waypoint x=\"2600\" y=\"400\" />");

    assertThat(check(wide)).containsExactly("broken.bpmn: element 'readable': is drawn 2543 × 289 px, more than one "
        + "screen (2400 × 1400); move a phase into a call activity or a sub-process");
  }

  private static List<String> check(String xml) {
    var model = Bpmn.readModelFromStream(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    return DiagramChecks.check("broken.bpmn", model).stream().map(ModelProblem::toString).toList();
  }
}
