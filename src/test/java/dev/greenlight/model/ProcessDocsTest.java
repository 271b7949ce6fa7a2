package dev.greenlight.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/processes.md stays true to processes/: every process has its picture and its section, no picture is left of a
 * process that is gone, and every {@code process#element-id} of the traceability table names an element that exists.
 */
class ProcessDocsTest {

  static final Path PROCESSES = Path.of("processes");
  static final Path PICTURES = Path.of("docs/processes");
  static final Path PAGE = Path.of("docs/processes.md");
  static final Pattern ELEMENT_REFERENCE = Pattern.compile("`([a-z0-9-]+)#([A-Za-z0-9_-]+)`");

  @Test
  void everyProcessHasAPictureShownOnThePageAndNoPictureOutlivesItsProcess() throws IOException {
    String page = Files.readString(PAGE);
    TreeSet<String> processes = names(PROCESSES, ".bpmn");
    TreeSet<String> pictures = names(PICTURES, ".png");
    List<String> problems = new ArrayList<>();
    processes.stream().filter(name -> !pictures.contains(name)).forEach(name -> problems.add(
        "processes/" + name + ".bpmn has no picture in docs/processes/: run docs/processes/render"));
    pictures.stream().filter(name -> !processes.contains(name)).forEach(name -> problems.add(
        "docs/processes/" + name + ".png shows a process that is gone: run docs/processes/render"));
    processes.stream().filter(name -> !page.contains("](processes/" + name + ".png)")).forEach(name -> problems.add(
        "docs/processes.md does not show " + name + ": add its section with ![" + name + "](processes/" + name + ".png)"));
    assertThat(problems).as(String.join("\n", problems)).isEmpty();
  }

  @Test
  void everyElementTheTraceabilityTableNamesExists() throws IOException {
    Map<String, BpmnModelInstance> models = new HashMap<>();
    List<String> problems = new ArrayList<>();
    Matcher reference = ELEMENT_REFERENCE.matcher(Files.readString(PAGE));
    int references = 0;
    while (reference.find()) {
      references++;
      String process = reference.group(1);
      String element = reference.group(2);
      Path file = PROCESSES.resolve(process + ".bpmn");
      if (!Files.exists(file)) {
        problems.add(reference.group() + ": there is no " + file);
        continue;
      }
      BpmnModelInstance model = models.computeIfAbsent(process, p -> Bpmn.readModelFromFile(file.toFile()));
      if (model.getModelElementById(element) == null) {
        problems.add(reference.group() + ": " + file + " has no element '" + element + "'");
      }
    }
    assertThat(references).as("element references in docs/processes.md").isPositive();
    assertThat(problems).as("docs/processes.md names elements that do not exist:%n%s", String.join("\n", problems))
        .isEmpty();
  }

  private static TreeSet<String> names(Path dir, String suffix) throws IOException {
    try (var files = Files.list(dir)) {
      return files.map(f -> f.getFileName().toString()).filter(name -> name.endsWith(suffix))
          .map(name -> name.substring(0, name.length() - suffix.length()))
          .collect(java.util.stream.Collectors.toCollection(TreeSet::new));
    }
  }
}
