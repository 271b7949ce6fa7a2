package dev.greenlight.processes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.greenlight.support.ProcessCoverageFile;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.EventBasedGateway;
import io.camunda.zeebe.model.bpmn.instance.FlowNode;
import io.camunda.zeebe.model.bpmn.instance.Process;
import io.camunda.zeebe.model.bpmn.instance.SequenceFlow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;

/**
 * Runs after every other test class (in a Maven execution of its own after the parallel forks of the suite, or last
 * in one JVM) and fails unless the tests made the engine take every flow node and every
 * sequence flow of every process in {@code processes/}, listing the ones never reached.
 */
@Order(Integer.MAX_VALUE)
class ProcessCoverageTest {

  @Test
  void everyFlowNodeAndSequenceFlowIsTakenByATest() throws IOException {
    Set<String> reached = ProcessCoverageFile.reachedInThisBuild();
    List<String> elements = new ArrayList<>();
    try (Stream<Path> files = Files.list(Path.of("processes"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".bpmn")).sorted().toList()) {
        BpmnModelInstance model = Bpmn.readModelFromFile(file.toFile());
        String processId = model.getModelElementsByType(Process.class).iterator().next().getId();
        Stream.concat(model.getModelElementsByType(FlowNode.class).stream(),
                model.getModelElementsByType(SequenceFlow.class).stream())
            .map(element -> processId + "/" + ((ModelElementInstance) element).getAttributeValue("id"))
            .forEach(elements::add);
        // the engine activates the event after an event-based gateway without writing a "flow taken" record
        model.getModelElementsByType(SequenceFlow.class).stream()
            .filter(flow -> flow.getSource() instanceof EventBasedGateway)
            .filter(flow -> reached.contains(processId + "/" + flow.getTarget().getId()))
            .forEach(flow -> reached.add(processId + "/" + flow.getId()));
      }
    }
    Set<String> missed = new TreeSet<>(elements);
    missed.removeAll(reached);
    double covered = 100.0 * (elements.size() - missed.size()) / elements.size();
    System.out.printf("Process coverage: %.1f%% of %d flow nodes and sequence flows%n", covered, elements.size());
    assertThat(missed)
        .as("%.1f%% covered; never reached by a test:%n  %s", covered, String.join("\n  ", missed))
        .isEmpty();
  }
}
