package dev.greenlight.processes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.greenlight.incidents.ServiceIncident;
import dev.greenlight.support.Cli;
import dev.greenlight.security.Channel;
import dev.greenlight.security.StartSeal;
import dev.greenlight.security.StartSeal.StartClaim;
import dev.greenlight.spec.RunbookDigest;
import dev.greenlight.spec.RunbookSpec;
import dev.greenlight.spec.SpecReader;
import io.camunda.zeebe.protocol.record.value.UserTaskRecordValue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Seeds 001, 002 and 004's incident procedure: detect, acknowledge (escalating level by level), assess, remediate,
 * verify, communicate, document, review. The runbook's levels are payments-oncall, payments-lead, payments-director;
 * P1 has 5 minutes per level and is rolled back automatically.
 */
class IncidentResponseProcessTest extends RunbookProcessTest {

  static final Path VERSION_SCRIPT = Path.of("src/test/resources/process-tests/scripts/version.sh").toAbsolutePath();

  @Autowired SpecReader reader;
  @Autowired StartSeal seal;
  @Autowired TestRestTemplate http;
  @LocalServerPort int port;
  Path versionFile;

  @BeforeEach
  void version100IsLive() throws IOException {
    versionFile = Files.createTempFile(Files.createDirectories(Path.of("target")), "incident-version", ".txt");
    Files.writeString(versionFile, "1.0.0\n");
  }

  /**
   * An incident of the test runbook (of service payments, which has rollouts here, or of ledger, which never has) as
   * Greenlight's opener hands it over: the inline runbook sealed for this incident by alice (without the seal
   * load-runbook refuses an inline runbook).
   */
  Map<String, Object> incidentVariables(String service, String incidentId, String severity, String summary) {
    String yaml = runbookYaml("incident", Map.of("versionScript", VERSION_SCRIPT.toString(),
        "versionFile", versionFile.toString())).replace("service: payments", "service: " + service);
    RunbookSpec runbook = reader.readYaml(yaml, "the incident test runbook");
    Map<String, Object> variables = new HashMap<>();
    variables.put("runbook", runbook);
    variables.put("startedBy", ALICE.name());
    variables.put("startedVia", Channel.API.specName());
    variables.put("startSeal", seal.seal(new StartClaim(incidentId, null, RunbookDigest.sha256(runbook),
        ALICE.name(), Channel.API)));
    variables.put("incidentId", incidentId);
    variables.put("severity", severity);
    variables.put("summary", summary);
    return variables;
  }

  /** An incident of ledger, a service without rollouts. */
  long report(String incidentId, String severity, String summary) {
    return driver.start("incident-response", incidentVariables("ledger", incidentId, severity, summary));
  }

  ServiceIncident incident(long instance) {
    return rollouts.incidents().stream().filter(incident -> incident.processInstanceKey() == instance).findFirst()
        .orElseThrow(() -> new AssertionError("No incident of instance " + instance));
  }

  ServiceIncident incident(String incidentId) {
    return rollouts.incident(incidentId).orElseThrow(() -> new AssertionError("No incident " + incidentId));
  }

  @Test
  void theStartFormOpensAnIncidentWithoutARolloutAndPagesItsFirstLevel() {
    // exactly what the incident-start form submits: no rollout id, no hidden variables
    long instance = driver.start("incident-response", Map.of("runbookName", "analyzer-canary", "severity", "P3",
        "summary", "analysis queue growing"));

    UserTaskRecordValue ack = driver.task(instance, "acknowledge");
    assertThat(ack.getCandidateGroupsList()).containsExactly("oncall-devops");
    String incidentId = incident(instance).incidentId();
    assertThat(incidentId).matches("analyzer-incident-\\d{8}-[0-9a-f]{4}");
    assertThat(SERVICE.pages()).singleElement().satisfies(page -> {
      assertThat(page.get("event_action").asText()).isEqualTo("trigger");
      assertThat(page.get("dedup_key").asText()).isEqualTo("greenlight/incidents/" + incidentId + "-page-1");
      assertThat(page.at("/payload/severity").asText()).isEqualTo("warning");
      assertThat(page.at("/payload/summary").asText())
          .isEqualTo("P3 incident " + incidentId + ": analysis queue growing");
    });
    ServiceIncident incident = incident(instance);
    assertThat(incident.rolloutId()).isNull();
    assertThat(incident.responseTarget()).isEqualTo("PT1H");
    assertThat(incident.openTasks()).extracting(task -> task.elementId()).containsExactly("acknowledge");
  }

