package dev.greenlight.integrations.database;

import java.util.regex.Pattern;

/**
 * Which job a backup belongs to: a retried job (same rollout, same element instance) finds the backup it already took.
 *
 * @param service the service whose database is backed up
 * @param rolloutId the rollout taking the backup
 * @param elementInstanceKey the BPMN element instance of the backup task
 */
public record BackupKey(String service, String rolloutId, long elementInstanceKey) {

  private static final Pattern FILE_NAME_SAFE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

  public BackupKey {
    requireFileNameSafe("service", service);
    requireFileNameSafe("rollout id", rolloutId);
  }

  /** The start of every file name of this backup: {@code service-rolloutId}. */
  public String prefix() {
    return service + "-" + rolloutId;
  }

  private static void requireFileNameSafe(String what, String value) {
    if (value == null || !FILE_NAME_SAFE.matcher(value).matches()) {
      throw new IllegalArgumentException("The " + what + " '" + value + "' cannot name a backup file: use letters,"
          + " digits, dots, dashes and underscores, starting with a letter or digit");
    }
  }
}
