package dev.greenlight.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.greenlight.spec.MetricSource.MetricProvider;
import dev.greenlight.spec.Stage.BreachAction;
import dev.greenlight.spec.Stage.InconclusivePolicy;
import dev.greenlight.spec.Threshold.Comparison;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reading runbook YAML: defaults, and every error reported by path in one pass. */
class SpecReaderTest {

  static final String CANARY = """
      service: checkout
      strategy: canary
      traffic:
        provider: http
        url: http://127.0.0.1:9/api/traffic-weights
      metrics:
        provider: prometheus
        url: http://127.0.0.1:9090
        queries:
          errorRate: {query: 'sum(rate(errors[5m]))', unit: ratio}
          latencyP99: {query: 'histogram_quantile(0.99, x)', unit: seconds}
      stages:
        - name: canary
          weight: 1
          duration: PT2H
          interval: PT1M
          thresholds: {errorRate: "< 1%", latencyP99: "< 200ms"}
        - name: ramp
          weight: 10
          duration: PT4H
          interval: PT1M
          thresholds: {errorRate: "< 0.5%", latencyP99: "< 0.2s"}
        - name: full
          weight: 100
          duration: PT48H
          interval: PT5M
          onBreach: investigate
          breachTolerance: PT1H
          thresholds: {errorRate: "< 0.1%"}
      smokeTests:
        checks:
          - {name: health, url: "http://127.0.0.1:9/health"}
      release:
        provider: command
        command: {deploy: [./deploy.sh], revert: [./revert.sh], currentVersion: [./version.sh]}
      approvals:
        deciders: [release-managers]
      """;

  static final String FEATURE_FLAG = """
      service: msia-api
      strategy: feature-flag
      flags:
        provider: file
        file: /tmp/flags.env
        names: {compareMode: COMPARE_MODE, useNewSystem: USE_ELEMENT_SYSTEM}
      reports:
        compareStatsUrl: http://127.0.0.1:9/compare-stats
      metrics:
        provider: prometheus
        url: http://127.0.0.1:9090
        queries:
          errorRate: {query: 'sum(rate(errors[5m]))', unit: ratio}
      stages:
        - name: dark-launch
          duration: PT30M
          interval: PT1M
          flags: {useNewSystem: false, compareMode: false}
          thresholds: {errorRate: "< 0.1%"}
        - name: compare-mode
          duration: PT48H
          interval: PT5M
          reportEvery: P1D
          thresholds: {errorRate: "< 0.1%"}
        - name: switch
          duration: PT24H
          interval: PT5M
          reportEvery: PT1H
          thresholds: {errorRate: "< 0.1%"}
      release:
        provider: webhook
        webhook: {url: "http://127.0.0.1:9/deploy", signingSecret: PIPELINE_SECRET}
      approvals:
        deciders: [release-managers]
      notifications:
        escalation:
          levels: [oncall, manager]
          ackTimeout: PT15M
      """;

  final SpecReader reader = new SpecReader();

