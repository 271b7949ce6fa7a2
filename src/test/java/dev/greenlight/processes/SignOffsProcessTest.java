package dev.greenlight.processes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.greenlight.integrations.pagerduty.PageReceipt;
import dev.greenlight.api.rollouts.RolloutView;
import dev.greenlight.api.rollouts.RolloutView.PendingDecision;
import dev.greenlight.rollout.RolloutState;
import dev.greenlight.support.Cli;
import dev.greenlight.support.Cli.Run;
import dev.greenlight.support.TasksApi;
import io.camunda.zeebe.protocol.record.value.UserTaskRecordValue;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.ResponseEntity;

/**
 * Seed 002's six sign-offs (processes/sign-offs.bpmn, called by the blue-green release): distinct people, reminders
 * that name the open roles, escalation through every level with each page resolved, the open sign-offs in the
 * rollout's view and the given ones kept after an abort. PagerDuty and Slack are the local stand-in, which records
 * every request.
 */
class SignOffsProcessTest extends RunbookProcessTest {

  static final List<String> ROLES =
      List.of("cto", "engineering-lead", "devops-lead", "security-lead", "product-lead", "head-of-support");
  static final String LEVELS = """
      notifications:
        slack: {channel: "#architect-deploys", tokenSecret: TEST_SLACK_TOKEN}
        pagerDuty: {routingKeySecret: TEST_PAGERDUTY_KEY}
        escalation:
          levels: [architect-oncall, architect-engineering-lead, architect-cto]
          ackTimeout: PT15M
      """;
  /** dave holds security-lead and release-managers (application-test.yaml). */
  static final String TWO_OF_DAVES_ROLES = """
        signoffs:
          - {role: security-lead, title: Security Lead}
          - {role: release-managers, title: Release Manager}
      """;
  static final ObjectMapper JSON = new ObjectMapper();

  @Autowired TestRestTemplate http;
  @LocalServerPort int port;

  /** The blue-green test runbook (no database) with its notifications section replaced; null drops it. */
  Rollout start(String notifications, String signoffs, boolean distinctSigners) {
    String yaml = runbookYaml("blue-green", Map.of("deploy", "[/bin/true]", "deadline", "PT1M", "database",
        NO_DATABASE));
    yaml = yaml.substring(0, yaml.indexOf("\nnotifications:") + 1) + (notifications == null ? "" : notifications);
    if (signoffs != null) {
      yaml = yaml.substring(0, yaml.indexOf("  signoffs:\n")) + signoffs + yaml.substring(yaml.indexOf("  deciders:"));
    }
    if (!distinctSigners) {
      yaml = yaml.replace("  escalateAfter: PT24H\n", "  escalateAfter: PT24H\n  distinctSigners: false\n");
    }
    return startYaml(yaml);
  }

  List<UserTaskRecordValue> signOffTasks(Rollout rollout) {
    driver.task(rollout.key(), "sign-off");
    return driver.tasks(rollout.key(), "sign-off");
  }

  /** Signs off the roles, each by its own person, {role}-person, as the inbox writes it. */
  void signOff(Rollout rollout, List<String> roles) {
    for (UserTaskRecordValue task : signOffTasks(rollout)) {
      String role = task.getCandidateGroupsList().get(0);
      if (roles.contains(role)) {
        driver.decide(task, "go", role + "-person");
      }
    }
  }

