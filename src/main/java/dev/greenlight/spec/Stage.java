package dev.greenlight.spec;

import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One monitored stage: traffic or flag percentage, how long it is watched, how often, against what.
 *
 * @param name e.g. canary, ramp, full, compare-mode
 * @param weight percent of traffic (canary) or of users (staged flags) on the new version; null keeps it. Blue-green:
 *     0 checks the idle side before the switch, 100 watches it after
 * @param duration how long the stage is watched before it is judged (ISO-8601, e.g. PT2H)
 * @param interval how often the gate measures (e.g. PT10S)
 * @param initialDelay how long after the stage starts (after its traffic or flag change) the first reading is taken, so
 *     that the metrics' rate windows see the new state; default the interval
 * @param minMeasurements valid readings the stage needs before it may pass (default 3); fewer at the end of the stage,
 *     or a last reading without a number, is inconclusive and never a pass
 * @param thresholds query name → limit, all must hold
 * @param failureLimit failed measurements in a row that breach the stage (0 or unset: 1, the first failure breaches); an
 *     inconclusive measurement between failures neither adds to nor resets the row
 * @param onInconclusive what an inconclusive measurement (no data, provider error, NaN) does
 * @param onBreach rollback (canary, ramp), investigate (a person decides once the breach lasted; full rollout) or ask
 *     (feature-flag: the deciders decide at once, shown the compare mode's samples of disagreement)
 * @param breachTolerance investigate only: how long a breach must last before the investigation opens (e.g. PT1H)
 * @param reportEvery a report on this cycle while the stage runs (compare mode: P1D); the feature-flag switch watch runs
 *     its smoke tests on this cycle (PT1H). Required by those two feature-flag stages, optional elsewhere
 * @param flags logical flag name → value set when the stage starts (feature-flag and staged-flags strategies)
 * @param audience who gets the new version first (e.g. internal teams), for staged flags
 */
public record Stage(
    String name,
    Integer weight,
    Duration duration,
    Duration interval,
    Duration initialDelay,
    int minMeasurements,
    Map<String, Threshold> thresholds,
    int failureLimit,
    InconclusivePolicy onInconclusive,
    BreachAction onBreach,
    Duration breachTolerance,
    Duration reportEvery,
    Map<String, Object> flags,
    List<String> audience) {

  /** The schema cannot say "the interval" as a default, so the stage fills in its own. */
  public Stage {
    initialDelay = initialDelay == null ? interval : initialDelay;
  }

  /** What an inconclusive measurement does. */
  public enum InconclusivePolicy {
    /**
     * Counts toward the source's consecutive-error limit; past it the stage breaches (Argo Rollouts' behaviour), as it
     * does when it ends with too few valid readings.
     */
    COUNT_AS_ERROR,
    /**
     * Asks a person whether to keep watching or roll back; for a stage that ends without enough valid readings, whether
     * to watch it again or roll back.
     */
    ASK,
    /** Breaches the stage at once. */
    ROLLBACK;

    @JsonValue
    public String specName() {
      return SpecNames.of(this);
    }
  }

  /** What a breach does. */
  public enum BreachAction {
    /** Rolls back at once. */
    ROLLBACK,
    /** Asks a person once the breach has lasted {@link Stage#breachTolerance()} (canary, blue-green, staged flags). */
    INVESTIGATE,
    /** Asks the deciders at once, with the evidence: go watches the stage again, no-go rolls back (feature-flag). */
    ASK;

    @JsonValue
    public String specName() {
      return SpecNames.of(this);
    }
  }
}