  @Test
  void aReportedIncidentIsPagedAcknowledgedRestartedAndClosed() {
    long instance = report("ledger-incident-restart", "P2", "checkout latency doubled");

    UserTaskRecordValue ack = driver.task(instance, "acknowledge");
    assertThat(ack.getCandidateGroupsList()).containsExactly("payments-oncall");
    driver.decide(ack, "go", "olga");
    driver.decideWithFields(instance, "assess", Map.of("remediation", "restart"));
    driver.decideWithFields(instance, "schedule-post-mortem", Map.of("date", "2026-12-10"));

    assertThat(driver.completed(instance)).as(driver.describe(instance)).isTrue();
    assertThat(driver.path(instance)).contains("link-rollout", "page-oncall", "open-war-room", "acknowledge-page",
        "assess", "restart-service", "verify-service", "communicate-resolution", "incident-report", "resolve-page",
        "incident-closed");
    String key = "greenlight/incidents/ledger-incident-restart-page-1";
    assertThat(SERVICE.pages()).extracting(page -> page.get("event_action").asText() + " " + page.get("dedup_key")
        .asText()).containsExactly("trigger " + key, "acknowledge " + key, "resolve " + key);
    assertThat(SERVICE.slackMessages()).anySatisfy(message -> assertThat(message)
        .isEqualTo("Resolved P2 incident ledger-incident-restart: restarted ledger; version 1.0.0 is live; the service"
            + " passes its smoke tests."));
    ServiceIncident incident = incident("ledger-incident-restart");
    assertThat(incident.state()).isEqualTo(ServiceIncident.CLOSED);
    assertThat(incident.decisionCount()).isEqualTo(3);
    assertThat(incident.decisions().findValuesAsText("via")).containsExactly("tasklist", "tasklist", "tasklist");
    assertThat(incident.remediation()).isEqualTo("restart");
    assertThat(incident.remediationOutcome()).isEqualTo("restarted ledger; version 1.0.0 is live");
    assertThat(incident.openTasks()).isEmpty();
  }

  @Test
  void anUnacknowledgedP1PagesEachLevelAfterItsTargetThenRepeatsTheLastAndClosesEveryPage() {
    long instance = report("ledger-incident-p1", "P1", "error rate 40 %");

    driver.advance(Duration.ofMinutes(5), Duration.ofMinutes(1));
    assertThat(driver.task(instance, "acknowledge").getCandidateGroupsList()).containsExactly("payments-lead");
    assertThat(SERVICE.pages()).hasSize(2);
    driver.advance(Duration.ofMinutes(5), Duration.ofMinutes(1));
    assertThat(driver.task(instance, "acknowledge").getCandidateGroupsList()).containsExactly("payments-director");
    driver.advance(Duration.ofMinutes(5), Duration.ofMinutes(1));
    UserTaskRecordValue stillTheDirector = driver.task(instance, "acknowledge");
    assertThat(stillTheDirector.getCandidateGroupsList()).containsExactly("payments-director");

    List<String> keys = List.of(1, 2, 3, 4).stream()
        .map(page -> "greenlight/incidents/ledger-incident-p1-page-" + page).toList();
    List<JsonNode> triggers = SERVICE.pages();
    assertThat(triggers).extracting(page -> page.get("dedup_key").asText()).containsExactlyElementsOf(keys);
    assertThat(triggers).extracting(page -> page.at("/payload/summary").asText()).containsExactly(
        "P1 incident ledger-incident-p1: error rate 40 %",
        "Unacknowledged, escalated to payments-lead: P1 incident ledger-incident-p1: error rate 40 %",
        "Unacknowledged, escalated to payments-director: P1 incident ledger-incident-p1: error rate 40 %",
        "Still unacknowledged, paging again payments-director: P1 incident ledger-incident-p1: error rate 40 %");
    assertThat(incident("ledger-incident-p1").pages().findValuesAsText("group")).containsExactly(
        "payments-oncall", "payments-lead", "payments-director", "payments-director");

    driver.decide(stillTheDirector, "go", "dora");
    assertThat(SERVICE.pages()).filteredOn(page -> page.get("event_action").asText().equals("acknowledge"))
        .extracting(page -> page.get("dedup_key").asText()).containsExactlyInAnyOrderElementsOf(keys)
        .allSatisfy(key -> assertThat(SERVICE.pages()).filteredOn(page -> page.get("dedup_key").asText().equals(key)
            && page.get("event_action").asText().equals("acknowledge")).singleElement()
            .satisfies(page -> assertThat(page.get("routing_key").asText()).isEqualTo("test-routing-key")));
    driver.decideWithFields(instance, "schedule-post-mortem", Map.of("date", "2026-12-10"));

    assertThat(driver.completed(instance)).as(driver.describe(instance)).isTrue();
    assertThat(SERVICE.pages()).filteredOn(page -> page.get("event_action").asText().equals("resolve"))
        .extracting(page -> page.get("dedup_key").asText()).containsExactlyInAnyOrderElementsOf(keys);
    assertThat(driver.path(instance)).contains("response-target-missed", "escalate", "roll-back")
        .doesNotContain("assess");
  }