  @Test
  void readsAValidSpecWithDefaultsAppliedAndThresholdsInBaseUnits() {
    RunbookSpec spec = reader.readYaml(CANARY, "canary.yaml");

    assertThat(spec.strategy()).isEqualTo(Strategy.CANARY);
    assertThat(spec.metrics().provider()).isEqualTo(MetricProvider.PROMETHEUS);
    assertThat(spec.metrics().consecutiveErrorLimit()).isEqualTo(4);
    Stage canary = spec.stages().get(0);
    assertThat(canary.duration()).isEqualTo(Duration.ofHours(2));
    assertThat(canary.failureLimit()).isEqualTo(1);
    assertThat(canary.onInconclusive()).isEqualTo(InconclusivePolicy.COUNT_AS_ERROR);
    assertThat(canary.onBreach()).isEqualTo(BreachAction.ROLLBACK);
    assertThat(canary.minMeasurements()).isEqualTo(3);
    assertThat(canary.initialDelay()).as("one interval by default").isEqualTo(Duration.ofMinutes(1));
    assertThat(canary.thresholds().get("errorRate")).isEqualTo(new Threshold(Comparison.BELOW, 0.01, "< 1%"));
    assertThat(canary.thresholds().get("latencyP99").value()).isEqualTo(0.2);
    assertThat(spec.stages().get(1).thresholds().get("latencyP99").value()).isEqualTo(0.2);
    assertThat(spec.stages().get(2).duration()).isEqualTo(Duration.ofHours(48));
    assertThat(spec.smokeTests().deadline()).isEqualTo(Duration.ofMinutes(1));
    assertThat(spec.release().deadline()).isEqualTo(Duration.ofMinutes(15));
    assertThat(spec.approvals().remindAfter()).isEqualTo(Duration.ofHours(4));
    assertThat(spec.stages().get(2).breachTolerance()).isEqualTo(Duration.ofHours(1));
    assertThat(spec.smokeTests().checks().get(0).method()).isEqualTo("GET");
    assertThat(spec.smokeTests().checks().get(0).expectStatus()).isEqualTo(200);
    assertThat(spec.rollbackTriggers()).isEmpty();
    assertThat(spec.approvals().fourEyes()).isTrue();
    assertThat(spec.approvals().distinctSigners()).isTrue();
  }

  @Test
  void parsesEveryThresholdForm() {
    assertThat(Threshold.parse("> 80%")).isEqualTo(new Threshold(Comparison.ABOVE, 0.8, "> 80%"));
    assertThat(Threshold.parse("<= 0.5")).isEqualTo(new Threshold(Comparison.AT_MOST, 0.5, "<= 0.5"));
    assertThat(Threshold.parse("< 2s")).isEqualTo(new Threshold(Comparison.BELOW, 2, "< 2s"));
    assertThat(Threshold.parse(">=95%").value()).isEqualTo(0.95);
    assertThatThrownBy(() -> Threshold.parse("< -1%")).hasMessage("'< -1%': a threshold must not be negative");
    assertThatThrownBy(() -> Threshold.parse("about 1%")).hasMessageContaining("is not a threshold such as");
  }

  @Test
  void reportsEveryErrorByPathInOnePass() {
    String broken = CANARY
        .replace("strategy: canary", "strategy: rainbow")
        .replace("errorRate: \"< 0.5%\"", "errorRate: \"< 150%\"")
        .replace("duration: PT2H", "duration: two hours")
        .replace("thresholds: {errorRate: \"< 0.1%\"}", "thresholds: {}")
        .replace("provider: prometheus", "provider: datadog")
        + """
        notifications:
          slack: {channel: "#deploys", token: xoxb-123}
        """;

    assertThat(errors(broken)).containsExactlyInAnyOrder(
        "strategy: unknown strategy 'rainbow'; use one of feature-flag, canary, blue-green, staged-flags",
        "stages[0].duration: 'two hours' is not an ISO-8601 duration longer than zero, such as PT30S, PT10M, PT2H or P1D",
        "stages[2].thresholds: a stage needs at least one threshold",
        "metrics.provider: unknown provider 'datadog'; use prometheus or web",
        "notifications.slack.token: secrets are never written inline; put the secret's name in tokenSecret",
        "notifications.slack.tokenSecret: required",
        "stages[1].thresholds.errorRate: must be between 0 and 1 (errorRate is a ratio; '< 150%' is 1.5)");
  }

  @Test
  void rejectsUnknownKeysWithTheAllowedOnes() {
    assertThat(errors(CANARY.replace("interval: PT5M", "intervall: PT5M")))
        .containsExactlyInAnyOrder("stages[2].intervall: unknown key; allowed keys: name, weight, duration, interval, initialDelay,"
            + " minMeasurements, thresholds, failureLimit, onInconclusive, onBreach, breachTolerance, reportEvery, flags,"
            + " audience",
            "stages[2].interval: required");
  }

