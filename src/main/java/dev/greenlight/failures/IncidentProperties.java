package dev.greenlight.failures;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code greenlight.incidents.*}: when a rollout that waits on an incident becomes an emergency.
 *
 * @param pageAfter how long a rollout may wait on an incident before the on-call is paged, default 10 min
 * @param checkEvery how often the waiting rollouts are looked at, default 15 s
 */
@ConfigurationProperties(prefix = "greenlight.incidents")
public record IncidentProperties(Duration pageAfter, Duration checkEvery) {

  public IncidentProperties {
    pageAfter = pageAfter == null ? Duration.ofMinutes(10) : pageAfter;
    checkEvery = checkEvery == null ? Duration.ofSeconds(15) : checkEvery;
  }
}
