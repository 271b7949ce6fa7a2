package dev.greenlight.processes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.greenlight.engine.EmbeddedRecordFeed;
import dev.greenlight.engine.embedded.EmbeddedEngine;
import dev.greenlight.inbox.ApprovalTask;
import dev.greenlight.inbox.DecisionDesk;
import dev.greenlight.inbox.DecisionOutcome;
import dev.greenlight.inbox.TaskAlreadyDecidedException;
import dev.greenlight.rehearsal.TimeTravelDriver;
import dev.greenlight.security.Caller;
import dev.greenlight.security.Channel;
import dev.greenlight.spec.RunbookSchema;
import dev.greenlight.spec.SpecReader;
import dev.greenlight.support.LocalPostgres;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Holds lint and the processes together: for every strategy, runbooks made from the schema ({@link SchemaRunbooks}:
 * the minimal one, each optional section present, every field written) are linted, then run to their end on the
 * embedded engine with the real workers and integrations against the local stand-in (a real PostgreSQL for the
 * database), time travelling over every wait and answering every question go. None may stop at an incident: what lint
 * accepts, the processes run.
 */
class SchemaRunbooksRehearsalTest extends RunbookProcessTest {

  @RegisterExtension
  static final LocalPostgres POSTGRES = LocalPostgres.forTestClass("pg_dump", "pg_restore");

  private static final Caller DECIDER = new Caller("rehearsal-decider", Set.of("release-managers", "security-lead"));

  @Autowired EmbeddedEngine embeddedEngine;
  @Autowired EmbeddedRecordFeed feed;
  @Autowired Clock clock;
  @Autowired DecisionDesk desk;

  private final SchemaRunbooks runbooks = new SchemaRunbooks();

  @TestFactory
  List<DynamicTest> everyStrategysSchemaRunbooksLintAndRunToTheirEnd() {
    List<DynamicTest> tests = new ArrayList<>();
    for (String strategy : List.of("feature-flag", "canary", "blue-green", "staged-flags")) {
      for (SchemaRunbooks.Variant variant : runbooks.variants(strategy, complete(strategy))) {
        tests.add(DynamicTest.dynamicTest(variant.name(), () -> rehearse(variant)));
      }
    }
    return tests;
  }

  @Test
  void theCompleteRunbooksWriteEveryFieldOfTheSchema() {
    Set<String> written = new LinkedHashSet<>();
    for (String strategy : List.of("feature-flag", "canary", "blue-green", "staged-flags")) {
      written.addAll(runbooks.paths(complete(strategy)));
    }
    Set<String> schemaFields = new LinkedHashSet<>();
    collectFields(RunbookSchema.get().document(), "", schemaFields);

    assertThat(written).containsAll(schemaFields);
  }

  private void rehearse(SchemaRunbooks.Variant variant) throws Exception {
    driver.cancelLeftovers();
    SERVICE.reset();
    new SpecReader().readYaml(variant.yaml(), variant.name());
    TimeTravelDriver travel = new TimeTravelDriver(embeddedEngine, feed, clock, Set.of("release-callback"));
    Rollout rollout = startYaml(variant.yaml());

    travel.drive(rollout.key(), this::answerGo, Duration.ofMinutes(2));

    assertThat(driver.incident(rollout.key())).as(variant.name()).isNull();
    assertThat(driver.path(rollout.key())).as(variant.name() + "\n" + variant.yaml())
        .doesNotContain("not-started", "roll-back", "roll-back-on-abort");
  }

  private int answerGo() {
    int answered = 0;
    for (ApprovalTask task : desk.decidableBy(DECIDER)) {
      try {
        desk.decide(DECIDER, Channel.API, task.key(), DecisionOutcome.GO, "schema rehearsal: go", Map.of());
        answered++;
      } catch (TaskAlreadyDecidedException e) {
        // the engine closed it meanwhile
      }
    }
    return answered;
  }

  /** Every field path of the schema, {@code stages[].interval} style, as {@link SchemaRunbooks#paths} names them. */
  private static void collectFields(com.fasterxml.jackson.databind.JsonNode node, String path, Set<String> fields) {
    RunbookSchema schema = RunbookSchema.get();
    var resolved = schema.resolve(node);
    resolved.path("properties").fields().forEachRemaining(property -> {
      String child = path.isEmpty() ? property.getKey() : path + "." + property.getKey();
      fields.add(child);
      var value = schema.resolve(property.getValue());
      if (value.has("properties")) {
        collectFields(value, child, fields);
      } else if (value.path("items").isObject() && schema.resolve(value.get("items")).has("properties")) {
        collectFields(value.get("items"), child + "[]", fields);
      } else if (value.path("additionalProperties").isObject()
          && schema.resolve(value.get("additionalProperties")).has("properties")) {
        collectFields(value.get("additionalProperties"), child + ".NAME", fields);
      }
    });
  }

