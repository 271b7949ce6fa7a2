package dev.greenlight.failures;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code greenlight.jobs.retry.*}: how every worker's failed job is tried again. The pause after the n-th failure is
 * {@code initial × multiplier^(n-1)}, at most {@code max}, then moved by up to ±{@code jitter} of itself at random,
 * so jobs that failed together (an outage) do not all come back at the same moment. After {@code attempts} attempts
 * the job becomes an incident and the runbook's channels are told. A rollback step never becomes an incident: it is
 * tried again without end, at most {@code rollbackMax} apart, while the on-call is paged.
 *
 * @param initial pause after the first failure, default 5 s
 * @param max longest pause, default 5 min
 * @param multiplier growth of the pause per failure, default 2
 * @param attempts tries of a job before it becomes an incident, default 5
 * @param jitter share of a pause that is random, 0 to 1, default 0.2
 * @param rollbackMax longest pause between tries of a failing rollback step, default 1 min
 */
@ConfigurationProperties(prefix = "greenlight.jobs.retry")
public record JobRetryProperties(Duration initial, Duration max, Double multiplier, Integer attempts, Double jitter,
    Duration rollbackMax) {

  public JobRetryProperties {
    initial = initial == null ? Duration.ofSeconds(5) : initial;
    max = max == null ? Duration.ofMinutes(5) : max;
    multiplier = multiplier == null ? 2.0 : multiplier;
    attempts = attempts == null ? 5 : attempts;
    jitter = jitter == null ? 0.2 : jitter;
    rollbackMax = rollbackMax == null ? Duration.ofMinutes(1) : rollbackMax;
    require(!initial.isNegative() && !initial.isZero(), "initial must be positive, was " + initial);
    require(max.compareTo(initial) >= 0, "max must be at least initial (" + initial + "), was " + max);
    require(multiplier >= 1, "multiplier must be at least 1, was " + multiplier);
    require(attempts >= 1, "attempts must be at least 1, was " + attempts);
    require(jitter >= 0 && jitter <= 1, "jitter must be between 0 and 1, was " + jitter);
    require(!rollbackMax.isNegative() && !rollbackMax.isZero(), "rollback-max must be positive, was " + rollbackMax);
  }

  private static void require(boolean holds, String problem) {
    if (!holds) {
      throw new IllegalArgumentException("greenlight.jobs.retry." + problem);
    }
  }
}