  @Test
  void thresholdsMustNameADefinedQueryAndFitItsUnit() {
    String yaml = CANARY
        .replace("latencyP99: \"< 200ms\"}", "latencyP99: \"< 20%\", p95: \"< 1s\"}")
        .replace("errorRate: \"< 0.5%\"", "errorRate: \"< 5ms\"");

    assertThat(errors(yaml)).containsExactlyInAnyOrder(
        "stages[0].thresholds.latencyP99: latencyP99 is measured in seconds; write the limit in ms or s,"
            + " such as \"< 200ms\"",
        "stages[0].thresholds.p95: no query 'p95' in metrics.queries; defined: errorRate, latencyP99",
        "stages[1].thresholds.errorRate: errorRate is a ratio; write the limit as a percentage such as \"< 1%\"");
  }

  @Test
  void rejectsNegativeAndUnquotedValuesAndWeightsThatDoNotIncrease() {
    String yaml = CANARY.replace("interval: PT1M\n    thresholds: {errorRate: \"< 1%\"",
            "interval: -PT1M\n    thresholds: {errorRate: \"< -1%\"")
        .replace("weight: 10\n", "weight: -10\n")
        .replace("errorRate: \"< 0.1%\"", "errorRate: 0.001");

    assertThat(errors(yaml)).containsExactlyInAnyOrder(
        "stages[0].interval: '-PT1M' is not an ISO-8601 duration longer than zero, such as PT30S, PT10M, PT2H or P1D",
        "stages[0].thresholds.errorRate: '< -1%' is not a threshold such as \"< 1%\", \"< 200ms\", \"> 80%\" or"
            + " \"<= 0.5\" (a comparison and a non-negative number, % or ms or s)",
        "stages[1].weight: must be between 0 and 100, not -10",
        "stages[2].thresholds.errorRate: must be a quoted threshold such as \"< 1%\", \"< 200ms\" or \">= 0.95\","
            + " not 0.001");
  }

  @Test
  void blueGreenStagesCheckTheIdleSideBeforeTheSwitchAndWatchAfterIt() {
    String blueGreen = CANARY.replace("strategy: canary", "strategy: blue-green")
        .replace("approvals:", "approvals:\n  signoffs: [{role: cto, title: CTO}]")
        .replace("url: \"http://127.0.0.1:9/health\"", "url: \"http://api-{{side}}.internal/health\"")
        .replace("weight: 1\n", "weight: 0\n").replace("weight: 10\n", "weight: 0\n")
        .replace("    onBreach: investigate\n    breachTolerance: PT1H\n", "");
    assertThat(reader.readYaml(blueGreen, "blue-green.yaml").stages()).extracting(Stage::weight)
        .containsExactly(0, 0, 100);

    assertThat(errors(blueGreen.replace("- name: ramp\n    weight: 0", "- name: ramp\n    weight: 100")
        .replace("- name: full\n    weight: 100", "- name: full\n    weight: 0")))
        .containsExactly("stages[2].weight: stage full checks the idle side before the switch (weight 0), but an"
            + " earlier stage already watches after it (weight 100): put the checks before the watches");
    assertThat(errors(blueGreen.replace("weight: 100", "weight: 50")))
        .containsExactly("stages[2].weight: unknown weight '50'; use 0 or 100");
    assertThat(errors(blueGreen.replace("weight: 100", "weight: 0")))
        .containsExactly("stages: the blue-green strategy watches the new side after the switch: add a stage with"
            + " weight 100");
    assertThat(errors(blueGreen.replace("weight: 100", "weight: 100\n    onBreach: investigate")))
        .containsExactly("stages[2].onBreach: a blue-green stage that breaches switches back at once (seed 002's"
            + " instant rollback); remove onBreach: investigate");
    assertThat(errors(blueGreen.replace("release:\n  provider: command\n  command: {deploy: [./deploy.sh], revert:"
        + " [./revert.sh], currentVersion: [./version.sh]}", "release:\n  provider: kubernetes\n  kubernetes:"
        + " {namespace: shop, deployment: checkout-green, container: app, image: shop/checkout}")))
        .containsExactly("release.kubernetes.deployment: 'checkout-green' names one Deployment, but a blue-green"
            + " release rolls the idle side's: name them with {{side}}, e.g. checkout-{{side}}");
    assertThat(errors(CANARY.replace("url: \"http://127.0.0.1:9/health\"", "url: \"http://api-{{side}}/health\"")))
        .containsExactly("smokeTests.checks[0].url: {{side}} is the side a blue-green release checks; only that"
            + " strategy has sides: write the URL out");
  }