  @Test
  void anAlertDuringARolloutLinksItAndAP1RollbackRevertsItsVersion() throws IOException {
    Rollout rollout = start("incident", Map.of("versionScript", VERSION_SCRIPT.toString(),
        "versionFile", versionFile.toString()));
    assertThat(Files.readString(versionFile).strip()).isEqualTo("2.0.0");
    Map<String, Object> variables = incidentVariables("payments", "payments-incident-alert", "P1",
        "HighErrorRate: 5xx above 1 %");
    variables.put("alertFingerprint", "fp-payments-5xx");
    variables.put("openedBy", "alertmanager");
    variables.put("openedVia", "alertmanager");
    driver.publishStart("incident-opened", variables);
    long instance = driver.latestInstanceOf("incident-response");

    assertThat(incident("payments-incident-alert").rolloutId()).isEqualTo(rollout.id());
    driver.decide(instance, "acknowledge", "go");

    assertThat(Files.readString(versionFile).strip()).isEqualTo("1.0.0");
    assertThat(SERVICE.canaryWeight()).isZero();
    assertThat(driver.path(instance)).contains("incident-opened-by-message", "roll-back", "revert-version",
        "rolled-back", "verify-service").doesNotContain("assess");
    String outcome = "rolled back payments: version 1.0.0 is live again; all traffic is on the stable version";
    assertThat(SERVICE.slackMessages()).contains("Resolved P1 incident payments-incident-alert: " + outcome
        + "; the service passes its smoke tests.");
    assertThat(view(rollout).serviceIncidents()).singleElement().satisfies(incident -> {
      assertThat(incident.incidentId()).isEqualTo("payments-incident-alert");
      assertThat(incident.alertFingerprint()).isEqualTo("fp-payments-5xx");
      assertThat(incident.remediationOutcome()).isEqualTo(outcome);
      assertThat(incident.openTasks()).extracting(task -> task.elementId()).containsExactly("schedule-post-mortem");
    });
    driver.decideWithFields(instance, "schedule-post-mortem", Map.of("date", "2026-12-10"));
    assertThat(driver.completed(instance)).as(driver.describe(instance)).isTrue();
  }

