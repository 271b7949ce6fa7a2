package dev.greenlight.spec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The same runbook content has the same digest however it is written or carried; any changed value changes it. */
class RunbookDigestTest {

  final SpecReader reader = new SpecReader();

  @Test
  void theDigestIsTheContentsNotTheTexts() throws Exception {
    String yaml = Files.readString(Path.of("runbooks/analyzer-canary.yaml"));
    RunbookSpec spec = reader.readYaml(yaml, "canary");
    String reordered = yaml.replace("service: analyzer\nstrategy: canary\n", "strategy: canary\nservice: analyzer\n")
        .replace("# Seed 003", "# a comment changes nothing; seed 003");
    Map<?, ?> asVariable = new ObjectMapper().findAndRegisterModules()
        .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS).convertValue(spec, Map.class);

    assertThat(RunbookDigest.sha256(spec)).matches("[0-9a-f]{64}");
    assertThat(RunbookDigest.sha256(reader.readYaml(reordered, "reordered"))).isEqualTo(RunbookDigest.sha256(spec));
    assertThat(RunbookDigest.sha256(reader.recheck(asVariable, "variable"))).isEqualTo(RunbookDigest.sha256(spec));
    assertThat(RunbookDigest.sha256(reader.readYaml(yaml.replace("duration: PT4H", "duration: PT5H"), "changed")))
        .isNotEqualTo(RunbookDigest.sha256(spec));
  }
}
