package dev.greenlight.rehearsal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.greenlight.inbox.DecisionOutcome;
import dev.greenlight.rollout.RolloutState;
import dev.greenlight.spec.SpecReader;
import dev.greenlight.support.FreePort;
import dev.greenlight.support.LocalHttpServer;
import dev.greenlight.support.LocalHttpServer.Response;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rehearsals on one throw-away Greenlight, the machinery of {@code greenlight rehearse}: every runbook Greenlight ships
 * (in {@code runbooks/}, {@code deploy/runbooks/}, the demo's, and every runbook example of {@code docs/}) lints clean
 * and rehearses to success with no incident, a healthy release with every question answered go; and a rehearsal
 * reaches nothing real and needs no secret.
 */
class RehearsalsTest {

  private static final YAMLMapper YAML = new YAMLMapper();
  /** What the demo fills into its runbooks (the demo service and its database), here addresses nobody answers at. */
  private static final Map<String, String> DEMO_VALUES = Map.of("base", "http://127.0.0.1:9",
      "jdbcUrl", "jdbc:postgresql://127.0.0.1:9/catalog", "backups", "/tmp/greenlight-demo-backups");
  private static final Path DEMO = Path.of("src/main/resources/demo");
  private static final Pattern YAML_BLOCK = Pattern.compile("```yaml\n(.*?)```", Pattern.DOTALL);

  private static Rehearsals rehearsals;

  @BeforeAll
  static void startRehearsals() {
    rehearsals = Rehearsals.start(Map.of());
  }

  @AfterAll
  static void stopRehearsals() {
    rehearsals.close();
  }

  @TestFactory
  List<DynamicTest> everyShippedRunbookRehearsesToSuccess() throws IOException {
    return shippedRunbooks().entrySet().stream()
        .map(runbook -> DynamicTest.dynamicTest(String.join(" = ", runbook.getValue()),
            () -> rehearsesToSuccess(runbook.getKey(), runbook.getValue().getFirst())))
        .toList();
  }

  @Test
  void theShippedRunbooksAreFoundWhereverTheyAre() throws IOException {
    List<String> sources = shippedRunbooks().values().stream().flatMap(List::stream).toList();

    assertThat(sources).contains("runbooks/analyzer-canary.yaml", "runbooks/msia-element-system.yaml",
        "runbooks/architect-api-blue-green.yaml", "runbooks/embedding-staged-flags.yaml",
        "deploy/runbooks/catalog-canary.yaml", "src/main/resources/demo/canary.yaml",
        "src/main/resources/demo/feature-flag.yaml");
    assertThat(sources.stream().filter(source -> source.startsWith("docs/runbook-spec.md"))).hasSize(4);
  }

  @Test
  void aRehearsalReachesNothingRealAndNeedsNoSecret(@TempDir Path directory) throws Exception {
    Path marker = directory.resolve("a-command-ran");
    int closedPort = FreePort.onLoopback();
    try (LocalHttpServer service = LocalHttpServer.start(request -> Response.json(200, "{}"))) {
      String command = "[/bin/sh, -c, 'echo ran >> " + marker + "']";
      String yaml = """
          service: checkout
          strategy: blue-green
          database:
            jdbcUrl: jdbc:postgresql://127.0.0.1:%d/checkout
            username: checkout
            passwordSecret: NOT_CONFIGURED_DB_PASSWORD
            backupDirectory: %s
            migrations: {tool: command, command: %s, rollbackCommand: %s}
          traffic: {provider: http, url: '%s', tokenSecret: NOT_CONFIGURED_TOKEN}
          release:
            provider: command
            command: {deploy: %s, revert: %s, currentVersion: %s}
          smokeTests:
            checks: [{name: health, url: '%s'}]
          metrics:
            provider: prometheus
            url: '%s'
            bearerTokenSecret: NOT_CONFIGURED_TOKEN
            queries: {errorRate: {query: 'sum(rate(errors[5m]))', unit: ratio}}
          stages:
            - {name: green, weight: 100, duration: PT1H, interval: PT10M, thresholds: {errorRate: "< 1%%"}}
          approvals:
            signoffs: [{role: security-lead, title: Security Lead}]
            deciders: [release-managers]
          notifications:
            slack: {channel: "#deploys", tokenSecret: NOT_CONFIGURED_SLACK_TOKEN}
            pagerDuty: {routingKeySecret: NOT_CONFIGURED_ROUTING_KEY}
          """.formatted(closedPort, directory, command, command, service.uri("/router"), command, command, command,
          service.uri("/health"), service.uri("/prometheus"));

      Rehearsal rehearsal = rehearsals.rehearse(yaml, "checkout.yaml",
          new RehearsalOptions("2.0.0", "green", DecisionOutcome.GO));

      String timeline = String.join("\n", rehearsal.lines());
      assertThat(rehearsal.endState()).as(timeline).isEqualTo(RolloutState.ROLLED_BACK.specName());
      assertThat(rehearsal.timeline()).extracting(TimelineEntry::kind).as(timeline)
          .contains("decision", "database", "migrations", "release", "smoke", "traffic", "gate", "slack", "pagerduty");
      assertThat(service.requests()).isEmpty();
      assertThat(marker).doesNotExist();
    }
  }

  @Test
  void theEndIsBlamedOnWhatTurnedTheRolloutOnlyWhenItDidNotSucceed() throws Exception {
    String yaml = demoRunbook("feature-flag.yaml");

    Rehearsal breached = rehearsals.rehearse(yaml, "feature-flag.yaml",
        new RehearsalOptions("2.0.0", "compare-mode", DecisionOutcome.GO));
    Rehearsal healthy = rehearsals.rehearse(yaml, "feature-flag.yaml", RehearsalOptions.healthy());
    Rehearsal stopped = rehearsals.rehearse(yaml, "feature-flag.yaml",
        new RehearsalOptions("2.0.0", null, DecisionOutcome.NO_GO));

    // compare mode's breach rolls back without asking whether to switch (seed 000: no discrepancies to go on)
    assertThat(breached.lines()).anyMatch(line -> line.contains("gate         compare-mode: breached — "))
        .noneMatch(line -> line.contains("switch to the new system"));
    assertThat(breached.lines().getLast()).contains("ended      " + RolloutState.ROLLED_BACK.specName()
        + ": Rolled back — stage compare-mode breached: ");
    assertThat(healthy.lines().getLast()).endsWith("ended      " + RolloutState.SUCCEEDED.specName() + ": Rolled out");
    assertThat(stopped.lines().getLast()).endsWith("ended      " + RolloutState.NOT_APPROVED.specName()
        + ": Not approved: checklist — no-go on 'Confirm the pre-deployment checklist' by rehearsal-decider");
  }

  private static void rehearsesToSuccess(String yaml, String source) throws InterruptedException {
    new SpecReader().readYaml(yaml, source);

    Rehearsal rehearsal = rehearsals.rehearse(yaml, source, RehearsalOptions.healthy());

    String timeline = String.join("\n", rehearsal.lines());
    assertThat(rehearsal.stuck()).as(timeline).isNull();
    assertThat(rehearsal.endState()).as(timeline).isEqualTo(RolloutState.SUCCEEDED.specName());
    assertThat(rehearsal.timeline()).extracting(TimelineEntry::kind).as(timeline).doesNotContain("incident");
  }

  /** Each shipped runbook's YAML with every place it is shipped (the docs show the runbook files themselves). */
  private static Map<String, List<String>> shippedRunbooks() throws IOException {
    Map<String, List<String>> runbooks = new LinkedHashMap<>();
    for (String folder : List.of("runbooks", "deploy/runbooks")) {
      for (Path file : yamlFiles(Path.of(folder))) {
        add(runbooks, Files.readString(file), folder + "/" + file.getFileName());
      }
    }
    for (Path file : yamlFiles(DEMO)) {
      add(runbooks, demoRunbook(file.getFileName().toString()), DEMO + "/" + file.getFileName());
    }
    for (Path page : markdownFiles(Path.of("docs"))) {
      Matcher block = YAML_BLOCK.matcher(Files.readString(page));
      for (int example = 1; block.find(); example++) {
        // a block that lists stages is a runbook; the others show a few lines of one (an editor's first lines)
        JsonNode tree = YAML.readTree(block.group(1));
        if (tree != null && tree.has("stages")) {
          add(runbooks, block.group(1), page + " example " + example);
        }
      }
    }
    return runbooks;
  }

  /** A demo runbook as the demo fills it in. */
  private static String demoRunbook(String name) throws IOException {
    String yaml = Files.readString(DEMO.resolve(name));
    for (Map.Entry<String, String> value : DEMO_VALUES.entrySet()) {
      yaml = yaml.replace("${" + value.getKey() + "}", value.getValue());
    }
    return yaml;
  }

  private static void add(Map<String, List<String>> runbooks, String yaml, String source) {
    runbooks.computeIfAbsent(yaml, key -> new ArrayList<>()).add(source);
  }

  private static List<Path> yamlFiles(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(file -> file.toString().endsWith(".yaml")).sorted().toList();
    }
  }

  private static List<Path> markdownFiles(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(file -> file.toString().endsWith(".md")).sorted().toList();
    }
  }
}
