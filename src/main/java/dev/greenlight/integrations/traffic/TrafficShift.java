package dev.greenlight.integrations.traffic;

import java.time.Instant;

/**
 * A traffic change as the router confirmed it.
 *
 * @param stable percent on the stable version, read back
 * @param canary percent on the new version, read back
 * @param side blue or green when one side has all the traffic, else null
 * @param confirmedAt when the read-back confirmed the change (the end of a breach-to-rollback measurement)
 */
public record TrafficShift(int stable, int canary, String side, Instant confirmedAt) {}
