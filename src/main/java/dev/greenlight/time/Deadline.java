package dev.greenlight.time;

import java.time.Duration;

/**
 * How long something outside may still take — a command, a pipeline, a rollout on Kubernetes, an engine's answer —
 * on a {@link Stopwatch}, which neither time travel nor a change of the wall clock moves. Every deadline in Greenlight
 * is one of these; what happened when, in a rollout, is read from the rollout's {@link java.time.Clock} instead (see
 * {@code package-info}).
 */
public final class Deadline {

  private final Duration limit;
  private final Stopwatch stopwatch = Stopwatch.start();

  private Deadline(Duration limit) {
    this.limit = limit;
  }

  /** A deadline {@code limit} from now. */
  public static Deadline in(Duration limit) {
    return new Deadline(limit);
  }

  /** The time it was given. */
  public Duration limit() {
    return limit;
  }

  /** The time since it was set. */
  public Duration elapsed() {
    return stopwatch.elapsed();
  }

  /** The time left; zero once it has passed. */
  public Duration remaining() {
    Duration left = limit.minus(stopwatch.elapsed());
    return left.isNegative() ? Duration.ZERO : left;
  }

  public boolean passed() {
    return remaining().isZero();
  }
}