  @Test
  void eachStrategyGetsItsOwnRules() {
    assertThat(errors(CANARY.replace("strategy: canary", "strategy: blue-green")))
        .containsExactlyInAnyOrder(
            "approvals.signoffs: required by the blue-green strategy: the roles that sign off before the release",
            "stages[0].weight: unknown weight '1'; use 0 or 100",
            "stages[1].weight: unknown weight '10'; use 0 or 100",
            "stages[2].onBreach: a blue-green stage that breaches switches back at once (seed 002's instant"
                + " rollback); remove onBreach: investigate");
    assertThat(errors(CANARY.replace("strategy: canary", "strategy: blue-green").replace("release:", "unused:")
        .replace("approvals:", "approvals:\n  signoffs: []")))
        .containsExactlyInAnyOrder(
            "release: required by the blue-green strategy: it deploys the new version to the idle side",
            "unused: unknown key; allowed keys: service, strategy, description, database, flags, traffic, release,"
                + " smokeTests, metrics, stages, rollbackTriggers, approvals, notifications, reports, reviewAfter",
            "approvals.signoffs: the blue-green strategy needs the roles that sign off before the release; this"
                + " runbook has 0",
            "stages[0].weight: unknown weight '1'; use 0 or 100",
            "stages[1].weight: unknown weight '10'; use 0 or 100",
            "stages[2].onBreach: a blue-green stage that breaches switches back at once (seed 002's instant"
                + " rollback); remove onBreach: investigate");
    assertThat(errors(FEATURE_FLAG.replace("compareMode: COMPARE_MODE, ", ""))).containsExactlyInAnyOrder(
        "flags.names.compareMode: required by the feature-flag strategy: the flag that runs both systems and compares"
            + " them",
        "stages[0].flags.compareMode: unknown logical flag 'compareMode'; flags.names defines: useNewSystem");
    assertThat(errors(CANARY.replace("strategy: canary", "strategy: staged-flags")))
        .containsExactly("flags: required by the staged-flags strategy: it raises flag percentages stage by stage");
    assertThat(errors(CANARY.replace("    weight: 10\n", "")))
        .containsExactly("stages[1].weight: required by the canary strategy: percent of traffic on the new version,"
            + " 0 to 100");
  }

  @Test
  void aFeatureFlagRunbookGetsItsReviewDelayByDefaultAndItsAckTimeoutAsEveryResponseTarget() {
    RunbookSpec spec = reader.readYaml(FEATURE_FLAG, "feature-flag.yaml");

    assertThat(spec.reviewAfter()).isEqualTo(Duration.ofDays(7));
    assertThat(spec.reports().compareStatsUrl()).isEqualTo("http://127.0.0.1:9/compare-stats");
    Notifications.Escalation escalation = spec.notifications().escalation();
    assertThat(escalation.responseTargets()).isEmpty();
    assertThat(Notifications.SEVERITIES).allSatisfy(severity ->
        assertThat(escalation.responseTarget(severity)).isEqualTo(Duration.ofMinutes(15)));
    assertThat(escalation.autoRemediation()).isEmpty();
    assertThat(reader.recheck(spec, "variable")).isEqualTo(spec);
  }

