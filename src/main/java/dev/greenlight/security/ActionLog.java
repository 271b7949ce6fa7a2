package dev.greenlight.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * One INFO line for every start, abort, retry and decision: what, on which rollout, by whom, from where and with which
 * runbook content. The logger is {@value #LOGGER}, so operators can send these lines where their audit trail lives.
 * Only names, channels, digests and the person's own words are logged, never a secret.
 */
@Component
public class ActionLog {

  public static final String LOGGER = "dev.greenlight.audit";
  private static final Logger log = LoggerFactory.getLogger(LOGGER);

  /**
   * @param action e.g. {@code started}, {@code abort requested}, {@code retried},
   *     {@code decided go on 'Security sign-off' (123) as security-lead}
   * @param by the caller's name; null when nobody verified is known (a start on the cluster)
   * @param runbookSha256 the rollout's runbook content, null when not known yet
   * @param detail what else people need (runbook name, reason, comment), or null
   */
  public void record(String rolloutId, String action, String by, Channel via, String runbookSha256, String detail) {
    log.info("Rollout {} {} by {} via {}, runbook sha256 {}{}", rolloutId == null ? "(no rollout id)" : rolloutId,
        action, by == null ? "an unverified caller" : by, via.specName(),
        runbookSha256 == null ? "unknown" : runbookSha256,
        detail == null || detail.isBlank() ? "" : ": " + detail.replaceAll("[\\r\\n]+", " "));
  }
}
