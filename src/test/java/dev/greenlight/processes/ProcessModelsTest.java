package dev.greenlight.processes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.greenlight.processes.model.ProcessModels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The runbook processes are written in code ({@code dev.greenlight.processes.model}) and committed as BPMN in
 * {@code processes/}. This test keeps the two the same; after changing a model, regenerate the files with
 * {@code ./mvnw -B -q test -Dtest=ProcessModelsTest -Dgreenlight.write-processes=true}.
 */
class ProcessModelsTest {

  static final Path PROCESSES = Path.of("processes");

  @Test
  void committedBpmnFilesMatchTheModels() throws IOException {
    boolean write = Boolean.getBoolean("greenlight.write-processes");
    for (Map.Entry<String, String> model : ProcessModels.all().entrySet()) {
      Path file = PROCESSES.resolve(model.getKey() + ".bpmn");
      if (write) {
        Files.writeString(file, model.getValue());
      }
      assertThat(file).as("%s is missing; regenerate it (see ProcessModelsTest)", file).exists();
      assertThat(Files.readString(file))
          .as("%s differs from its model; regenerate it (see ProcessModelsTest)", file)
          .isEqualTo(model.getValue());
    }
  }
}
