package dev.greenlight.integrations.smoke;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The outcome of a smoke-test run: every check in spec order, and whether all passed.
 *
 * @param passed true when every check passed (and when there was nothing to check)
 * @param checks one result per check, in the order of the spec
 * @param skipped true when the runbook has no smoke tests, so nothing was checked
 */
public record SmokeReport(boolean passed, List<SmokeCheckResult> checks, boolean skipped) {

  static SmokeReport of(List<SmokeCheckResult> checks) {
    return new SmokeReport(checks.stream().allMatch(SmokeCheckResult::passed), List.copyOf(checks), false);
  }

  /** A runbook without {@code smokeTests}: the step passes and says that it checked nothing. */
  static SmokeReport nothingToCheck() {
    return new SmokeReport(true, List.of(), true);
  }

  public List<SmokeCheckResult> failedChecks() {
    return checks.stream().filter(check -> !check.passed()).toList();
  }

  /**
   * One line for people and BPMN error messages, saying which checks failed and why, e.g. {@code 1 of 3 smoke checks
   * failed: health (GET https://api/health): expected status 200, got 503; $.status was "degraded", expected "ok"};
   * several failed checks are separated by {@code " — "}.
   */
  public String summary() {
    if (skipped) {
      return "skipped: the runbook has no smokeTests, so nothing was checked";
    }
    List<SmokeCheckResult> failed = failedChecks();
    if (failed.isEmpty()) {
      return "all " + checks.size() + " smoke checks passed";
    }
    return failed.size() + " of " + checks.size() + " smoke checks failed: " + failed.stream()
        .map(check -> check.name() + " (" + check.method() + " " + check.url() + "): "
            + String.join("; ", check.failures()))
        .collect(Collectors.joining(" — "));
  }
}