  @Test
  void writtenResponseTargetsOverrideTheAckTimeoutForTheirSeveritiesOnly() {
    RunbookSpec spec = reader.readYaml(FEATURE_FLAG.replace("ackTimeout: PT15M", """
        ackTimeout: PT15M
            responseTargets: {P3: PT30M, P1: PT2M}
            autoRemediation: {P2: restart, P1: rollback}""").replace("reports:", "reviewAfter: P14D\nreports:"),
        "feature-flag.yaml");

    assertThat(spec.reviewAfter()).isEqualTo(Duration.ofDays(14));
    Notifications.Escalation escalation = spec.notifications().escalation();
    assertThat(escalation.responseTargets()).containsExactly(
        Map.entry("P1", Duration.ofMinutes(2)), Map.entry("P3", Duration.ofMinutes(30)));
    assertThat(Notifications.SEVERITIES).map(escalation::responseTarget).containsExactly(Duration.ofMinutes(2),
        Duration.ofMinutes(15), Duration.ofMinutes(30), Duration.ofMinutes(15));
    assertThat(escalation.autoRemediation()).containsExactly(
        Map.entry("P1", Notifications.Remediation.ROLLBACK), Map.entry("P2", Notifications.Remediation.RESTART));
    assertThat(reader.recheck(spec, "variable")).isEqualTo(spec);
  }

  @Test
  void rejectsUnknownSeveritiesRemediationsAndBadTargets() {
    String yaml = FEATURE_FLAG.replace("ackTimeout: PT15M", """
        ackTimeout: PT15M
            responseTargets: {P1: 5 minutes, P5: PT1H}
            autoRemediation: {P1: reboot, p2: rollback}""")
        .replace("reports:", "reviewAfter: a week\nreports:")
        .replace("compareStatsUrl: http://127.0.0.1:9/compare-stats", "compareStatsUrl: 127.0.0.1:9/compare-stats");

    assertThat(errors(yaml)).containsExactlyInAnyOrder(
        "reviewAfter: 'a week' is not an ISO-8601 duration longer than zero, such as PT30S, PT10M, PT2H or P1D",
        "reports.compareStatsUrl: '127.0.0.1:9/compare-stats' must be an http:// or https:// URL",
        "notifications.escalation.responseTargets.P1: '5 minutes' is not an ISO-8601 duration longer than zero, such as PT30S, PT10M, PT2H or P1D",
        "notifications.escalation.responseTargets.P5: unknown key; allowed keys: P1, P2, P3, P4",
        "notifications.escalation.autoRemediation.P1: unknown remediation 'reboot'; use one of rollback, restart,"
            + " scale, none",
        "notifications.escalation.autoRemediation.p2: unknown key; allowed keys: P1, P2, P3, P4");
  }

  @Test
  void aFeatureFlagRunbookHasItsThreePhasesInOrderAndItsReports() {
    String withoutReports = FEATURE_FLAG.replace("""
        reports:
          compareStatsUrl: http://127.0.0.1:9/compare-stats
        """, "");
    assertThat(errors(withoutReports)).containsExactly(
        "reports: required by the feature-flag strategy: the daily compare report reads reports.compareStatsUrl");

    String phasesWrong = FEATURE_FLAG
        .replace("flags: {useNewSystem: false, compareMode: false}", "flags: {useNewSystem: false, compareMode: true}")
        .replace("    reportEvery: P1D\n", "")
        .replace("    reportEvery: PT1H\n", "")
        .replace("    duration: PT24H\n", "");
    assertThat(errors(phasesWrong)).containsExactlyInAnyOrder(
        "stages[0].flags.compareMode: the dark-launch watch runs with every flag off; set compareMode: false or leave"
            + " it out",
        "stages[1].reportEvery: required by the feature-flag strategy: compare mode writes its report on this cycle,"
            + " e.g. P1D",
        "stages[2].reportEvery: required by the feature-flag strategy: the switch watch runs the smoke tests on this"
            + " cycle, e.g. PT1H",
        "stages[2].duration: required");

    String twoStages = FEATURE_FLAG.substring(0, FEATURE_FLAG.indexOf("  - name: switch"))
        + FEATURE_FLAG.substring(FEATURE_FLAG.indexOf("release:"));
    assertThat(errors(twoStages)).containsExactly("stages: the feature-flag strategy needs exactly three stages, in"
        + " this order: the dark-launch watch (every flag off), compare mode and the switch watch; this runbook has 2");
  }

