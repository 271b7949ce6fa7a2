package dev.greenlight.integrations;

import java.time.Duration;

/**
 * Tries a call a bounded number of times, doubling the pause after each transient failure, for peers whose outages
 * are usually short (Slack, PagerDuty). Failures that are not {@link TransientFailure}s end the attempts at once.
 *
 * @param attempts how many times the call is made at most (at least 1)
 * @param firstBackoff the pause after the first failure; each later pause is twice the one before
 */
public record RetryPolicy(int attempts, Duration firstBackoff) {

  public RetryPolicy {
    if (attempts < 1) {
      throw new IllegalArgumentException("attempts must be at least 1, was " + attempts);
    }
    if (firstBackoff == null || firstBackoff.isNegative()) {
      throw new IllegalArgumentException("firstBackoff must be zero or positive, was " + firstBackoff);
    }
  }

  /** One try of the call. */
  @FunctionalInterface
  public interface Attempt<T> {
    T run() throws TransientFailure;
  }

  /** A failure that may pass if the call is tried again (peer unreachable, rate limited, 5xx). */
  public static class TransientFailure extends Exception {
    public TransientFailure(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** Every attempt failed transiently; the message names the call, the attempts and the last failure. */
  public static class RetriesExhaustedException extends RuntimeException {
    RetriesExhaustedException(String call, int attempts, TransientFailure last) {
      super(call + " failed " + attempts + " time(s), last: " + last.getMessage(), last);
    }
  }

  public <T> T run(String call, Attempt<T> attempt) {
    Duration backoff = firstBackoff;
    for (int tried = 1; ; tried++) {
      try {
        return attempt.run();
      } catch (TransientFailure failure) {
        if (tried == attempts) {
          throw new RetriesExhaustedException(call, attempts, failure);
        }
        pause(call, backoff, failure);
        backoff = backoff.multipliedBy(2);
      }
    }
  }

  private static void pause(String call, Duration backoff, TransientFailure failure) {
    try {
      Thread.sleep(backoff);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(call + " was interrupted while waiting to retry after: " + failure.getMessage(), e);
    }
  }
}
