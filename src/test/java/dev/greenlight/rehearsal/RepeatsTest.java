package dev.greenlight.rehearsal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RepeatsTest {

  @Test
  void aBlockThatRecursFoldsIntoItsFirstOccurrenceAndACount() {
    List<TimelineEntry> entries = new ArrayList<>();
    entries.add(entry(0, "stage", "switch: for 1d"));
    for (int hour = 1; hour <= 24; hour++) {
      entries.add(entry(hour, "event", "Smoke run due"));
      entries.add(entry(hour, "smoke", "1 check passed"));
    }
    entries.add(entry(24, "gate", "switch: stage passed"));

    assertThat(Repeats.folded(entries)).extracting(TimelineEntry::line).containsExactly(
        "+0s        stage      switch: for 1d",
        "+1h00m     event      Smoke run due",
        "+1h00m     smoke      1 check passed",
        "+1d00h00m             … these 2 lines again 23 times, every 1h, the last at +1d00h00m",
        "+1d00h00m  gate       switch: stage passed");
  }

  @Test
  void whatHappensTwiceOrChangesStaysAsItIs() {
    List<TimelineEntry> entries = List.of(entry(1, "report", "compare mode day 1"),
        entry(2, "report", "compare mode day 2"), entry(3, "report", "compare mode day 2"), entry(4, "slack", "done"));

    assertThat(Repeats.folded(entries)).isEqualTo(entries);
  }

  private static TimelineEntry entry(int hours, String kind, String text) {
    return new TimelineEntry(Duration.ofHours(hours), kind, 0, text);
  }
}