  @Test
  void stagedFlagsNeedAReleaseToStopTheQueueWorkersAndFeaturesThatAreOnOrOff() {
    String staged = CANARY.replace("strategy: canary", "strategy: staged-flags")
        .replace("    weight: 1\n", "    weight: 1\n    flags: {queueProcessing: 5}\n") + """
        flags:
          provider: file
          file: /srv/checkout/flags.env
          names: {queueProcessing: queueBasedProcessing}
        """;
    String withoutRelease = staged.substring(0, staged.indexOf("release:")) + staged.substring(staged.indexOf("approvals:"));

    assertThat(errors(withoutRelease)).containsExactlyInAnyOrder(
        "release: required by the staged-flags strategy: a full rollback stops the queue workers by scaling the"
            + " service to 0",
        "stages[0].flags.queueProcessing: must be true (the feature is on from this stage, at the stage's weight) or"
            + " false (off); the percentage is the stage's weight, not 5",
        "flags.file: '/srv/checkout/flags.env' is not a JSON file: staged flags are written as {\"enabled\","
            + " \"rolloutPercentage\"} objects, which a .json flag file holds and an env file cannot");
    assertThat(reader.readYaml(staged.replace("{queueProcessing: 5}", "{queueProcessing: true}")
        .replace(".env", ".json"), "staged.yaml").stages().get(0).flags()).containsEntry("queueProcessing", true);
  }

  @Test
  void aPartialRollbackNamesAKnownLogicalFlag() {
    String yaml = CANARY.replace("strategy: canary", "strategy: staged-flags") + """
        flags:
          provider: http
          url: http://127.0.0.1:9/flags
          names: {queueProcessing: queueBasedProcessing}
        rollbackTriggers:
          - name: backlog
            when: {errorRate: "> 5%"}
            action: partial
            disableFlag: queue
          - name: slow
            when: {latencyP99: "> 2s"}
            action: partial
          - name: errors
            when: {errorRate: "> 10%"}
            action: full
            disableFlag: queueProcessing
        """;

    assertThat(errors(yaml)).containsExactlyInAnyOrder(
        "rollbackTriggers[0].disableFlag: unknown logical flag 'queue'; flags.names defines: queueProcessing",
        "rollbackTriggers[1].disableFlag: required by the partial action: the logical flag a partial rollback turns off",
        "rollbackTriggers[2].disableFlag: only a partial rollback turns off a single flag; use action partial or"
            + " remove disableFlag");
  }

  @Test
  void aRollbackAsksBeforeAnyRestoreUnlessTheRunbookSaysNever() {
    String withDatabase = CANARY + """
        database:
          jdbcUrl: jdbc:postgresql://db.internal:5432/checkout
          username: checkout
          passwordSecret: CHECKOUT_DB_PASSWORD
          backupDirectory: /var/backups/checkout
        """;

    assertThat(reader.readYaml(withDatabase, "checkout.yaml").database().restoreOnRollback())
        .isEqualTo(DatabaseTarget.RestoreOnRollback.ASK);
    assertThat(reader.readYaml(withDatabase + "  restoreOnRollback: never\n", "checkout.yaml").database()
        .restoreOnRollback()).isEqualTo(DatabaseTarget.RestoreOnRollback.NEVER);
    assertThat(errors(withDatabase + "  restoreOnRollback: always\n"))
        .containsExactly("database.restoreOnRollback: unknown restoreOnRollback 'always'; use ask or never");
  }

  @Test
  void reportsYamlSyntaxWithItsLine() {
    assertThat(errors("service: checkout\nstrategy: [canary\n")).singleElement().asString()
        .startsWith("not valid YAML: ").contains("line");
    assertThat(errors("service: a\nservice: b\n")).singleElement().asString().contains("Duplicate field 'service'");
  }