  @Test
  void onePersonHoldingTwoRolesSignsOnlyOneOfThem() throws Exception {
    Rollout rollout = start(LEVELS, TWO_OF_DAVES_ROLES, true);
    TasksApi api = new TasksApi(http);
    Object security = api.awaitTask("bob", rollout.id(), "sign-off").get("key");
    Object release = api.awaitTask("carol", rollout.id(), "sign-off").get("key");
    assertThat(api.tasks("dave", rollout.id())).as("dave may sign either role").hasSize(2);

    assertThat(api.decide("dave", security, TasksApi.body("go", "reviewed")).getStatusCode().value()).isEqualTo(200);
    assertThat(api.tasks("dave", rollout.id())).as("the other role is no longer dave's to sign").isEmpty();
    ResponseEntity<String> second = api.decide("dave", release, TasksApi.body("go", "me again"));

    String reason = "task 'Sign off the release' (" + release + ") is a sign-off of rollout " + rollout.id()
        + ", and you signed it off as security-lead already; each role needs a different person (the runbook's"
        + " approvals.distinctSigners), so someone else holding one of [release-managers] must sign this one";
    assertThat(second.getStatusCode().value()).isEqualTo(403);
    assertThat(JSON.readTree(second.getBody()).path("detail").asText()).isEqualTo(reason);
    Run cli = Cli.run("approve", String.valueOf(release), "--server", "http://localhost:" + port, "--user", "dave",
        "--password", "dave-pw");
    assertThat(cli.exitCode()).isNotZero();
    assertThat(cli.err()).contains("User dave may not do this (403 Forbidden): " + reason);
    assertThat(driver.variable(rollout.key(), "signedOff")).as("still waiting for a release manager").isNull();

    assertThat(api.decide("carol", release, TasksApi.body("go", "")).getStatusCode().value()).isEqualTo(200);
    driver.settle();
    assertThat(driver.variable(rollout.key(), "signedOff")).isEqualTo(true);
    assertThat(JSON.valueToTree(driver.variable(rollout.key(), "signoffDecisions")).findValuesAsText("decidedBy"))
        .containsExactlyInAnyOrder("dave", "carol");
  }

  @Test
  void withDistinctSignersOffOnePersonMaySignSeveralRoles() {
    Rollout rollout = start(LEVELS, TWO_OF_DAVES_ROLES, false);
    TasksApi api = new TasksApi(http);
    Object security = api.awaitTask("bob", rollout.id(), "sign-off").get("key");
    Object release = api.awaitTask("carol", rollout.id(), "sign-off").get("key");

    assertThat(api.decide("dave", security, TasksApi.body("go", "")).getStatusCode().value()).isEqualTo(200);
    assertThat(api.decide("dave", release, TasksApi.body("go", "")).getStatusCode().value()).isEqualTo(200);

    driver.settle();
    assertThat(driver.variable(rollout.key(), "signedOff")).isEqualTo(true);
  }

  @Test
  void overdueSignOffsPageLevelAfterLevelAndEveryPageIsResolvedAfterTheLastSignOff() {
    Rollout rollout = start(LEVELS, null, true);
    signOff(rollout, List.of("cto", "security-lead"));
    String open = "Engineering Lead (engineering-lead), DevOps Lead (devops-lead), Product Lead (product-lead),"
        + " Head of Support (head-of-support)";

    driver.advance(Duration.ofHours(4), Duration.ofHours(1));
    assertThat(SERVICE.slackMessages()).containsOnlyOnce("Sign-offs for architect-api 2.0.0 (CHG-1) are still open: "
        + open + ". Anyone holding an open role may answer in the approvals inbox, except cto-person,"
        + " security-lead-person (signed off already; each role needs a different person).");
    driver.advance(Duration.ofHours(20), Duration.ofHours(10));
    assertThat(SERVICE.pages()).containsExactly(trigger(rollout, 1, "architect-oncall", open));

    driver.advance(Duration.ofMinutes(15), Duration.ofMinutes(15));
    assertThat(SERVICE.pages()).containsExactly(trigger(rollout, 1, "architect-oncall", open),
        trigger(rollout, 2, "architect-engineering-lead", open));

    signOff(rollout, List.of("engineering-lead", "devops-lead", "product-lead", "head-of-support"));
    List<JsonNode> pages = SERVICE.pages();
    assertThat(pages).hasSize(4);
    assertThat(pages.subList(2, 4)).containsExactlyInAnyOrder(resolve(rollout, 1), resolve(rollout, 2));
    assertThat(driver.path(rollout.key())).contains("every-role-answered", "resolve-pages", "signed-off")
        .doesNotContain("not-signed-off");
    driver.advance(Duration.ofMinutes(30), Duration.ofMinutes(15));
    assertThat(SERVICE.pages()).as("level 3 is never paged").hasSize(4);
  }

