package dev.greenlight.integrations.release;

import java.util.Optional;

/**
 * What earlier attempts of one release job did, so the job handed out again — its worker crashed, or another
 * Greenlight instance took it over after its timeout — neither loses the version that was live before its first
 * attempt nor restarts the service a second time. The caller keeps it where every attempt of the job finds it (the
 * workers keep it with the job in the engine).
 */
public interface ReleaseJournal {

  /** Remembers nothing: for reads and for changes to absolute values, which no earlier attempt can make wrong. */
  ReleaseJournal NOT_KEPT = new ReleaseJournal() {
    @Override
    public Optional<String> previousVersion() {
      return Optional.empty();
    }

    @Override
    public void recordPreviousVersion(String version) {}

    @Override
    public boolean restarted() {
      return false;
    }

    @Override
    public void recordRestart() {}
  };

  /** The version recorded as live before the job's first attempt, if an attempt recorded it. */
  Optional<String> previousVersion();

  /** Records the version live before the change; done before the change is made. */
  void recordPreviousVersion(String version);

  boolean restarted();

  /** Records that the service was restarted; done right after the restart. */
  void recordRestart();
}