  @Test
  void scalingThatDoesNotHelpGoesBackToTheAssessment() {
    long instance = report("ledger-incident-scale", "P4", "slow batch imports");
    driver.decide(instance, "acknowledge", "go");
    SERVICE.failHealthChecks();

    driver.decideWithFields(instance, "assess", Map.of("remediation", "scale", "replicas", 6));
    assertThat(driver.path(instance)).contains("scale-service", "still-failing");
    SERVICE.reset();
    driver.decideWithFields(instance, "assess", Map.of("remediation", "none"));
    driver.decideWithFields(instance, "schedule-post-mortem", Map.of("date", "2026-12-10"));

    assertThat(driver.completed(instance)).as(driver.describe(instance)).isTrue();
    assertThat(driver.values(instance, "replicas")).contains(6);
    assertThat(SERVICE.slackMessages()).contains("Resolved P4 incident ledger-incident-scale: no remediation was"
        + " applied; the service passes its smoke tests.");
  }

  @Test
  void anAlertOfAServiceWithoutARolloutOpensOneP3IncidentHoweverOftenItIsPushed() {
    String alert = """
        {"version": "4", "status": "firing", "receiver": "greenlight", "groupKey": "{}",
         "alerts": [{"status": "firing", "fingerprint": "fp-analyzer-backlog",
                     "labels": {"alertname": "QueueBacklog", "service": "analyzer", "severity": "warning"},
                     "annotations": {"summary": "analysis queue above 1000"},
                     "startsAt": "2026-12-07T21:00:00Z", "endsAt": "0001-01-01T00:00:00Z"}]}
        """;

    ResponseEntity<JsonNode> first = pushAlert(alert);

    assertThat(first.getStatusCode().value()).isEqualTo(200);
    JsonNode opened = first.getBody().get("incidents").get(0);
    assertThat(opened.get("status").asText()).isEqualTo("opened");
    assertThat(opened.get("severity").asText()).isEqualTo("P3");
    String incidentId = opened.get("incidentId").asText();
    driver.settle();
    ServiceIncident incident = incident(incidentId);
    assertThat(incident.rolloutId()).isNull();
    assertThat(incident.severity()).isEqualTo("P3");
    assertThat(incident.openedBy()).isEqualTo("alertmanager");
    assertThat(incident.summary()).isEqualTo("QueueBacklog: analysis queue above 1000");
    assertThat(SERVICE.pages()).singleElement().satisfies(page -> {
      assertThat(page.get("routing_key").asText()).isEqualTo("analyzer-routing-key");
      assertThat(page.get("dedup_key").asText()).isEqualTo("greenlight/incidents/" + incidentId + "-page-1");
    });

    ResponseEntity<JsonNode> again = pushAlert(alert);
    driver.settle();

    assertThat(again.getBody().get("incidents").get(0).get("status").asText()).isEqualTo("already-open");
    assertThat(again.getBody().get("incidents").get(0).get("incidentId").asText()).isEqualTo(incidentId);
    assertThat(rollouts.incidents()).filteredOn(open -> "fp-analyzer-backlog".equals(open.alertFingerprint()))
        .hasSize(1);
    assertThat(SERVICE.pages()).hasSize(1);
  }

  @Test
  void aServiceWhoseRunbookHasNoEscalationLevelsGetsNoIncidentThatNobodyCouldAcknowledge() {
    String yaml = runbookYaml("canary", CanaryRolloutProcessTest.DEFAULTS).replace("service: checkout",
        "service: billing").replace("  escalation: {levels: [oncall], ackTimeout: PT5M}\n", "");
    startYaml(yaml);

    ResponseEntity<JsonNode> byHand = http.withBasicAuth(ALICE.name(), "alice-pw").postForEntity("/api/incidents",
        Map.of("service", "billing", "severity", "P2", "summary", "invoices fail"), JsonNode.class);
    ResponseEntity<JsonNode> byAlert = pushAlert("""
        {"version": "4", "status": "firing", "receiver": "greenlight", "groupKey": "{}",
         "alerts": [{"status": "firing", "fingerprint": "fp-billing-errors",
                     "labels": {"alertname": "InvoiceErrors", "service": "billing", "severity": "critical"},
                     "startsAt": "2026-12-07T21:00:00Z", "endsAt": "0001-01-01T00:00:00Z"}]}
        """);
    driver.settle();

    assertThat(byHand.getStatusCode().value()).isEqualTo(400);
    assertThat(byHand.getBody().get("message").asText()).isEqualTo("The runbook of billing has no"
        + " notifications.escalation.levels: an incident pages those levels in turn and they acknowledge it; add"
        + " them to the runbook, then open the incident again");
    JsonNode notOpened = byAlert.getBody().get("incidents").get(0);
    assertThat(notOpened.get("status").asText()).isEqualTo("not-opened");
    assertThat(notOpened.get("reason").asText()).startsWith("The runbook of billing has no");
    assertThat(rollouts.incidents()).noneMatch(incident -> "billing".equals(incident.service()));
    assertThat(SERVICE.pages()).as("the alert rolls billing's rollout back, but pages no incident")
        .noneMatch(page -> page.get("dedup_key").asText().startsWith("greenlight/incidents/"));
  }

