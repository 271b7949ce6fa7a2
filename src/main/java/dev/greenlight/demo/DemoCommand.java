package dev.greenlight.demo;

import dev.greenlight.GreenlightServer;
import dev.greenlight.api.rollouts.RolloutReadModel;
import dev.greenlight.api.rollouts.RolloutStarter;
import dev.greenlight.demo.service.DemoService;
import dev.greenlight.demo.service.LoadGenerator;
import dev.greenlight.engine.EmbeddedRecordFeed;
import dev.greenlight.inbox.DecisionDesk;
import dev.greenlight.integrations.database.postgres.PostgresClientProperties;
import dev.greenlight.security.Caller;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code greenlight demo}: the bundled demo service, Greenlight on its embedded engine and two real rollouts, all in
 * this JVM and on 127.0.0.1, with durations compressed to seconds through the runbooks. Exits 0 only when the
 * feature-flag rollout completed and the bad canary was rolled back by itself.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Run the demo: a feature-flag rollout that succeeds and a canary of a bad release that rolls itself"
        + " back, against a bundled service with its own PostgreSQL. No outside services needed.")
public class DemoCommand implements Callable<Integer> {

  static final String STABLE_VERSION = "1.4.0";
  static final int REQUESTS_PER_SECOND = 40;
  static final Caller DECIDER = new Caller("demo-approver", Set.of("demo-deciders"));
  /** The role that may start the demo's rollouts. */
  static final String ROLLOUT_ROLE = "demo-operators";

  @Option(names = "--interactive", description = "Ask the go/no-go questions at the terminal instead of approving them.")
  boolean interactive;

  @Option(names = "--report", defaultValue = "demo-report.md", description = "Where to write the report (default: ${DEFAULT-VALUE}).")
  Path report;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    try {
      new PostgresClientProperties(null, null).program("pg_dump");
      new PostgresClientProperties(null, null).program("pg_restore");
    } catch (IllegalStateException e) {
      spec.commandLine().getErr().println("The demo backs up a real database and verifies the archive. " + e.getMessage());
      return 1;
    }
    Clock clock = Clock.systemUTC();
    Instant started = clock.instant();
    Path work = Files.createTempDirectory("greenlight-demo-");
    Map<String, String> secrets = Map.of(
        "DEMO_CATALOG_DB_PASSWORD", randomSecret(), "DEMO_PIPELINE_SECRET", randomSecret(),
        "DEMO_SLACK_TOKEN", "xoxb-demo-" + randomSecret(), "DEMO_PAGERDUTY_ROUTING_KEY", randomSecret());
    out.println("Starting the demo service (PostgreSQL 15, HTTP on 127.0.0.1) and Greenlight on the embedded engine…");
    // Greenlight first: starting Spring sets up logging, which keeps the database's start-up chatter off the terminal
    try (NotificationRecorder recorder = NotificationRecorder.start(clock);
        ConfigurableApplicationContext greenlight = startGreenlight(recorder, secrets, work);
        DemoService service = DemoService.start(STABLE_VERSION, secrets.get("DEMO_CATALOG_DB_PASSWORD"),
            secrets.get("DEMO_PIPELINE_SECRET"), clock);
        LoadGenerator load = new LoadGenerator(service.uri("/api/elements"))) {
      load.start(REQUESTS_PER_SECOND);
      out.printf("Demo service at %s (database %s), %d requests/s of load; Greenlight at http://127.0.0.1:%s%n",
          service.uri("/"), service.jdbcUrl(), REQUESTS_PER_SECOND,
          greenlight.getEnvironment().getProperty("local.server.port"));
      Approver approver = interactive
          ? new TerminalApprover(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)), out)
          : Approver.automatic();
      try (DecisionAnswerer answerer = new DecisionAnswerer(greenlight.getBean(DecisionDesk.class), DECIDER, approver,
          decision -> out.printf("   decision: %s → %s by %s%n", decision.task(), decision.outcome().word(),
              decision.decidedBy()))) {
        DemoRun run = new DemoRun(greenlight.getBean(RolloutStarter.class),
            new RolloutFollower(greenlight.getBean(RolloutReadModel.class), out, clock, started),
            new RolloutTimeline(greenlight.getBean(EmbeddedRecordFeed.class)), service, recorder, answerer,
            Map.of("base", service.uri("").toString(), "jdbcUrl", service.jdbcUrl(),
                "backups", work.resolve("backups").toString()),
            work.resolve("runbooks"), out, clock);
        List<ScenarioResult> results = new ArrayList<>();
        results.add(run.featureFlagRollout());
        results.add(run.canaryOfABadRelease());
        DemoSummary summary = new DemoSummary(results, run.rollbackTiming(), answerer.decisions(),
            recorder.received(), Duration.between(started, clock.instant()));
        summary.print(out);
        summary.write(report);
        out.println("Report: " + report.toAbsolutePath());
        return summary.passed() ? 0 : 1;
      }
    } finally {
      deleteRecursively(work);
    }
  }

  /** Greenlight itself, in this JVM, on free ports, pointed at the recorder and knowing the demo's secrets. */
  private static ConfigurableApplicationContext startGreenlight(NotificationRecorder recorder,
      Map<String, String> secrets, Path work) {
    List<String> arguments = new ArrayList<>(List.of(
        "--server.port=0",
        "--greenlight.engine.mode=embedded",
        "--greenlight.engine.embedded.port=0",
        "--greenlight.slack.base-url=" + recorder.uri("/slack"),
        "--greenlight.pagerduty.base-url=" + recorder.uri("/pagerduty"),
        "--greenlight.release.webhook.signing-secrets=DEMO_PIPELINE_SECRET",
        "--greenlight.reports.directory=" + work.resolve("reports"),
        "--greenlight.runbooks.directory=" + work.resolve("runbooks"),
        // the demo's rollouts are started by name from the runbooks directory, by the demo operator's role; their
        // only files are the database backups, in the scratch directory
        "--greenlight.security.rollout-roles=" + ROLLOUT_ROLE,
        "--greenlight.files.allowed-roots=" + work.resolve("backups"),
        "--camunda.client.auth.method=none",
        // a machine busy with other work can take longer than the default 10 s to deploy all the processes
        "--camunda.client.request-timeout=PT60S",
        "--logging.level.dev.greenlight=WARN"));
    secrets.forEach((name, value) -> arguments.add("--greenlight.secrets." + name + "=" + value));
    return new SpringApplication(GreenlightServer.class).run(arguments.toArray(String[]::new));
  }

  static String randomSecret() {
    byte[] bytes = new byte[16];
    new SecureRandom().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  private static void deleteRecursively(Path directory) {
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Removing the demo's scratch directory " + directory + " failed", e);
    }
  }
}
