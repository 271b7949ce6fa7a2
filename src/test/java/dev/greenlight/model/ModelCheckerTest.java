package dev.greenlight.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Models broken on purpose: each mistake is reported with the file and element that has it. */
class ModelCheckerTest {

  static final Path PROJECT = Path.of("").toAbsolutePath();

  @TempDir Path project;
  Path processes;
  Path forms;
  String bpmn;
  String form;

  @BeforeEach
  void copyTheSmokeCheckModel() throws IOException {
    processes = Files.createDirectories(project.resolve("processes"));
    forms = Files.createDirectories(project.resolve("forms"));
    bpmn = Files.readString(PROJECT.resolve("src/test/resources/processes/smoke-check.bpmn"));
    form = Files.readString(PROJECT.resolve("src/test/resources/forms/smoke-check-review.form"));
  }

  @Test
  void theUnchangedModelHasNoProblems() throws IOException {
    assertThat(check(bpmn, form)).isEmpty();
  }

  @Test
  void aJobTypeWithoutWorkerIsNamed() throws IOException {
    String unknownType = bpmn.replace("type=\"probe-url\"", "type=\"launch-rockets\"");

    assertThat(messages(check(unknownType, form))).containsExactly(
        "processes/broken.bpmn: element 'probe-url': job type 'launch-rockets' has no @JobWorker in workers/; add one or fix the type");
  }

  @Test
  void anUnknownFormIdIsNamed() throws IOException {
    String unknownForm = bpmn.replace("formId=\"smoke-check-review\"", "formId=\"no-such-form\"");

    assertThat(messages(check(unknownForm, form))).containsExactly(
        "processes/broken.bpmn: element 'review-probe': form id 'no-such-form' is not defined in forms/");
  }

  @Test
  void aDiagramWithoutTheCamunda8PlatformIsNamed() throws IOException {
    String camunda7 = bpmn.replace("modeler:executionPlatform=\"Camunda Cloud\"", "modeler:executionPlatform=\"Camunda Platform\"");

    assertThat(messages(check(camunda7, form))).containsExactly(
        "processes/broken.bpmn: element 'smoke-check-definitions': modeler:executionPlatform must be \"Camunda Cloud\" so Camunda Modeler opens it as a Camunda 8 diagram");
  }

  @Test
  void aJobBasedUserTaskIsNamed() throws IOException {
    String jobBased = bpmn.replace("<zeebe:userTask />", "");

    assertThat(messages(check(jobBased, form))).containsExactly(
        "processes/broken.bpmn: element 'review-probe': is a job-based user task; add <zeebe:userTask/> so it is a Camunda user task");
  }

  @Test
  void anUnnamedTaskIsNamed() throws IOException {
    String unnamed = bpmn.replace(" name=\"Probe the service URL\"", "");

    assertThat(messages(check(unnamed, form))).containsExactly(
        "processes/broken.bpmn: element 'probe-url': has no name; give it one a person reads in Operate");
  }

  @Test
  void aBrokenXmlFileIsNamed() throws IOException {
    List<String> messages = messages(check(bpmn.substring(0, bpmn.length() / 2), form));

    assertThat(messages).hasSize(1);
    assertThat(messages.get(0)).startsWith("processes/broken.bpmn: does not parse as BPMN: ");
  }

  @Test
  void aDuplicateFormIdAndAMissingPlatformAreNamed() throws IOException {
    Files.writeString(forms.resolve("copy.form"), form.replace("\"Camunda Cloud\"", "\"Camunda Platform\""));

    assertThat(messages(check(bpmn, form))).containsExactly(
        "forms/copy.form: element 'smoke-check-review': \"executionPlatform\" must be \"Camunda Cloud\" (Camunda 8)",
        "forms/review.form: element 'smoke-check-review': form id already used by forms/copy.form");
  }

  private List<ModelProblem> check(String bpmnXml, String formJson) throws IOException {
    Files.writeString(processes.resolve("broken.bpmn"), bpmnXml);
    Files.writeString(forms.resolve("review.form"), formJson);
    return new ModelChecker(JobWorkerCatalog.scan(JobWorkerCatalog.WORKERS_PACKAGE)).check(project, processes, forms);
  }

  private static List<String> messages(List<ModelProblem> problems) {
    return problems.stream().map(ModelProblem::toString).toList();
  }
}
