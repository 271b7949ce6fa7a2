package dev.greenlight.gates;

import dev.greenlight.integrations.compare.CompareSample;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One watched stage in the rollout's record ({@code stageHistory}, oldest first): its readings, their verdicts, its last
 * reading and its breach. Written when the stage's watch ends, so a later stage never overwrites it; a stage watched
 * again (after a person carried on from a breach or from too few readings) has an entry per watch.
 *
 * @param stage the stage's name
 * @param startedAt when its watch started; null when not known
 * @param endedAt when its watch ended
 * @param outcome {@code passed}, {@code breached}, {@code alert} (an Alertmanager alert ended it) or {@code stopped}
 *     (a person said no to inconclusive readings)
 * @param readings readings taken in this watch
 * @param passedReadings readings whose every metric held
 * @param failedReadings readings where a metric failed
 * @param inconclusiveReadings readings where a metric had no number
 * @param lastVerdict the last reading's verdict, or the stage's at its end when it had too few valid readings; null
 *     when no reading was taken
 * @param lastReadingAt when that was
 * @param metrics the last reading per metric, with values, limits and reasons
 * @param breach what breached the stage; null when it did not breach
 * @param samples the service's samples of disagreement when compare inputs failed at the last reading; empty otherwise
 * @param watch the watch's element instance in the engine, so that a record is added once
 */
public record StageRecord(
    String stage,
    Instant startedAt,
    Instant endedAt,
    String outcome,
    int readings,
    int passedReadings,
    int failedReadings,
    int inconclusiveReadings,
    GateVerdict lastVerdict,
    Instant lastReadingAt,
    Map<String, MetricVerdict> metrics,
    Breach breach,
    List<CompareSample> samples,
    long watch) {

  /**
   * @param reason in the runbook's units
   * @param trigger the rollback trigger that fired; null when a threshold was broken
   * @param action the fired trigger's rollback; null when the stage's {@code onBreach} applies
   */
  public record Breach(String reason, String trigger, String action) {}

  /**
   * The record of a watch that ended.
   *
   * @param gate the gate when the watch ended: this stage's, or another's (or null) when it took no reading
   * @param outcome the monitoring window's {@code stageOutcome}
   */
  public static StageRecord of(String stage, GateState gate, String outcome, Instant startedAt, Instant endedAt,
      long watch) {
    boolean measured = gate != null && Objects.equals(stage, gate.stage());
    String ended = outcome == null ? "stopped" : switch (outcome) {
      case "passed", "breached", "alert" -> outcome;
      default -> "stopped";
    };
    if (!measured) {
      Breach breach = gate != null && gate.breached() && "alert".equals(ended)
          ? new Breach(gate.breachReason(), null, null) : null;
      return new StageRecord(stage, startedAt, endedAt, ended, 0, 0, 0, 0, null, null, Map.of(), breach, List.of(),
          watch);
    }
    int readings = Math.max(gate.readings(), gate.validReadings());
    Breach breach = gate.breached() ? new Breach(gate.breachReason(), gate.trigger(),
        gate.action() == null ? null : gate.action().specName()) : null;
    return new StageRecord(stage, startedAt, endedAt, ended, readings, gate.validReadings() - gate.failedReadings(),
        gate.failedReadings(), readings - gate.validReadings(), gate.verdict(), gate.measuredAt(), gate.metrics(),
        breach, gate.samples(), watch);
  }
}
