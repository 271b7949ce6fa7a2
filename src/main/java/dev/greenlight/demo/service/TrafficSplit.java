package dev.greenlight.demo.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The router in front of the two versions: {@code canary} percent of requests go to the canary slot, the rest to
 * stable, deterministically (request n goes to the canary when n mod 100 is below the weight), so even 1 % is exact.
 * Every change is kept with the instant it arrived, which is how the demo measures when traffic came back.
 */
public final class TrafficSplit {

  /** A change of weights as the router received it. */
  public record WeightChange(Instant at, int stable, int canary) {}

  private final AtomicLong requests = new AtomicLong();
  private final List<WeightChange> changes = new ArrayList<>();
  private volatile int canary;

  Slot pick() {
    return requests.getAndIncrement() % 100 < canary ? Slot.CANARY : Slot.STABLE;
  }

  synchronized void set(int stable, int canary, Instant at) {
    if (stable < 0 || canary < 0 || stable + canary != 100) {
      throw new IllegalArgumentException("weights must be two non-negative numbers adding up to 100, got stable "
          + stable + " and canary " + canary);
    }
    this.canary = canary;
    changes.add(new WeightChange(at, stable, canary));
  }

  public int canary() {
    return canary;
  }

  public synchronized List<WeightChange> changes() {
    return List.copyOf(changes);
  }
}
