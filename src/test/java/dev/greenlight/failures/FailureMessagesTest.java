package dev.greenlight.failures;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class FailureMessagesTest {

  private static final FailedStep DEPLOY = new FailedStep("checkout-20261123-7f3a", "checkout", "2.0.0", null,
      "Release a version › Deploy the version", "deploy-version", 1, 2, false);
  private static final FailedStep BACKUP = new FailedStep("checkout-20261123-7f3a", "checkout", "2.0.0", null,
      "Back up the database", "backup-database", 3, 4, false);

  @Test
  void anIncidentSaysWhereWhatAndWhatToDoWithTheErrorIdForTheLog() {
    String cause = FailureMessages.cause(new IllegalStateException(
        "release.command.deploy cannot run: Cannot start '/opt/deploy.sh' (No such file or directory): check that it"
            + " is installed, executable and on the PATH of the Greenlight process"));

    assertThat(FailureMessages.incident(DEPLOY, cause, 5, "7f3a9c21")).isEqualTo(
        "Release a version › Deploy the version failed 5 times: release.command.deploy cannot run: Cannot start"
            + " '/opt/deploy.sh' (No such file or directory): check that it is installed, executable and on the PATH"
            + " of the Greenlight process — fix the cause, then run `greenlight retry checkout-20261123-7f3a` (or"
            + " `greenlight abort checkout-20261123-7f3a` to roll back). Error 7f3a9c21 in the server log.");
  }

  @Test
  void aStepBeforeAnyChangeSaysSo() {
    assertThat(FailureMessages.incident(BACKUP, "pg_dump could not connect", 3, "1"))
        .startsWith("Stopped before any change: Back up the database failed 3 times: pg_dump could not connect");
  }

  @Test
  void aStackTraceInAMessageIsCutAtItsFirstFrame() {
    String cause = FailureMessages.cause(new IllegalStateException("""
        Could not write report: disk full
        java.io.IOException: No space left on device
        \tat java.base/java.io.FileOutputStream.writeBytes(Native Method)
        \tat dev.greenlight.reports.ReportStore.save(ReportStore.java:51)
        Caused by: something"""));

    assertThat(cause).isEqualTo("Could not write report: disk full java.io.IOException: No space left on device")
        .doesNotContain("\tat ").doesNotContain(".java:");
  }

  @Test
  void aFailureWithoutAMessageIsAFaultOfGreenlight() {
    assertThat(FailureMessages.cause(new NullPointerException()))
        .isEqualTo("Greenlight failed unexpectedly (NullPointerException)");
  }

  @Test
  void aLongMessageIsShortened() {
    assertThat(FailureMessages.cause(new IllegalStateException("x".repeat(5000))))
        .hasSize(FailureMessages.CAUSE_LIMIT + 1).endsWith("…");
  }

  @Test
  void retryingAndRollbackMessagesSayWhenTheNextAttemptIs() {
    assertThat(FailureMessages.retrying(DEPLOY, "exit 1", 2, 5, Duration.ofSeconds(40)))
        .isEqualTo("Release a version › Deploy the version failed (attempt 2 of 5): exit 1. Trying again in 40 s.");
    assertThat(FailureMessages.rollbackStep(DEPLOY, "nginx reload failed", 3, Duration.ofMillis(1500), "ab12"))
        .isEqualTo("Release a version › Deploy the version failed 3 times: nginx reload failed."
            + " Greenlight tries again until it works (next in 1.5 s) and has paged the on-call; error ab12 in the"
            + " server log.");
  }
}
