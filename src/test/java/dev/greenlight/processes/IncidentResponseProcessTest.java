package dev.greenlight.processes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.greenlight.security.Channel;
import dev.greenlight.security.StartSeal;
import dev.greenlight.security.StartSeal.StartClaim;
import dev.greenlight.spec.RunbookDigest;
import dev.greenlight.spec.RunbookSpec;
import dev.greenlight.spec.SpecReader;
import io.camunda.zeebe.protocol.record.value.UserTaskRecordValue;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Seeds 001, 002 and 004's incident procedure: page, war room, escalation, remediation, report, post-mortem. */
class IncidentResponseProcessTest extends RunbookProcessTest {

  @Autowired SpecReader reader;
  @Autowired StartSeal seal;

  long report(String severity, String summary) {
    return driver.start("incident-response", incidentVariables(severity, summary));
  }

  /**
   * The incident of a rollout of the test runbook, which alice started through Greenlight: the inline runbook carries
   * the start's seal, without which load-runbook refuses it.
   */
  Map<String, Object> incidentVariables(String severity, String summary) {
    String yaml = runbookYaml("incident", Map.of()).replace("${base}", SERVICE.uri("").toString());
    RunbookSpec runbook = reader.readYaml(yaml, "the incident test runbook");
    Map<String, Object> variables = new HashMap<>();
    variables.put("runbook", runbook);
    variables.put("startedBy", ALICE.name());
    variables.put("startedVia", Channel.API.specName());
    variables.put("startSeal", seal.seal(new StartClaim("payments-incident-test", null, RunbookDigest.sha256(runbook),
        ALICE.name(), Channel.API)));
    variables.put("severity", severity);
    variables.put("summary", summary);
    variables.put("rolloutId", "payments-incident-test");
    variables.put("service", "payments");
    variables.put("version", "2.0.0");
    return variables;
  }

  @Test
  void aReportedIncidentIsPagedAcknowledgedRemediatedAndClosed() {
    long incident = report("P2", "checkout latency doubled");

    UserTaskRecordValue ack = driver.task(incident, "acknowledge");
    assertThat(ack.getCandidateGroupsList()).containsExactly("payments-oncall");
    driver.decide(ack, "go", "olga");
    driver.decideWithFields(incident, "assess", Map.of("remediation", "restart"));
    driver.decide(incident, "schedule-post-mortem", "go");

    assertThat(driver.completed(incident)).as(driver.describe(incident)).isTrue();
    assertThat(driver.path(incident)).contains("page-oncall", "open-war-room", "acknowledge-page", "restart-service",
        "verify-service", "communicate-resolution", "incident-report", "resolve-page", "incident-closed");
    assertThat(SERVICE.requests("POST", "/pagerduty/v2/enqueue")).extracting(r -> eventAction(r.body()))
        .containsExactly("trigger", "acknowledge", "resolve");
  }

  @Test
  void anUnacknowledgedPageEscalatesLevelByLevel() {
    long incident = report("P3", "queue backlog growing");

    driver.advance(Duration.ofHours(1), Duration.ofMinutes(30));
    assertThat(driver.task(incident, "acknowledge").getCandidateGroupsList()).containsExactly("payments-lead");
    driver.advance(Duration.ofHours(1), Duration.ofMinutes(30));
    assertThat(driver.task(incident, "acknowledge").getCandidateGroupsList()).containsExactly("payments-director");
    driver.advance(Duration.ofHours(1), Duration.ofMinutes(30));
    UserTaskRecordValue stillTheDirector = driver.task(incident, "acknowledge");

    assertThat(stillTheDirector.getCandidateGroupsList()).containsExactly("payments-director");
    assertThat(driver.path(incident)).contains("response-target-missed", "escalate", "levels-left");
    assertThat(SERVICE.requests("POST", "/pagerduty/v2/enqueue")).extracting(r -> r.body())
        .hasSize(3)
        .anySatisfy(body -> assertThat(body).contains("escalated to payments-lead", "-level-2"))
        .anySatisfy(body -> assertThat(body).contains("escalated to payments-director", "-level-3"));
    driver.decide(stillTheDirector, "go", "dora");
    driver.decideWithFields(incident, "assess", Map.of("remediation", "none"));
    driver.decide(incident, "schedule-post-mortem", "go");
    assertThat(driver.completed(incident)).as(driver.describe(incident)).isTrue();
  }

  @Test
  void anAlertRaisedP1IsRolledBackAutomatically() {
    driver.publishStart("incident-opened", incidentVariables("P1", "error rate 40 %"));
    long incident = driver.latestInstanceOf("incident-response");

    driver.decide(incident, "acknowledge", "go");
    driver.decide(incident, "schedule-post-mortem", "go");

    assertThat(driver.completed(incident)).as(driver.describe(incident)).isTrue();
    assertThat(driver.path(incident)).contains("incident-opened-by-message", "automatic-remediation", "roll-back",
        "return-traffic", "rolled-back").doesNotContain("assess");
    assertThat(SERVICE.canaryWeight()).isZero();
  }

  @Test
  void scalingThatDoesNotHelpGoesBackToTheAssessment() {
    long incident = report("P4", "slow batch imports");
    driver.decide(incident, "acknowledge", "go");
    SERVICE.failHealthChecks();

    driver.decideWithFields(incident, "assess", Map.of("remediation", "scale", "replicas", 6));
    assertThat(driver.path(incident)).contains("scale-service", "still-failing");
    SERVICE.reset();
    driver.decideWithFields(incident, "assess", Map.of("remediation", "none"));
    driver.decide(incident, "schedule-post-mortem", "go");

    assertThat(driver.completed(incident)).as(driver.describe(incident)).isTrue();
    assertThat(driver.values(incident, "replicas")).contains(6);
  }

  private static String eventAction(String body) {
    return body.replaceAll(".*\"event_action\"\\s*:\\s*\"([a-z]+)\".*", "$1");
  }
}