  @Test
  void pendingDecisionsListTheSixOpenSignOffsWithTheirRoles() {
    Rollout rollout = start(LEVELS, null, true);
    signOffTasks(rollout);

    List<PendingDecision> pending = view(rollout).pendingDecisions();
    assertThat(pending).hasSize(6).allSatisfy(decision -> {
      assertThat(decision.elementId()).isEqualTo("sign-off");
      assertThat(decision.candidateGroups()).containsExactly(decision.role());
      assertThat(decision.question()).endsWith(": do you sign off architect-api 2.0.0 (CHG-1)?");
    });
    assertThat(pending).extracting(PendingDecision::role).containsExactlyInAnyOrderElementsOf(ROLES);

    JsonNode api = JSON.valueToTree(http.withBasicAuth("alice", "alice-pw")
        .getForObject("/api/rollouts/" + rollout.id(), Map.class));
    assertThat(api.path("pendingDecisions")).hasSize(6);
    assertThat(api.path("pendingDecisions").findValuesAsText("role")).containsExactlyInAnyOrderElementsOf(ROLES);
    Run status = Cli.run("status", rollout.id(), "--server", "http://localhost:" + port, "--user", "alice",
        "--password", "alice-pw");
    assertThat(status.exitCode()).as(status.err()).isZero();
    assertThat(status.out()).contains("Pending decisions:", "ROLE", "CTO/VP Engineering: do you sign off");
    ROLES.forEach(role -> assertThat(status.out()).containsPattern("Sign off the release +" + role + " "));
  }

  @Test
  void anAbortKeepsTheGivenSignOffsAndResolvesTheOpenPages() {
    Rollout rollout = start(LEVELS, null, true);
    signOff(rollout, List.of("cto", "security-lead"));
    driver.advance(Duration.ofHours(24), Duration.ofHours(12));
    assertThat(SERVICE.pages()).hasSize(1);

    driver.publish("abort-rollout", rollout.id(), Map.of("abortReason", "release postponed", "abortedBy", "carol"));

    RolloutView aborted = view(rollout);
    assertThat(aborted.state()).as(driver.describe(rollout.key())).isEqualTo(RolloutState.ABORTED);
    assertThat(aborted.pendingDecisions()).isEmpty();
    assertThat(aborted.decisions().findValuesAsText("decidedBy"))
        .containsExactlyInAnyOrder("cto-person", "security-lead-person");
    assertThat(aborted.decisions().findValuesAsText("role")).containsExactlyInAnyOrder("cto", "security-lead");
    assertThat(SERVICE.pages()).containsExactly(
        trigger(rollout, 1, "architect-oncall", "Engineering Lead (engineering-lead), DevOps Lead (devops-lead),"
            + " Product Lead (product-lead), Head of Support (head-of-support)"),
        resolve(rollout, 1));
  }

  @Test
  void withoutNotificationsOverdueSignOffsGoOnAndComplete() {
    Rollout rollout = start(null, null, true);
    driver.advance(Duration.ofHours(24), Duration.ofHours(4));

    assertThat(driver.path(rollout.key())).contains("remind-signers", "reminded", "escalate-signoffs", "escalated");
    assertThat(driver.variable(rollout.key(), "page")).extracting("status")
        .isEqualTo(PageReceipt.NOT_CONFIGURED);
    signOff(rollout, ROLES);

    assertThat(driver.path(rollout.key())).as(driver.describe(rollout.key()))
        .contains("every-role-answered", "resolve-pages", "signed-off");
    assertThat(driver.variable(rollout.key(), "signedOff")).isEqualTo(true);
    assertThat(SERVICE.requests("POST", "/pagerduty")).isEmpty();
    assertThat(SERVICE.requests("POST", "/slack")).isEmpty();
  }

  private JsonNode trigger(Rollout rollout, int level, String target, String open) {
    return JSON.valueToTree(Map.of(
        "routing_key", "test-routing-key",
        "event_action", "trigger",
        "dedup_key", "greenlight/" + rollout.id() + "/signoffs-level-" + level,
        "payload", Map.of(
            "summary", "Sign-offs for architect-api 2.0.0 (CHG-1) are overdue, still open: " + open + "; escalated to "
                + target + " (level " + level + " of 3)",
            "source", "architect-api",
            "severity", "warning",
            "custom_details", Map.of("rolloutId", rollout.id(), "service", "architect-api", "version", "2.0.0",
                "incidentId", "signoffs-level-" + level, "priority", "P3"))));
  }

  private JsonNode resolve(Rollout rollout, int level) {
    return JSON.valueToTree(Map.of(
        "routing_key", "test-routing-key",
        "event_action", "resolve",
        "dedup_key", "greenlight/" + rollout.id() + "/signoffs-level-" + level));
  }
}
