package dev.greenlight.spec;

import java.time.Duration;
import java.util.List;

/**
 * A team's description of one service's rollouts: what to deploy to, how to measure it, who decides. Read from YAML
 * (see {@code docs/runbook-spec.md}) and validated before anything starts. Sections a strategy does not use are null.
 * Secrets never appear here: fields ending in {@code Secret} hold the name of a secret, resolved at the last moment.
 *
 * @param service the service being rolled out (lower-case, digits and dashes)
 * @param strategy which runbook process runs it
 * @param description one line for people
 * @param database the service's database: backups, migrations, what a rollback may do with the data
 * @param flags the feature-flag store
 * @param traffic the router that splits traffic between the stable and the new version
 * @param release how a version is deployed, reverted, restarted and scaled
 * @param smokeTests HTTP checks run after each change
 * @param metrics where gate measurements come from, with the named queries that thresholds refer to
 * @param stages the monitored stages, in order
 * @param rollbackTriggers conditions that roll back at once, whatever the stage (red flags)
 * @param approvals sign-off roles and go/no-go deciders
 * @param notifications Slack, PagerDuty and escalation timings
 * @param reviewAfter feature-flag: how long after the switch watch the post-deployment review is asked for (default
 *     P7D)
 * @param reports where the service's reports come from; required by the feature-flag strategy
 */
public record RunbookSpec(
    String service,
    Strategy strategy,
    String description,
    DatabaseTarget database,
    FlagTarget flags,
    TrafficTarget traffic,
    ReleaseTarget release,
    SmokeTests smokeTests,
    MetricSource metrics,
    List<Stage> stages,
    List<RollbackTrigger> rollbackTriggers,
    Approvals approvals,
    Notifications notifications,
    Duration reviewAfter,
    Reports reports) {

  /** A spec without the feature-flag strategy's {@code reviewAfter} and {@code reports}. */
  public RunbookSpec(String service, Strategy strategy, String description, DatabaseTarget database, FlagTarget flags,
      TrafficTarget traffic, ReleaseTarget release, SmokeTests smokeTests, MetricSource metrics, List<Stage> stages,
      List<RollbackTrigger> rollbackTriggers, Approvals approvals, Notifications notifications) {
    this(service, strategy, description, database, flags, traffic, release, smokeTests, metrics, stages,
        rollbackTriggers, approvals, notifications, null, null);
  }
}
