/**
 * Greenlight reads two kinds of time, each one way.
 *
 * <p>A rollout's time — rollout ids, gate readings, decisions and their timestamps, reports, overdue questions, the
 * age of a gauge — is the one {@link java.time.Clock} bean, taken in the constructor of whatever records a time: the
 * embedded engine's clock in embedded mode ({@code EmbeddedEngineConfiguration}), so it agrees with the engine's
 * timers after a restart and moves with them under time travel, and the system clock in remote mode
 * ({@code RemoteEngineConfiguration}), which the cluster's clock follows.
 *
 * <p>How long an outside call may take, or took, is a {@link dev.greenlight.time.Deadline} or a
 * {@link dev.greenlight.time.Stopwatch} on the monotonic clock, which only {@code Stopwatch} reads.
 */
package dev.greenlight.time;
