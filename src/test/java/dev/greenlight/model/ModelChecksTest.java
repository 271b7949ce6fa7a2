package dev.greenlight.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.greenlight.support.LocalEngine;
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

/** Every BPMN in processes/ and every form in forms/, as shipped: Greenlight's checks and the engine's own. */
class ModelChecksTest {

  static final Path PROJECT = Path.of("").toAbsolutePath();
  static final Path PROCESSES = PROJECT.resolve("processes");
  static final Path FORMS = PROJECT.resolve("forms");

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
    List<ModelProblem> problems =
        new ModelChecker(JobWorkerCatalog.scan(JobWorkerCatalog.WORKERS_PACKAGE)).check(PROJECT, PROCESSES, FORMS);

    assertThat(problems).as("model problems:%n%s", String.join("\n", problems.stream().map(Object::toString).toList()))
        .isEmpty();
  }

  @Test
  void everyProcessDeploysOnTheEngineWithAllForms() throws IOException {
    List<String> rejections = new ArrayList<>();
    for (Path bpmn : files(PROCESSES, ".bpmn")) {
      DeployResourceCommandStep2 deployment = engine.client().newDeployResourceCommand()
          .addResourceBytes(Files.readAllBytes(bpmn), bpmn.getFileName().toString());
      for (Path form : files(FORMS, ".form")) {
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
