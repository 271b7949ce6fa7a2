package dev.greenlight.integrations.migrations;

/**
 * A migration failed and was undone: the database is as it was before. The message says why it failed and what was
 * done; the report holds the tool's output.
 */
public class MigrationFailedException extends RuntimeException {

  private final transient MigrationReport report;

  public MigrationFailedException(String message, MigrationReport report, Throwable cause) {
    super(message, cause);
    this.report = report;
  }

  public MigrationReport report() {
    return report;
  }
}
