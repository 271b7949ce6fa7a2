package dev.greenlight.failures;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * How often each job failed so far, counted by this Greenlight instance. The engine keeps only a job's retries left,
 * which a rollback step's endless retries cannot use as a count. A restart, or another instance taking the job, starts
 * the count again: the job then gets a full round of attempts, never fewer. The oldest counts go beyond
 * {@link #CAPACITY}, so jobs that were cancelled while failing cannot fill the memory.
 */
final class JobAttempts {

  static final int CAPACITY = 10_000;

  private final Map<Long, Failures> failures = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Long, Failures> eldest) {
      return size() > CAPACITY;
    }
  };

  /** Counts a failure of the job; returns its failures so far, this one included. */
  synchronized int failed(long jobKey) {
    return failures.merge(jobKey, new Failures(1, false),
        (earlier, now) -> new Failures(earlier.count() + 1, false)).count();
  }

  /** The job's last failure made it an incident, and people were told. */
  synchronized void gaveUp(long jobKey) {
    failures.computeIfPresent(jobKey, (key, counted) -> new Failures(counted.count(), true));
  }

  /** The job completed: what it went through before, if it had failed. */
  synchronized Optional<Failures> succeeded(long jobKey) {
    return Optional.ofNullable(failures.remove(jobKey));
  }

  /**
   * @param count failures so far
   * @param gaveUp whether the last one made the job an incident (so people were told)
   */
  record Failures(int count, boolean gaveUp) {}
}
