package dev.greenlight.rehearsal.standins;

import dev.greenlight.gates.CompareInputs;
import dev.greenlight.integrations.compare.CompareSample;
import dev.greenlight.integrations.compare.CompareStatistics;
import dev.greenlight.integrations.compare.CompareStats;
import dev.greenlight.rehearsal.RehearsalApplication;
import dev.greenlight.rehearsal.RehearsalRecorder;
import java.util.List;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * The service's compare statistics in a rehearsal (the daily compare report and the compare gate inputs read them):
 * recorded; both systems agree on every query of the day, unless the stage being rehearsed to breach holds its
 * discrepancies or errors to a threshold, which they then break.
 */
@Component
@Profile(RehearsalApplication.PROFILE)
class RecordingCompareStatistics implements CompareStatistics {

  static final long QUERIES_A_DAY = 10_000;

  private final RehearsalRecorder recorder;

  RecordingCompareStatistics(RehearsalRecorder recorder) {
    this.recorder = recorder;
  }

  @Override
  public CompareStats read(String url) {
    long discrepancies = Math.round(recorder.reading(CompareInputs.DISCREPANCIES).orElse(0));
    long errors = Math.round(recorder.reading(CompareInputs.ERRORS).orElse(0));
    recorder.call("service", "GET " + url + ": " + QUERIES_A_DAY + " queries compared, "
        + (discrepancies == 0 && errors == 0 ? "no discrepancies"
            : discrepancies + " discrepancies, " + errors + " errors"));
    List<CompareSample> samples = discrepancies == 0 ? List.of()
        : List.of(new CompareSample("a rehearsed query", "the legacy answer", "another answer", false));
    return new CompareStats(QUERIES_A_DAY, discrepancies, errors, samples);
  }
}
