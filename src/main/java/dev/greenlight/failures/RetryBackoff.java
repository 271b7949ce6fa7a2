package dev.greenlight.failures;

import java.time.Duration;
import java.util.random.RandomGenerator;

/** The pauses between tries of a failed job: exponential, capped, with jitter ({@link JobRetryProperties}). */
public final class RetryBackoff {

  private final JobRetryProperties properties;
  private final RandomGenerator random;

  public RetryBackoff(JobRetryProperties properties, RandomGenerator random) {
    this.properties = properties;
    this.random = random;
  }

  /** The pause after the job's {@code failures}-th failure (1 = the first). */
  public Duration after(int failures) {
    return pause(failures, properties.max());
  }

  /** The pause after a rollback step's {@code failures}-th failure: the same curve, capped lower. */
  public Duration afterRollbackFailure(int failures) {
    Duration cap = properties.rollbackMax().compareTo(properties.max()) < 0 ? properties.rollbackMax() : properties.max();
    return pause(failures, cap);
  }

  private Duration pause(int failures, Duration cap) {
    double exponential = properties.initial().toMillis() * Math.pow(properties.multiplier(), Math.max(0, failures - 1));
    double capped = Math.min(exponential, cap.toMillis());
    double jittered = capped * (1 + properties.jitter() * (2 * random.nextDouble() - 1));
    return Duration.ofMillis(Math.max(1, Math.round(jittered)));
  }
}
