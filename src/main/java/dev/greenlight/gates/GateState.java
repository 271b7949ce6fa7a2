package dev.greenlight.gates;

import dev.greenlight.spec.RollbackTrigger.RollbackAction;
import java.time.Instant;
import java.util.Map;

/**
 * The {@code gate} process variable: the latest measurement of a stage and the counters carried to the next one.
 * Small on purpose, since it is written once per interval for every running rollout.
 *
 * @param stage the stage measured; counters restart when it changes
 * @param verdict the measurement overall: fail if any metric failed, else inconclusive if any had no number, else pass
 * @param metrics the verdict per query name, with the measured values
 * @param consecutiveFailures failed measurements in a row (an inconclusive one neither adds nor resets)
 * @param consecutiveErrors inconclusive measurements in a row
 * @param failingSince when the current row of failed measurements began; null when the last measurement did not fail
 * @param measuredAt when this measurement was taken
 * @param breached whether the stage is breached: a rollback trigger fired, the failure limit was reached, or
 *     inconclusive measurements went past what the stage allows
 * @param breachReason for people: what breached the stage, with the values
 * @param trigger the rollback trigger that fired; null when none did
 * @param action the fired trigger's rollback; null when no trigger fired (the stage's {@code onBreach} applies)
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
    RollbackAction action) {}
