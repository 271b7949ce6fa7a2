package dev.greenlight.gates;

/**
 * One metric at one measurement.
 *
 * @param verdict pass, fail (breaks its threshold or fires a rollback trigger) or inconclusive (no number)
 * @param value the measured number; null when inconclusive
 * @param limit the threshold or trigger condition it was held to, as written in the spec; null for none
 * @param reason why it failed or is inconclusive; null when it passed
 */
public record MetricVerdict(GateVerdict verdict, Double value, String limit, String reason) {}
