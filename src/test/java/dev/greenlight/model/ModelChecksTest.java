package dev.greenlight.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.greenlight.support.LocalEngine;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.client.api.command.DeployResourceCommandStep1.DeployResourceCommandStep2;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every BPMN in processes/ and every form in forms/, as shipped, and the models only the tests deploy
 * (src/test/resources/processes and forms): Greenlight's checks, the engine's own, and how the diagrams are drawn.
 */
class ModelChecksTest {

  static final Path PROJECT = Path.of("").toAbsolutePath();
  static final Path PROCESSES = PROJECT.resolve("processes");
  static final Path FORMS = PROJECT.resolve("forms");
  static final Path TEST_PROCESSES = PROJECT.resolve("src/test/resources/processes");
  static final Path TEST_FORMS = PROJECT.resolve("src/test/resources/forms");

  static LocalEngine engine;

  @BeforeAll
  static void startEngine() {
    engine = LocalEngine.start();
  }

  @AfterAll
  static void stopEngine() {
    engine.close();
  }

  @Test
  void everyModelPassesGreenlightsChecks() {
    ModelChecker checker = new ModelChecker(JobWorkerCatalog.scan(JobWorkerCatalog.WORKERS_PACKAGE));
    List<ModelProblem> problems = new ArrayList<>(checker.check(PROJECT, PROCESSES, FORMS));
    problems.addAll(checker.check(PROJECT, TEST_PROCESSES, TEST_FORMS));

    assertThat(problems).as("model problems:%n%s", String.join("\n", problems.stream().map(Object::toString).toList()))
        .isEmpty();
  }

  @Test
  void everyDiagramIsDrawnReadably() throws IOException {
    List<String> problems = new ArrayList<>();
    for (Path bpmn : Stream.concat(files(PROCESSES, ".bpmn").stream(), files(TEST_PROCESSES, ".bpmn").stream()).toList()) {
      String file = PROJECT.relativize(bpmn).toString();
      DiagramChecks.check(file, Bpmn.readModelFromFile(bpmn.toFile())).stream()
          .map(ModelProblem::toString).forEach(problems::add);
    }
    assertThat(problems).as("diagram problems:%n%s", String.join("\n", problems)).isEmpty();
  }

  @Test
  void everyProcessDeploysOnTheEngineWithAllForms() throws IOException {
    List<String> rejections = new ArrayList<>();
    List<Path> forms = Stream.concat(files(FORMS, ".form").stream(), files(TEST_FORMS, ".form").stream()).toList();
    for (Path bpmn : Stream.concat(files(PROCESSES, ".bpmn").stream(), files(TEST_PROCESSES, ".bpmn").stream()).toList()) {
      DeployResourceCommandStep2 deployment = engine.client().newDeployResourceCommand()
          .addResourceBytes(Files.readAllBytes(bpmn), bpmn.getFileName().toString());
      for (Path form : forms) {
        deployment = deployment.addResourceBytes(Files.readAllBytes(form), form.getFileName().toString());
      }
      try {
        // A deployment is slow on a busy machine; the client's 10 s default is not what this test judges.
        deployment.requestTimeout(Duration.ofMinutes(1)).send().join();
      } catch (RuntimeException e) {
        rejections.add(PROJECT.relativize(bpmn) + ": " + e.getMessage());
      }
    }
    assertThat(rejections).as("rejected by the engine:%n%s", String.join("\n", rejections)).isEmpty();
  }

  static List<Path> files(Path dir, String suffix) throws IOException {
    try (Stream<Path> paths = Files.list(dir)) {
      return paths.filter(p -> p.toString().endsWith(suffix)).sorted().toList();
    }
  }
}
