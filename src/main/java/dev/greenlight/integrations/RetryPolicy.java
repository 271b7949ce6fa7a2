package dev.greenlight.integrations;

import java.time.Duration;

/**
 * How often a call to a peer whose outages are usually short (Slack, PagerDuty) is tried, and how long to pause
 * between tries: the pause doubles after each transient failure. {@link BackgroundRetries} carries the tries out.
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
}
