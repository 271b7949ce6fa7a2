package dev.greenlight.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class StartupBenchmarkTest {

  @Test
  void readsTheTimestampSpringBootBeginsItsLinesWith() {
    assertThat(StartupBenchmark.timestamp("2026-11-23T18:32:36.674Z  INFO 13287 --- [greenlight] [main]"
        + " dev.greenlight.engine.ModelDeployer : Deployment 1: 11 processes and 5 forms"))
        .contains(Instant.parse("2026-11-23T18:32:36.674Z"));
  }

  @Test
  void aLineWithoutATimestampHasNone() {
    assertThat(StartupBenchmark.timestamp("WARNING: A terminally deprecated method in sun.misc.Unsafe has been called"))
        .isEmpty();
    assertThat(StartupBenchmark.timestamp("")).isEmpty();
  }
}
