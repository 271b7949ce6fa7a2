package dev.greenlight.engine.embedded;

import java.nio.file.Path;

/**
 * The engine's data directory holds records that were acknowledged but no longer read back, or a state and a log that
 * do not belong together. The engine does not start on it: starting would silently lose or repeat rollout steps.
 */
public class LogDamagedException extends IllegalStateException {

  LogDamagedException(Path directory, String what) {
    super("The embedded engine's data in " + directory.toAbsolutePath() + " is damaged: " + what
        + ". Restore the data directory from a backup (README: \"The data directory\"), or move it away to start"
        + " with an empty engine.");
  }
}
