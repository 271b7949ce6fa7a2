package dev.greenlight.failures;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.greenlight.api.rollouts.EmbeddedRolloutReadModel;
import dev.greenlight.api.rollouts.RolloutView;
import dev.greenlight.api.rollouts.RolloutView.IncidentView;
import dev.greenlight.engine.EngineProperties;
import dev.greenlight.metrics.GreenlightMetrics;
import dev.greenlight.spec.RunbookSpec;
import dev.greenlight.spec.Strategy;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * A runbook step that cannot run never waits in silence. Every {@code greenlight.incidents.check-every} the running
 * rollouts are looked at: one waiting on an incident longer than {@code greenlight.incidents.page-after} (measured on
 * the engine's clock, so time travel ages incidents too) pages its runbook's on-call with the incident's message and
 * tells Slack; an incident inside a rollback pages at once. Each incident is paged once. The open incidents per
 * strategy and service go to {@code greenlight_rollout_incidents}. Embedded engine only: it reads the
 * {@link EmbeddedRolloutReadModel}; on a cluster, Operate shows incidents and the job failures page as they happen.
 */
@Component
@ConditionalOnProperty(name = EngineProperties.MODE, havingValue = "embedded", matchIfMissing = true)
public class StuckRollouts {

  private static final Logger log = LoggerFactory.getLogger(StuckRollouts.class);

  private final EmbeddedRolloutReadModel rollouts;
  private final FailureNotifier notifier;
  private final GreenlightMetrics metrics;
  private final IncidentProperties properties;
  private final Clock clock;
  private final ObjectMapper json;
  private final Set<Long> paged = ConcurrentHashMap.newKeySet();

  public StuckRollouts(EmbeddedRolloutReadModel rollouts, FailureNotifier notifier, GreenlightMetrics metrics,
      IncidentProperties properties, Clock clock, ObjectMapper json) {
    this.rollouts = rollouts;
    this.notifier = notifier;
    this.metrics = metrics;
    this.properties = properties;
    this.clock = clock;
    this.json = json;
  }

  @Scheduled(fixedDelayString = "${greenlight.incidents.check-every:PT15S}")
  public synchronized void check() {
    Instant now = clock.instant();
    Map<GreenlightMetrics.RolloutKind, Integer> open = new HashMap<>();
    Set<Long> openIncidents = new HashSet<>();
    for (RolloutView rollout : rollouts.all()) {
      if (rollout.ended() || rollout.service() == null) {
        continue;
      }
      strategy(rollout).ifPresent(strategy -> open.merge(new GreenlightMetrics.RolloutKind(strategy,
          rollout.service()), rollout.incidents().size(), Integer::sum));
      for (IncidentView incident : rollout.incidents()) {
        openIncidents.add(incident.key());
        boolean due = incident.duringRollback() || !incident.since().plus(properties.pageAfter()).isAfter(now);
        if (due && paged.add(incident.key())) {
          page(rollout, incident);
        }
      }
    }
    paged.retainAll(openIncidents);
    metrics.openIncidents(open);
  }

  private void page(RolloutView rollout, IncidentView incident) {
    RunbookSpec runbook = rollouts.runbook(rollout.rolloutId()).map(this::runbook).orElse(null);
    String message = incident.path() + " (waiting since " + incident.since() + "): " + incident.message();
    log.warn("Rollout {} is stuck on an incident: {}", rollout.rolloutId(), message);
    if (incident.duringRollback()) {
      notifier.rollbackStuck(rollout.rolloutId(), runbook, rollout.version(), message);
    } else {
      notifier.stuck(rollout.rolloutId(), runbook, rollout.version(), incident.key(), message);
    }
  }

  private RunbookSpec runbook(JsonNode runbook) {
    try {
      return json.treeToValue(runbook, RunbookSpec.class);
    } catch (JsonProcessingException | IllegalArgumentException unreadable) {
      log.warn("The runbook of a stuck rollout does not read as one, so its channels are unknown: {}",
          unreadable.getMessage());
      return null;
    }
  }

  private static Optional<Strategy> strategy(RolloutView rollout) {
    return Arrays.stream(Strategy.values()).filter(s -> s.specName().equals(rollout.strategy())).findFirst();
  }
}
