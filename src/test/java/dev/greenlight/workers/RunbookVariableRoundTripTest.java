package dev.greenlight.workers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.greenlight.rollout.RolloutVariables;
import dev.greenlight.spec.RunbookSpec;
import dev.greenlight.spec.SpecReader;
import dev.greenlight.support.GreenlightSpringTest;
import io.camunda.client.api.JsonMapper;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;

/**
 * The spec survives the trip through a process variable with the mapper the Camunda starter uses for job variables
 * and {@code @Variable} parameters (its {@code camundaJsonMapper}: a copy of Spring's ObjectMapper), with durations
 * as ISO-8601 text that BPMN timers can read.
 */
@GreenlightSpringTest
class RunbookVariableRoundTripTest {

  @Autowired @Qualifier("camundaJsonMapper") JsonMapper jobVariables;

  @Test
  void everyRunbookRoundTripsThroughAProcessVariable() {
    for (String name : new String[] {"analyzer-canary", "msia-element-system", "architect-api-blue-green",
        "embedding-staged-flags"}) {
      RunbookSpec spec = new SpecReader().read(Path.of("runbooks", name + ".yaml"));

      String json = jobVariables.toJson(Map.of(RolloutVariables.RUNBOOK, spec));
      Object variable = jobVariables.fromJsonAsMap(json).get(RolloutVariables.RUNBOOK);
      RunbookSpec readBack = jobVariables.fromJson(jobVariables.toJson(variable), RunbookSpec.class);

      assertThat(readBack).as(name).isEqualTo(spec);
    }
  }

  @Test
  void durationsThresholdsAndEnumsAreWrittenAsInTheYaml() {
    RunbookSpec spec = new SpecReader().read(Path.of("runbooks/analyzer-canary.yaml"));

    String json = jobVariables.toJson(spec);

    assertThat(json).contains("\"strategy\":\"canary\"", "\"duration\":\"PT2H\"", "\"interval\":\"PT1M\"",
        "\"errorRate\":\"< 1%\"", "\"onInconclusive\":\"count-as-error\"", "\"onBreach\":\"investigate\"",
        "\"provider\":\"prometheus\"", "\"unit\":\"ratio\"");
  }
}