  @Test
  void aStageMayAskForMoreReadingsAndALaterFirstOne() {
    RunbookSpec spec = reader.readYaml(CANARY.replace("    interval: PT1M\n    thresholds: {errorRate: \"< 1%\"",
        "    interval: PT1M\n    initialDelay: PT5M\n    minMeasurements: 10\n    thresholds: {errorRate: \"< 1%\""),
        "canary.yaml");

    assertThat(spec.stages().get(0).initialDelay()).isEqualTo(Duration.ofMinutes(5));
    assertThat(spec.stages().get(0).minMeasurements()).isEqualTo(10);
  }

  @Test
  void theReadingsAStageNeedsMustFitItsDurationWithOneToSpare() {
    String tooShort = CANARY.replace("    duration: PT2H\n", "    duration: PT210S\n");
    String justEnough = CANARY.replace("    duration: PT2H\n", "    duration: PT4M\n");
    String lateStart = CANARY.replace("    interval: PT1M\n    thresholds: {errorRate: \"< 1%\"",
        "    interval: PT1M\n    initialDelay: PT2H\n    thresholds: {errorRate: \"< 1%\"");
    String zero = CANARY.replace("    interval: PT1M\n    thresholds: {errorRate: \"< 1%\"",
        "    interval: PT1M\n    minMeasurements: 0\n    thresholds: {errorRate: \"< 1%\"");

    assertThat(errors(tooShort)).containsExactly("stages[0].minMeasurements: 3 readings do not fit the stage with one"
        + " to spare: the first comes PT1M after it starts (initialDelay), then one every PT1M (interval), and the"
        + " stage ends after PT3M30S (duration), which leaves room for 2; lower minMeasurements, shorten initialDelay"
        + " or interval, or lengthen duration");
    assertThat(reader.readYaml(justEnough, "canary.yaml").stages().get(0).duration()).isEqualTo(Duration.ofMinutes(4));
    assertThat(errors(lateStart)).containsExactly("stages[0].initialDelay: PT2H is not shorter than the stage's"
        + " duration PT2H, so no reading would be taken before the stage ends");
    assertThat(errors(zero)).singleElement().asString().startsWith("stages[0].minMeasurements: ");
  }

  @Test
  void prometheusQueriesAreCheckedAsPromQl() {
    String yaml = CANARY.replace("errorRate: {query: 'sum(rate(errors[5m]))'",
        "errorRate: {query: 'sum(rat(errors{job=\"{{servce}}\"}[5m])'");

    assertThat(errors(yaml)).containsExactly(
        "metrics.queries.errorRate.query: character 5 ('rat'): unknown function rat; did you mean rate?",
        "metrics.queries.errorRate.query: character 21 ('{{servce}}'): unknown placeholder; use {{service}},"
            + " {{version}} or {{rolloutId}}",
        "metrics.queries.errorRate.query: character 4 ('('): this '(' is never closed; add the matching ')'");
  }

  @Test
  void aStageAtWeight0CannotBeJudgedByQueriesOfTheNewVersionOnly() {
    String yaml = CANARY
        .replace("errorRate: {query: 'sum(rate(errors[5m]))'",
            "errorRate: {query: 'sum(rate(errors{version=\"{{version}}\"}[5m]))'")
        .replace("weight: 1\n", "weight: 0\n")
        .replace("stages:\n", "rollbackTriggers:\n  - {name: errors, when: {errorRate: \"> 5%\"}, action: full}\n"
            + "stages:\n");

    assertThat(errors(yaml)).containsExactly(
        "stages[0].thresholds.errorRate: stage canary is at weight 0, so no traffic reaches the new version and"
            + " errorRate (which selects version=\"{{version}}\") reads no data at every reading; measure the stable"
            + " side here (a query without that matcher) or give the stage a weight above 0",
        "rollbackTriggers[0].when.errorRate: rollback triggers are checked in every stage and stage canary is at"
            + " weight 0, so no traffic reaches the new version and errorRate (which selects version=\"{{version}}\")"
            + " reads no data at every reading; measure the stable side here (a query without that matcher) or give"
            + " the stage a weight above 0");
    assertThat(errors(yaml.replace("version=\"{{version}}\"", "version!=\"{{version}}\"").replace("weight: 10\n",
        "weight: 10\n    minMeasurements: 0\n"))).as("a query of the stable side is fine at weight 0")
        .singleElement().asString().startsWith("stages[1].minMeasurements");
  }

