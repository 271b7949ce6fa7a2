package dev.greenlight.bench;

import java.time.Duration;
import java.util.Arrays;
import java.util.OptionalLong;

/**
 * When each rollout's gate checks reached the metric source ({@link System#nanoTime()} instants), and the lag they
 * show: a check is late by how much more than the interval passed since the rollout's previous check. The engine
 * starts the interval timer only once a check has completed, so a check's own duration counts as lateness of the
 * next one, as do the timer firing late, job activation and the worker's queue.
 */
final class CheckArrivals {

  private final long[][] arrivals;
  private final int[] counts;
  private final Object[] locks;

  CheckArrivals(int rollouts) {
    arrivals = new long[rollouts][8];
    counts = new int[rollouts];
    locks = new Object[rollouts];
    Arrays.setAll(locks, i -> new Object());
  }

  void record(int rollout, long nanoTime) {
    synchronized (locks[rollout]) {
      long[] times = arrivals[rollout];
      if (counts[rollout] == times.length) {
        times = Arrays.copyOf(times, times.length * 2);
        arrivals[rollout] = times;
      }
      times[counts[rollout]++] = nanoTime;
    }
  }

  /** Rollouts whose gate has been checked at least once: they are in their monitoring window. */
  int rolloutsChecked() {
    int checked = 0;
    for (int i = 0; i < counts.length; i++) {
      if (checks(i).length > 0) {
        checked++;
      }
    }
    return checked;
  }

  /** When every rollout had had a check at or after {@code since}; empty while one has not. */
  OptionalLong allCheckedSince(long since) {
    long last = since;
    for (int i = 0; i < counts.length; i++) {
      long first = Arrays.stream(checks(i)).filter(arrived -> arrived - since >= 0).findFirst().orElse(since - 1);
      if (first - since < 0) {
        return OptionalLong.empty();
      }
      last = Math.max(last, first);
    }
    return OptionalLong.of(last);
  }

  /** Checks that arrived in {@code [from, to)}, all rollouts together. */
  int checksBetween(long from, long to) {
    int total = 0;
    for (int i = 0; i < counts.length; i++) {
      for (long arrived : checks(i)) {
        if (arrived >= from && arrived < to) {
          total++;
        }
      }
    }
    return total;
  }

  /**
   * The lag in milliseconds of every check that arrived in {@code [from, to)} after an earlier check of its rollout:
   * {@code arrival(n) − arrival(n−1) − interval}.
   */
  Samples lags(Duration interval, long from, long to) {
    Samples lags = new Samples();
    long intervalNanos = interval.toNanos();
    for (int i = 0; i < counts.length; i++) {
      long[] times = checks(i);
      for (int n = 1; n < times.length; n++) {
        if (times[n] >= from && times[n] < to) {
          lags.add((times[n] - times[n - 1] - intervalNanos) / 1e6);
        }
      }
    }
    return lags;
  }

  /**
   * Checks still to come at {@code at}, in milliseconds past their due time (previous check + interval), for the
   * rollouts whose next check is overdue: a gate that stopped being checked shows here, not in {@link #lags}.
   */
  Samples overdue(Duration interval, long at) {
    Samples overdue = new Samples();
    for (int i = 0; i < counts.length; i++) {
      long[] times = checks(i);
      if (times.length > 0) {
        long late = at - times[times.length - 1] - interval.toNanos();
        if (late > 0) {
          overdue.add(late / 1e6);
        }
      }
    }
    return overdue;
  }

  private long[] checks(int rollout) {
    synchronized (locks[rollout]) {
      return Arrays.copyOf(arrivals[rollout], counts[rollout]);
    }
  }
}
