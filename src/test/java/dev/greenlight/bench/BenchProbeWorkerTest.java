package dev.greenlight.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class BenchProbeWorkerTest {

  @Test
  void readsFeelDateTimesWithAndWithoutZoneId() {
    assertThat(BenchProbeWorker.parse("2026-11-10T09:00:00.123Z[UTC]")).isEqualTo(Instant.parse("2026-11-10T09:00:00.123Z"));
    assertThat(BenchProbeWorker.parse("2026-11-10T10:00:00.123+01:00")).isEqualTo(Instant.parse("2026-11-10T09:00:00.123Z"));
  }
}
