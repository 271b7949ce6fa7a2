package dev.greenlight.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runbooks by file name, read on every lookup. */
class RunbookRegistryTest {

  @TempDir Path directory;

  @Test
  void looksUpByFileNameAndPicksUpEditsWithoutARestart() throws IOException {
    Files.writeString(directory.resolve("checkout.yaml"), SpecReaderTest.CANARY);
    Files.writeString(directory.resolve("notes.txt"), "not a runbook");
    RunbookRegistry registry = new RunbookRegistry(new RunbookProperties(directory, false), new SpecReader());

    assertThat(registry.names()).containsExactly("checkout");
    assertThat(registry.get("checkout").stages().get(0).weight()).isEqualTo(1);

    Files.writeString(directory.resolve("checkout.yaml"), SpecReaderTest.CANARY.replace("weight: 1\n", "weight: 2\n"));
    assertThat(registry.get("checkout").stages().get(0).weight()).isEqualTo(2);

    Files.writeString(directory.resolve("checkout.yaml"), SpecReaderTest.CANARY.replace("weight: 1\n", "weight: 20\n"));
    assertThatThrownBy(() -> registry.get("checkout"))
        .isInstanceOf(InvalidRunbookException.class)
        .hasMessageContaining("checkout.yaml is invalid")
        .hasMessageContaining("stages[1].weight: 10 must be higher than the previous stage's 20");
  }

  @Test
  void anUnknownNameListsTheKnownOnes() throws IOException {
    Files.writeString(directory.resolve("checkout.yaml"), SpecReaderTest.CANARY);
    Files.writeString(directory.resolve("billing.yaml"), SpecReaderTest.CANARY);
    RunbookRegistry registry = new RunbookRegistry(new RunbookProperties(directory, false), new SpecReader());

    assertThatThrownBy(() -> registry.get("payments"))
        .isInstanceOf(UnknownRunbookException.class)
        .hasMessage("No runbook named 'payments' in " + directory + "; registered runbooks: billing, checkout");
    assertThatThrownBy(() -> registry.get("../checkout")).isInstanceOf(UnknownRunbookException.class);
  }
}
