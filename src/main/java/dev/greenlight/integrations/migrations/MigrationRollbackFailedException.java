package dev.greenlight.integrations.migrations;

/**
 * The migration tool could not undo the rollout's migrations: the rollback command failed or Liquibase refused the
 * rollback. The database still holds the migrations (all or some of them); the message is the tool's own reason and
 * the report ({@code applied} true) keeps its output. A business outcome, not a fault of Greenlight: retrying the same
 * rollback does not change the tool's answer, so the rollback process routes on it.
 */
public class MigrationRollbackFailedException extends RuntimeException {

  private final transient MigrationReport report;

  public MigrationRollbackFailedException(String message, MigrationReport report, Throwable cause) {
    super(message, cause);
    this.report = report;
  }

  public MigrationReport report() {
    return report;
  }
}