  @Test
  void theCliOpensAnIncidentThatPagesAndShowsIt() {
    Cli.Run open = cli("incident", "open", "--service", "analyzer", "--severity", "P2", "--summary",
        "5xx on /analyze");

    assertThat(open.exitCode()).as(open.err()).isZero();
    String incidentId = open.out().replaceAll("(?s).*incident (analyzer-incident-\\S+) of analyzer.*", "$1");
    driver.settle();
    assertThat(SERVICE.pages()).singleElement().satisfies(page -> {
      assertThat(page.get("event_action").asText()).isEqualTo("trigger");
      assertThat(page.get("dedup_key").asText()).isEqualTo("greenlight/incidents/" + incidentId + "-page-1");
      assertThat(page.at("/payload/summary").asText()).isEqualTo("P2 incident " + incidentId + ": 5xx on /analyze");
      assertThat(page.at("/payload/severity").asText()).isEqualTo("error");
    });
    assertThat(incident(incidentId).openedVia()).isEqualTo("cli");

    Cli.Run show = cli("incident", "show", incidentId);
    assertThat(show.out()).contains("Severity", "P2", "none linked", "Pages (1):",
        "level 1 oncall-devops: greenlight/incidents/" + incidentId + "-page-1", "Acknowledge the incident",
        "Decisions (0):");
    Cli.Run ack = cli("incident", "ack", incidentId);
    assertThat(ack.exitCode()).isEqualTo(1);
    assertThat(ack.err()).contains("oncall-devops");
    ResponseEntity<JsonNode> viewer = http.withBasicAuth("viewer", "viewer-pw").postForEntity("/api/incidents",
        Map.of("service", "analyzer", "severity", "P2", "summary", "x"), JsonNode.class);
    assertThat(viewer.getStatusCode().value()).isEqualTo(403);
    assertThat(viewer.getBody().get("message").asText()).startsWith("Opening an incident of analyzer needs one of"
        + " the roles [operators, release-managers]");
    ResponseEntity<JsonNode> scaleWithoutReplicas = http.withBasicAuth(ALICE.name(), "alice-pw").postForEntity(
        "/api/incidents/" + incidentId + "/assess", Map.of("remediation", "scale"), JsonNode.class);
    assertThat(scaleWithoutReplicas.getStatusCode().value()).isEqualTo(400);
    assertThat(scaleWithoutReplicas.getBody().get("message").asText())
        .isEqualTo("Scaling needs replicas: how many instances should run (1 or more)");
    Cli.Run unknown = cli("incident", "open", "--service", "nobody-knows", "--severity", "P2", "--summary", "x");
    assertThat(unknown.err()).contains("Greenlight knows no service nobody-knows");
    Cli.Run badSeverity = cli("incident", "open", "--service", "analyzer", "--severity", "P5", "--summary", "x");
    assertThat(badSeverity.err()).contains("Unknown severity 'P5': use P1, P2, P3 or P4");
  }

  Cli.Run cli(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--server", "http://127.0.0.1:" + port, "--user", ALICE.name(), "--password", "alice-pw"));
    return Cli.run(all.toArray(String[]::new));
  }

  ResponseEntity<JsonNode> pushAlert(String payload) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    headers.setBearerAuth("test-alertmanager-token");
    return http.postForEntity("/api/alerts/alertmanager", new HttpEntity<>(payload, headers), JsonNode.class);
  }
}
