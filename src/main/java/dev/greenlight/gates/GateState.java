package dev.greenlight.gates;

import dev.greenlight.integrations.compare.CompareSample;
import dev.greenlight.spec.RollbackTrigger.RollbackAction;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The {@code gate} process variable: the latest reading of a stage and the counters carried to the next one, and at
 * the stage's end its verdict on the evidence. Small on purpose, since it is written once per interval for every
 * running rollout.
 *
 * @param stage the stage measured; the failure count and the valid readings restart when it changes, the readings
 *     without a number in a row carry on
 * @param verdict the reading overall: fail if any metric failed, else inconclusive if any had no number, else pass; at
 *     a stage's end without enough valid readings, inconclusive
 * @param metrics the verdict per query name, with the measured values
 * @param consecutiveFailures failed measurements in a row (an inconclusive one neither adds nor resets)
 * @param consecutiveErrors readings without a number in a row, across stages
 * @param failingSince when the current row of failed measurements began; null when the last measurement did not fail
 * @param measuredAt when this reading was taken; at a stage's end without enough evidence, when that was found
 * @param breached whether the stage is breached: a rollback trigger fired, the failure limit was reached, readings
 *     without a number went past what the stage allows, or it ended without enough valid readings
 * @param breachReason for people, in the runbook's units: what breached the stage, or why it could not pass at its end
 * @param trigger the rollback trigger that fired; null when none did
 * @param action the fired trigger's rollback; null when no trigger fired (the stage's {@code onBreach} applies)
 * @param validReadings readings of this stage that gave a number for every metric
 * @param readings readings of this stage, with or without a number
 * @param failedReadings readings of this stage that failed
 * @param accepted compare input → the count a person accepted by carrying on after a breach of this stage; the input
 *     is judged on what came since (see {@link CompareInputs}); empty when none was accepted
 * @param samples at a reading whose compare inputs fail, the service's samples where the systems disagreed (at most
 *     {@value CompareInputs#SAMPLES_KEPT}), for the people asked about it; empty otherwise
 */
public record GateState(
    String stage,
    GateVerdict verdict,
    Map<String, MetricVerdict> metrics,
    int consecutiveFailures,
    int consecutiveErrors,
    Instant failingSince,
    Instant measuredAt,
    boolean breached,
    String breachReason,
    String trigger,
    RollbackAction action,
    int validReadings,
    int readings,
    int failedReadings,
    Map<String, Double> accepted,
    List<CompareSample> samples) {

  public GateState {
    accepted = accepted == null ? Map.of() : accepted;
    samples = samples == null ? List.of() : samples;
  }

  /** This reading with the samples the service gave of its disagreements. */
  GateState withSamples(List<CompareSample> disagreements) {
    return new GateState(stage, verdict, metrics, consecutiveFailures, consecutiveErrors, failingSince, measuredAt,
        breached, breachReason, trigger, action, validReadings, readings, failedReadings, accepted, disagreements);
  }
}
