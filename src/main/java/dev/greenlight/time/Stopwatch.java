package dev.greenlight.time;

import java.time.Duration;

/**
 * How long something outside has taken so far, on the JVM's monotonic clock. This is the one place Greenlight reads
 * that clock: {@link Deadline}, command and request durations all measure with a stopwatch, so a wall clock set back
 * or a rehearsal's time travel can neither cut a call short nor let it run for ever.
 */
public final class Stopwatch {

  private final long startNanos = System.nanoTime();

  private Stopwatch() {}

  public static Stopwatch start() {
    return new Stopwatch();
  }

  public Duration elapsed() {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }
}
