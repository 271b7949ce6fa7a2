package dev.greenlight.demo.service;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * Which version runs in each slot, and the faults injected into a version. A canary slot without its own version
 * runs the stable one. A fault belongs to the version it was injected into, so it goes away when that version does.
 */
public final class Releases {

  /** What a faulty version does: fail this share of requests and answer this much later. */
  public record Fault(String version, double errorRate, Duration addedLatency, Instant injectedAt) {}

  private final Map<Slot, String> versions = new EnumMap<>(Slot.class);
  private volatile Fault fault;

  Releases(String stableVersion) {
    versions.put(Slot.STABLE, stableVersion);
  }

  synchronized String version(Slot slot) {
    return versions.getOrDefault(slot, versions.get(Slot.STABLE));
  }

  /** Makes the version live in the slot; returns the version it replaced. */
  synchronized String deploy(Slot slot, String version) {
    String previous = version(slot);
    versions.put(slot, version);
    return previous;
  }

  /** Injects a fault into the version the canary slot runs now. */
  synchronized Fault inject(double errorRate, Duration addedLatency, Instant at) {
    fault = new Fault(version(Slot.CANARY), errorRate, addedLatency, at);
    return fault;
  }

  /** The fault of the version that serves a request, if it has one. */
  Optional<Fault> faultOf(String version) {
    Fault current = fault;
    return current != null && current.version().equals(version) ? Optional.of(current) : Optional.empty();
  }

  public Optional<Fault> lastFault() {
    return Optional.ofNullable(fault);
  }
}