  @Test
  void compareDiscrepanciesAndErrorsAreCountsFromTheCompareStatistics() {
    String compareThresholds = FEATURE_FLAG.replace("    reportEvery: P1D\n    thresholds: {errorRate: \"< 0.1%\"}",
        "    reportEvery: P1D\n    onBreach: ask\n    thresholds: {errorRate: \"< 0.1%\", compareDiscrepancies:"
            + " \"<= 0\", compareErrors: \"<= 5\"}");
    assertThat(compareThresholds).isNotEqualTo(FEATURE_FLAG);

    RunbookSpec spec = reader.readYaml(compareThresholds, "msia.yaml");

    assertThat(spec.stages().get(1).thresholds()).containsKeys("compareDiscrepancies", "compareErrors");
    assertThat(spec.stages().get(1).onBreach()).isEqualTo(BreachAction.ASK);
    assertThat(errors(compareThresholds.replace("compareErrors: \"<= 5\"", "compareErrors: \"< 1%\"")))
        .containsExactly("stages[1].thresholds.compareErrors: compareErrors is a count; write the limit as a plain"
            + " number, such as \"<= 0\"");
    assertThat(errors(compareThresholds.replace("reports:\n  compareStatsUrl: http://127.0.0.1:9/compare-stats\n",
        ""))).contains("stages[1].thresholds.compareDiscrepancies: compareDiscrepancies is read from the service's"
            + " compare statistics; set reports.compareStatsUrl");
    assertThat(errors(compareThresholds.replace("errorRate: {query: 'sum(rate(errors[5m]))', unit: ratio}",
        "errorRate: {query: 'sum(rate(errors[5m]))', unit: ratio}\n    compareErrors: {query: 'sum(x)', unit: count}")))
        .containsExactly("metrics.queries.compareErrors: compareErrors is the compare mode's count from"
            + " reports.compareStatsUrl; give this query another name");
  }

  @Test
  void onlyCompareModeAsksAndOnlyTheOtherStrategiesInvestigate() {
    assertThat(errors(FEATURE_FLAG.replace("    reportEvery: PT1H\n",
        "    reportEvery: PT1H\n    onBreach: ask\n"))).containsExactly("stages[2].onBreach: only compare"
            + " mode (stages[1]) asks its deciders; the dark-launch and switch watches roll back at once");
    assertThat(errors(FEATURE_FLAG.replace("    reportEvery: P1D\n",
        "    reportEvery: P1D\n    onBreach: investigate\n"))).containsExactly("stages[1].onBreach: the"
            + " feature-flag strategy asks its deciders at once with onBreach: ask, or rolls back (rollback)");
    assertThat(errors(CANARY.replace("onBreach: investigate\n    breachTolerance: PT1H\n", "onBreach: ask\n")))
        .containsExactly("stages[2].onBreach: ask is for feature-flag stages; a canary stage asks a person with"
            + " onBreach: investigate");
  }

  @Test
  void aNormalizedSpecReadsBackAsItself() {
    RunbookSpec spec = reader.readYaml(CANARY, "canary.yaml");

    assertThat(reader.recheck(spec, "variable")).isEqualTo(spec);
  }

  private List<String> errors(String yaml) {
    try {
      reader.readYaml(yaml, "test.yaml");
    } catch (InvalidRunbookException e) {
      assertThat(e.getMessage()).startsWith("test.yaml is invalid (");
      return e.errors().stream().map(SpecError::toString).toList();
    }
    throw new AssertionError("expected the spec to be invalid:\n" + yaml);
  }
}
