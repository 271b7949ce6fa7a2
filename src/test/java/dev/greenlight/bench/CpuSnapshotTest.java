package dev.greenlight.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CpuSnapshotTest {

  @Test
  void coresAreCpuTimeOverWallTimeWithThreadsOfOnePoolAddedTogether() {
    CpuSnapshot before = new CpuSnapshot(0, 0, Map.of(
        1L, new CpuSnapshot.ThreadCpu("zb-actors-1", 100),
        2L, new CpuSnapshot.ThreadCpu("zb-actors-2", 0),
        3L, new CpuSnapshot.ThreadCpu("bench-standin-1", 0)));
    CpuSnapshot after = new CpuSnapshot(1000, 700, Map.of(
        1L, new CpuSnapshot.ThreadCpu("zb-actors-1", 400),
        2L, new CpuSnapshot.ThreadCpu("zb-actors-2", 200),
        3L, new CpuSnapshot.ThreadCpu("bench-standin-1", 50),
        4L, new CpuSnapshot.ThreadCpu("pool-3-thread-1", 100)));

    assertThat(after.coresSince(before)).isEqualTo(0.7);
    assertThat(after.coresSince(before, name -> name.startsWith("bench-standin-"))).isEqualTo(0.05);
    assertThat(after.busiestSince(before, 2)).containsExactly(Map.entry("zb-actors-*", 0.5),
        Map.entry("pool-3-thread-*", 0.1));
  }
}
