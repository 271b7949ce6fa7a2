package dev.greenlight.gates;

import dev.greenlight.gates.QueryPreflight.PreflightResult;
import dev.greenlight.integrations.metrics.MetricProviders;
import dev.greenlight.integrations.release.ReleaseProviderFactory;
import dev.greenlight.spec.RunbookSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The check before every rollout start (REST and CLI alike): each of the runbook's queries is run once for the stable
 * version ({@link QueryPreflight}), which the runbook's release provider names where it can ({@code
 * release.command.currentVersion}, the Kubernetes Deployment's image tag). A query that fails or sees no series
 * refuses the start.
 */
@Component
public class RolloutPreflight {

  private static final Logger log = LoggerFactory.getLogger(RolloutPreflight.class);

  private final QueryPreflight queries;
  private final ReleaseProviderFactory releases;

  public RolloutPreflight(MetricProviders providers, ReleaseProviderFactory releases) {
    this.queries = new QueryPreflight(providers);
    this.releases = releases;
  }

  /** Returns when every query answered; throws {@link QueriesNotAnsweredException} naming those that did not. */
  public void require(RunbookSpec runbook) {
    PreflightResult result = queries.check(runbook, liveVersion(runbook));
    if (!result.passed()) {
      log.info("Rollout of {} refused: {} of its {} queries did not answer {}: {}", runbook.service(),
          result.failures().size(), result.readings().size(), result.askedAbout(), String.join("; ", result.failures()));
      throw new QueriesNotAnsweredException(runbook.service(), result);
    }
    log.info("Rollout of {}: all {} queries answered {}", runbook.service(), result.readings().size(),
        result.askedAbout());
  }

  private String liveVersion(RunbookSpec runbook) {
    if (runbook.release() == null) {
      return null;
    }
    try {
      return releases.forTarget(runbook.release()).liveVersion(runbook.service()).orElse(null);
    } catch (RuntimeException e) {
      log.warn("The release provider of {} could not tell the live version ({}); its queries are checked across all"
          + " versions", runbook.service(), e.getMessage());
      return null;
    }
  }
}