  /** The strategy's runbook with every field of the schema written, pointing at the stand-in. */
  private String complete(String strategy) {
    String base = SERVICE.uri("").toString();
    TestDatabase database = shopDatabase(POSTGRES);
    String stages = switch (strategy) {
      case "feature-flag" -> """
          stages:
            - {name: dark-launch, duration: PT1H, interval: PT10M, flags: {useNewSystem: false},
               thresholds: {errorRate: "< 1%"}}
            - {name: compare-mode, duration: P2D, interval: PT1H, reportEvery: P1D, thresholds: {errorRate: "< 1%"}}
            - {name: switch, duration: PT4H, interval: PT30M, reportEvery: PT1H, thresholds: {errorRate: "< 1%"}}
          """;
      case "blue-green" -> """
          stages:
            - {name: idle-side-checks, weight: 0, duration: PT1H, interval: PT10M, thresholds: {errorRate: "< 1%"}}
            - {name: after-switch, weight: 100, duration: PT1H, interval: PT10M, thresholds: {errorRate: "< 1%"}}
          """;
      default -> """
          stages:
            - name: first
              weight: 10
              duration: PT1H
              interval: PT10M
              initialDelay: PT5M
              minMeasurements: 2
              failureLimit: 2
              onInconclusive: ask
              onBreach: investigate
              breachTolerance: PT20M
              reportEvery: PT30M
              flags: {newSystem: true}
              audience: [internal]
              thresholds: {errorRate: "< 1%", latencyP99: "< 200ms"}
            - {name: all, weight: 100, duration: PT1H, interval: PT10M, thresholds: {errorRate: "< 1%"}}
          """;
    };
    // a blue-green release rolls the idle side's Deployment, one per side
    String deployment = strategy.equals("blue-green") ? "\"checkout-{{side}}\"" : "checkout";
    String flagNames = strategy.equals("feature-flag")
        ? "{useNewSystem: USE_NEW_SYSTEM, compareMode: COMPARE_MODE}" : "{newSystem: NEW_SYSTEM}";
    // a partial rollback turns one flag off: only where the strategy has flags, else lint rightly refuses it
    String partialTrigger = switch (strategy) {
      case "feature-flag" -> "  - {name: failing-feature, when: {errorRate: \"> 40%\"}, action: partial,"
          + " disableFlag: useNewSystem}\n";
      case "staged-flags" -> "  - {name: failing-feature, when: {errorRate: \"> 40%\"}, action: partial,"
          + " disableFlag: newSystem}\n";
      default -> "";
    };
    return """
        service: checkout
        strategy: %s
        description: every field of the runbook schema
        database: %s
        flags:
          provider: http
          url: %s/flags
          tokenSecret: TEST_SLACK_TOKEN
          file: /tmp/unused-flags.env
          names: %s
        traffic:
          provider: http
          url: %s/router/weights
          tokenSecret: TEST_SLACK_TOKEN
          nginx:
            upstreamFile: /tmp/unused-upstream.conf
            upstream: checkout
            stableServer: 127.0.0.1:1
            canaryServer: 127.0.0.1:2
            testCommand: [/bin/true]
            reloadCommand: [/bin/true]
          kubernetes:
            namespace: shop
            service: checkout
            selectorKey: slot
            blueValue: blue
            greenValue: green
            httpRoute: checkout
            stableBackend: checkout-stable
            canaryBackend: checkout-canary
        release:
          provider: command
          deadline: PT1M
          command:
            deploy: [/bin/true]
            revert: [/bin/true]
            currentVersion: [/bin/echo, "1.0.0"]
            restart: [/bin/true]
            scale: [/bin/true]
          queueWorkers: checkout-workers
          kubernetes: {namespace: shop, deployment: checkout, container: app, image: registry/checkout}
          webhook: {url: "%s/pipeline", signingSecret: RELEASE_PIPELINE_SECRET}
        smokeTests:
          deadline: PT10S
          checks:
            - name: health
              method: POST
              url: %s/health
              headers: {Accept: application/json}
              body: "{}"
              expectStatus: 200
              expectJson: {$.status: UP}
              latencyBudget: PT5S
        metrics:
          provider: web
          url: %s/stats
          usernameSecret: TEST_SLACK_TOKEN
          passwordSecret: TEST_PAGERDUTY_KEY
          bearerTokenSecret: TEST_PAGERDUTY_KEY
          consecutiveErrorLimit: 3
          queries:
            errorRate: {jsonPath: $.errorRate, unit: ratio, url: "%s/stats", query: unused}
            latencyP99: {jsonPath: $.p99, unit: seconds}
        %s
        rollbackTriggers:
          - {name: errors, when: {errorRate: "> 50%%"}, action: full}
        %sapprovals:
          signoffs: [{role: security-lead, title: Security Lead}]
          deciders: [release-managers]
          starters: [operators]
          remindAfter: PT1H
          escalateAfter: PT2H
          fourEyes: true
          distinctSigners: true
        notifications:
          slack: {channel: "#deploys", tokenSecret: TEST_SLACK_TOKEN}
          pagerDuty: {routingKeySecret: TEST_PAGERDUTY_KEY}
          escalation:
            levels: [oncall]
            ackTimeout: PT5M
            responseTargets: {P1: PT5M, P2: PT15M, P3: PT1H, P4: PT4H}
            autoRemediation: {P1: rollback, P2: restart, P3: scale, P4: none}
        reports:
          compareStatsUrl: %s/compare-stats
        reviewAfter: P1D
        """.formatted(strategy, "{restoreOnRollback: ask, " + database.section("{tool: liquibase,"
            + " changelog: liquibase/loyalty-tiers.xml, command: [/bin/true], rollbackCommand: [/bin/true],"
            + " workingDirectory: /tmp, timeout: PT5M}").substring(1),
        base, flagNames, base, base, base, base, base, stages, partialTrigger, base)
        .replace("deployment: checkout,", "deployment: " + deployment + ",");
  }
}
