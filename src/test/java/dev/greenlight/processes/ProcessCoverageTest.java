package dev.greenlight.processes;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;
import static org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder.request;

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
import org.assertj.core.api.SoftAssertions;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;

/**
 * Fails unless the process tests (the test classes of this package) made the engine take every flow node and every
 * sequence flow of every process in {@code processes/}, listing the ones never reached. It needs nothing else of the
 * suite and no order: the process tests that have not run in this build yet (all of them when it runs alone) it runs
 * itself, in this JVM, through the JUnit launcher; what the others reached, here or in the build's other test JVMs,
 * it reads through {@link ProcessCoverageFile}. In the whole suite it runs after the forks, so nothing runs twice.
 */
@Order(Integer.MAX_VALUE)
class ProcessCoverageTest {

  @Test
  void everyFlowNodeAndSequenceFlowIsTakenByAProcessTest() throws IOException {
    List<String> failedProcessTests = runTheProcessTestsNotRunYet();
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
    SoftAssertions.assertSoftly(softly -> {
      softly.assertThat(missed)
          .as("%.1f%% covered; never reached by a process test:%n  %s", covered, String.join("\n  ", missed))
          .isEmpty();
      softly.assertThat(failedProcessTests).as("process tests failed while ProcessCoverageTest ran them "
          + "(what they did not reach is missing above):%n%s", String.join("\n", failedProcessTests)).isEmpty();
    });
  }

  /** Runs, here, every test class of this package that no JVM of this build has run; returns their failures. */
  private static List<String> runTheProcessTestsNotRunYet() {
    Launcher launcher = LauncherFactory.create();
    TestPlan plan = launcher.discover(request().selectors(selectPackage(ProcessCoverageTest.class.getPackageName())).build());
    Set<String> ran = ProcessCoverageFile.classesRunInThisBuild();
    List<String> notRunYet = plan.getRoots().stream()
        .flatMap(engine -> plan.getChildren(engine).stream())
        .flatMap(testClass -> testClass.getSource().stream())
        .filter(ClassSource.class::isInstance)
        .map(source -> ((ClassSource) source).getClassName())
        .filter(name -> !name.equals(ProcessCoverageTest.class.getName()) && !ran.contains(name))
        .sorted()
        .toList();
    if (notRunYet.isEmpty()) {
      return List.of();
    }
    System.out.printf("ProcessCoverageTest runs the process tests not run in this build yet: %s%n",
        String.join(", ", notRunYet));
    List<DiscoverySelector> selectors = notRunYet.stream().<DiscoverySelector>map(name -> selectClass(name)).toList();
    SummaryGeneratingListener summary = new SummaryGeneratingListener();
    launcher.execute(request().selectors(selectors).build(), summary);
    return summary.getSummary().getFailures().stream()
        .map(failure -> failure.getTestIdentifier().getUniqueId() + ": " + failure.getException())
        .toList();
  }
}
