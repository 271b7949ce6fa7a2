package dev.greenlight.demo;

import java.time.Duration;
import java.time.Instant;

/**
 * When the bad release's fault began and when each part of the automatic rollback happened. The fault and the
 * traffic instants are recorded by the demo service itself: when it injected the fault and when the router's
 * {@code PUT} of all traffic to stable arrived.
 *
 * @param faultInjected the service started failing the canary's requests
 * @param breachDetected the gate measurement that breached the stage; null if none did
 * @param trafficReverted the router received 100 % stable; null if it never did
 * @param dataKept the rollback counted the rows written since the backup and left the database as it was; null if
 *     it did not
 * @param oncallPaged PagerDuty received the trigger; null if it did not
 */
record RollbackTiming(Instant faultInjected, Instant breachDetected, Instant trafficReverted, Instant dataKept,
    Instant oncallPaged) {

  /** Breach to rollback, measured: from the injected fault to traffic back on stable. */
  Duration faultToTrafficReverted() {
    return trafficReverted == null ? null : Duration.between(faultInjected, trafficReverted);
  }

  Duration since(Instant instant) {
    return instant == null ? null : Duration.between(faultInjected, instant);
  }
}
