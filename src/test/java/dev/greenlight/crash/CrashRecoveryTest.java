package dev.greenlight.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.greenlight.rollout.RolloutState;
import dev.greenlight.support.FreePort;
import dev.greenlight.support.GreenlightJvm;
import dev.greenlight.support.NginxUpstreams;
import dev.greenlight.support.NginxUpstreams.Upstream;
import dev.greenlight.support.LocalPostgres;
import dev.greenlight.support.ShopDatabase;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Greenlight killed with SIGKILL while four rollouts stand at the points where a crash hurts most, then started again
 * on its data directory, whose log also ends with the write that was under way cut in half:
 * <ul>
 *   <li>{@code cart}, a canary holding 50 % of the traffic in the middle of a stage, carries on and rolls out;</li>
 *   <li>{@code shop}, a feature-flag rollout in the middle of its database backup, takes the backup again (one archive),
 *       migrates once and switches its flags;</li>
 *   <li>{@code search}, a canary in the middle of its rollback (the on-call is being paged), finishes rolling back;</li>
 *   <li>{@code profile}, a canary whose question to a person is open, still has that question, with the same key, and
 *       rolls back on its answer.</li>
 * </ul>
 * Everything the rollouts changed is checked at the real nginx, PostgreSQL, the release commands' own count and the
 * stand-ins of the metric source, flag API, Slack and PagerDuty: traffic, flags and data end as the runbooks say, and
 * every side effect happened once.
 */
class CrashRecoveryTest {

  @RegisterExtension
  static final LocalPostgres POSTGRES = LocalPostgres.forTestClass("pg_dump", "pg_restore");

  static final Duration ROLLOUTS_END_WITHIN = Duration.ofMinutes(4);
  static final String STARTER = "carol";
  static final String DECIDER = "dave";
  /** The two runs' logs and the engine's data directory, kept for a look after the suite. */
  static final Path LOGS = Path.of("target", "crash-suite").toAbsolutePath();
  static final Path DATA = LOGS.resolve("data");

  @TempDir Path work;

  CrashStandIn standIn;
  NginxUpstreams nginx;
  Map<String, Upstream> upstreams;
  Path holdBackups;

  @Test
  void rolloutsKilledMidStageMidBackupMidRollbackAndWithAQuestionOpenEndAsTheirRunbooksSay() throws Exception {
    try (CrashStandIn counterparts = new CrashStandIn()) {
      standIn = counterparts;
      upstreams = Map.of(
          "cart", new Upstream("cart", "127.0.0.1:" + FreePort.onLoopback(), "127.0.0.1:" + FreePort.onLoopback()),
          "search", new Upstream("search", "127.0.0.1:" + FreePort.onLoopback(), "127.0.0.1:" + FreePort.onLoopback()),
          "profile", new Upstream("profile", "127.0.0.1:" + FreePort.onLoopback(), "127.0.0.1:" + FreePort.onLoopback()));
      try (NginxUpstreams router = NginxUpstreams.start(work.resolve("nginx"), List.copyOf(upstreams.values()))) {
        nginx = router;
        run();
      }
    }
  }

  private void run() throws Exception {
    deleteOldLogs();
    ShopDatabase shop = ShopDatabase.create(POSTGRES);
    holdBackups = work.resolve("hold-backups");
    writeRunbooks(shop);
    standIn.stats("cart", Map.of("errorRate", 0.001));
    standIn.stats("search", Map.of("errorRate", 0.5));
    // valid until profile has started (the start checks every query answers), then no valid reading at all
    standIn.stats("profile", Map.of("errorRate", 0.001));
    standIn.stats("shop", Map.of("errorRate", 0.0001, "p95", 0.05, "discrepancies", 0, "matchRate", 0.99));
    Files.createFile(holdBackups);
    standIn.holdPages();

    Map<String, String> ids;
    long cartInstance;
    long openQuestion;
    try (GreenlightJvm first = GreenlightJvm.start(work, LOGS.resolve("greenlight-1.log"), properties())) {
      ids = Map.of("cart", start(first, "cart"), "shop", start(first, "shop"), "search", start(first, "search"),
          "profile", start(first, "profile"));
      standIn.stats("profile", Map.of("errorRate", "n/a"));

      await("shop's backup is under way").atMost(Duration.ofSeconds(120)).until(() -> {
        approveOpenDecisions(first, ids.get("shop"));
        return lines(work.resolve("pgclient/pg_dump.runs")).size() == 1;
      });
      await("search pages the on-call during its rollback").atMost(Duration.ofSeconds(120))
          .until(() -> !standIn.pages(ids.get("search")).isEmpty());
      assertThat(nginx.canaryWeight(upstreams.get("search"))).as("search's traffic already back on stable").isZero();
      openQuestion = await("profile asks whether to keep watching").atMost(Duration.ofSeconds(120))
          .until(() -> openTasks(first, ids.get("profile")), tasks -> !tasks.isEmpty()).getFirst();
      JsonNode cart = awaitRollout(first, ids.get("cart"), view -> "half".equals(view.path("stage").asText()));
      await("cart holds 50 % of its traffic").atMost(Duration.ofSeconds(60))
          .until(() -> nginx.canaryWeight(upstreams.get("cart")) == 50);
      cartInstance = cart.path("processInstanceKey").asLong();
      // what is in flight elsewhere (a gate check, a notification) settles, so the kill lands in these four places
      Thread.sleep(2000);

      first.kill();
    }
    appendAHalfWrittenEntryToTheLog();

    try (GreenlightJvm second = GreenlightJvm.start(work, LOGS.resolve("greenlight-2.log"), properties())) {
      assertThat(second.log()).contains("The engine log ends with a write cut short by a crash or power loss");
      assertThat(second.call(STARTER, "GET", "/api/rollouts", null)).extracting(view -> view.path("rolloutId").asText())
          .as("the read models show the same rollouts").containsExactlyInAnyOrderElementsOf(ids.values());
      JsonNode cart = rollout(second, ids.get("cart"));
      assertThat(cart.path("state").asText()).isEqualTo(RolloutState.ACTIVE.specName());
      assertThat(cart.path("stage").asText()).isEqualTo("half");
      assertThat(cart.path("processInstanceKey").asLong()).isEqualTo(cartInstance);
      assertThat(nginx.canaryWeight(upstreams.get("cart"))).isEqualTo(50);
      assertThat(openTasks(second, ids.get("profile"))).as("the open question, with the same key")
          .containsExactly(openQuestion);

      Files.delete(holdBackups);
      standIn.answerPages();
      second.call(DECIDER, "POST", "/api/tasks/" + openQuestion + "/decision",
          "{\"decision\": \"no-go\", \"comment\": \"the canary's error rate cannot be read; roll back\"}");
      await("every rollout ended").atMost(ROLLOUTS_END_WITHIN).pollInterval(Duration.ofSeconds(1)).until(() -> {
        approveOpenDecisions(second, ids.get("shop"));
        return ids.values().stream()
            .noneMatch(id -> RolloutState.ACTIVE.specName().equals(rollout(second, id).path("state").asText()));
      });

      assertEnded(second, ids.get("cart"), RolloutState.SUCCEEDED);
      assertEnded(second, ids.get("shop"), RolloutState.SUCCEEDED);
      assertEnded(second, ids.get("search"), RolloutState.ROLLED_BACK);
      assertEnded(second, ids.get("profile"), RolloutState.ROLLED_BACK);
    }

    assertThat(nginx.canaryWeight(upstreams.get("cart"))).as("cart rolled out").isEqualTo(100);
    assertThat(nginx.canaryWeight(upstreams.get("search"))).as("search rolled back").isZero();
    assertThat(nginx.canaryWeight(upstreams.get("profile"))).as("profile rolled back").isZero();
    assertThat(release("cart")).containsExactly("deploy");
    assertThat(release("shop")).containsExactly("deploy");
    assertThat(release("search")).containsExactly("deploy", "revert");
    assertThat(release("profile")).containsExactly("deploy", "revert");
    assertThat(Files.readString(live("cart"))).isEqualTo("2.0.0");
    assertThat(Files.readString(live("shop"))).isEqualTo("2.0.0");
    assertThat(Files.readString(live("search"))).isEqualTo("1.0.0");
    assertThat(Files.readString(live("profile"))).isEqualTo("1.0.0");

    assertThat(standIn.flag("SHOP_NEW_CHECKOUT").asBoolean()).isTrue();
    assertThat(standIn.flag("SHOP_CHECKOUT_COMPARE").asBoolean()).isFalse();
    assertThat(files(work.resolve("backups"), ".dump")).as("one backup archive for the backup step").hasSize(1);
    assertThat(lines(work.resolve("pgclient/pg_dump.runs")))
        .as("pg_dump: the attempt the kill interrupted before its archive was kept, then the one that kept it")
        .hasSize(2);
    assertThat(changelog(shop)).as("each changeset applied once, after one tag of the database as it was before")
        .containsExactly("tag greenlight-before-" + ids.get("shop"), "checkout-flags-table", "orders-channel");

    assertThat(standIn.pages(ids.get("search")).stream().map(page -> page.path("dedup_key").asText())
        .collect(Collectors.toSet())).as("PagerDuty: one incident for search's rollback").hasSize(1);
    for (String service : upstreams.keySet()) {
      assertThat(standIn.slackMessages(service)).as("Slack messages of %s", service).isNotEmpty()
          .doesNotHaveDuplicates();
    }
    assertThat(standIn.slackMessages("shop")).doesNotHaveDuplicates();
  }

  private static void deleteOldLogs() throws IOException {
    for (String log : List.of("greenlight-1.log", "greenlight-2.log")) {
      Files.deleteIfExists(LOGS.resolve(log));
    }
    if (Files.exists(DATA)) {
      try (Stream<Path> files = Files.walk(DATA)) {
        for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(file);
        }
      }
    }
  }

  private List<String> properties() {
    return List.of(
        "greenlight.engine.embedded.throw-away=false",
        "greenlight.engine.embedded.data-directory=" + DATA,
        "greenlight.engine.embedded.snapshot-period=PT3S",
        "greenlight.runbooks.directory=" + work.resolve("runbooks"),
        "greenlight.commands.allowed-executables=sh,cat," + NginxUpstreams.BINARY,
        "greenlight.files.allowed-roots=" + work.resolve("nginx") + "," + work.resolve("backups"),
        "greenlight.reports.directory=" + work.resolve("reports"),
        "greenlight.slack.base-url=" + standIn.uri("/slack"),
        "greenlight.pagerduty.base-url=" + standIn.uri("/pagerduty"),
        "greenlight.database.postgres.client-directory=" + work.resolve("pgclient"),
        "greenlight.secrets.CRASH_SLACK_TOKEN=xoxb-crash-suite",
        "greenlight.secrets.CRASH_PAGERDUTY_KEY=crash-suite-routing-key",
        "greenlight.secrets." + ShopDatabase.PASSWORD_SECRET + "=" + LocalPostgres.PASSWORD);
  }

  private void writeRunbooks(ShopDatabase shop) throws IOException {
    Path runbooks = Files.createDirectories(work.resolve("runbooks"));
    Files.createDirectories(work.resolve("backups"));
    String stage = "{name: %s, weight: %d, duration: %s, interval: %s, thresholds: {errorRate: \"< 1%%\"}%s}";
    writeCanary(runbooks, "cart", "[" + String.join(", ",
        // room for twice the readings needed: a reading can take two intervals on a busy machine
        stage.formatted("canary", 10, "PT8S", "PT1S", ""),
        stage.formatted("half", 50, "PT90S", "PT2S", ""),
        stage.formatted("full", 100, "PT8S", "PT1S", "")) + "]");
    writeCanary(runbooks, "search", "[" + stage.formatted("canary", 10, "PT30S", "PT1S", "") + "]");
    // long enough that the question is still open when the kill comes: the stage's end would close it
    writeCanary(runbooks, "profile", "[" + stage.formatted("canary", 10, "PT10M", "PT1S", ", onInconclusive: ask") + "]");
    Files.writeString(runbooks.resolve("shop.yaml"), SuiteRunbooks.featureFlag(Map.of(
        "service", "shop", "jdbcUrl", shop.jdbcUrl(), "dbUser", LocalPostgres.USER,
        "backups", work.resolve("backups").toString(), "base", standIn.uri("").toString(),
        "live", liveVersion("shop").toString())));
    writePgDumpThatHolds();
  }

  private void writeCanary(Path runbooks, String service, String stages) throws IOException {
    Path live = liveVersion(service);
    Files.writeString(runbooks.resolve(service + ".yaml"), SuiteRunbooks.canary(service, nginx, upstreams.get(service),
        live, SuiteRunbooks.countingDeploy(live), standIn.uri(""), stages));
  }

  /**
   * The backups' pg_dump: the real one, which then waits while the hold file exists, so the backup job is caught after
   * its archive is written and before Greenlight has checked and kept it. Every run is counted.
   */
  private void writePgDumpThatHolds() throws IOException {
    Path client = Files.createDirectories(work.resolve("pgclient"));
    Path pgDump = Files.writeString(client.resolve("pg_dump"), """
        #!/bin/sh
        [ "$1" = "--version" ] && exec /usr/bin/pg_dump --version
        echo "$$" >> "%1$s/pg_dump.runs"
        /usr/bin/pg_dump "$@"
        status=$?
        while [ -e "%2$s" ]; do sleep 0.2; done
        exit $status
        """.formatted(client, holdBackups));
    Files.setPosixFilePermissions(pgDump, PosixFilePermissions.fromString("rwx------"));
    Files.createSymbolicLink(client.resolve("pg_restore"), Path.of("/usr/bin/pg_restore"));
  }

  private Path liveVersion(String service) throws IOException {
    return Files.writeString(live(service), "1.0.0");
  }

  private Path live(String service) {
    return work.resolve(service + "-live-version");
  }

  private List<String> release(String service) throws IOException {
    return lines(work.resolve(service + "-live-version.runs"));
  }

  /**
   * The record being appended when the power went, only half on disk: its header promises more bytes than follow. The
   * engine must drop it, say so, and start from the records before it.
   */
  private void appendAHalfWrittenEntryToTheLog() throws IOException {
    Path lastSegment = files(DATA.resolve("log"), ".log").getLast();
    ByteBuffer half = ByteBuffer.allocate(24 + 300).putInt(600).putInt(0x5eed).putLong(Long.MAX_VALUE - 1)
        .putLong(Long.MAX_VALUE - 1);
    half.position(half.capacity()).flip();
    try (FileChannel log = FileChannel.open(lastSegment, StandardOpenOption.APPEND)) {
      log.write(half);
    }
  }

  private String start(GreenlightJvm greenlight, String runbook) {
    return greenlight.call(STARTER, "POST", "/api/rollouts",
        "{\"runbook\": \"" + runbook + "\", \"version\": \"2.0.0\", \"ticket\": \"CHG-CRASH\"}")
        .path("rolloutId").asText();
  }

  private JsonNode rollout(GreenlightJvm greenlight, String rolloutId) {
    return greenlight.call(STARTER, "GET", "/api/rollouts/" + rolloutId, null);
  }

  private JsonNode awaitRollout(GreenlightJvm greenlight, String rolloutId, Predicate<JsonNode> condition) {
    return await(rolloutId).atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
        .until(() -> rollout(greenlight, rolloutId), condition::test);
  }

  /** The keys of the rollout's questions the decider may answer now (its own or those of processes it called). */
  private List<Long> openTasks(GreenlightJvm greenlight, String rolloutId) {
    List<Long> keys = new ArrayList<>();
    for (JsonNode task : greenlight.call(DECIDER, "GET", "/api/tasks", null)) {
      if (rolloutId.equals(task.path("rolloutId").asText())) {
        keys.add(task.path("key").asLong());
      }
    }
    return keys;
  }

  /** The suite's person for the feature-flag rollout: says go to every question it asks. */
  private void approveOpenDecisions(GreenlightJvm greenlight, String rolloutId) {
    for (long task : openTasks(greenlight, rolloutId)) {
      greenlight.call(DECIDER, "POST", "/api/tasks/" + task + "/decision",
          "{\"decision\": \"go\", \"comment\": \"checked\"}");
    }
  }

  private void assertEnded(GreenlightJvm greenlight, String rolloutId, RolloutState expected) {
    JsonNode view = rollout(greenlight, rolloutId);
    assertThat(view.path("state").asText()).as("%s: %s", rolloutId, view).isEqualTo(expected.specName());
  }

  /** Liquibase's changelog table in order: each changeset's id, and {@code tag NAME} for a tag. */
  private static List<String> changelog(ShopDatabase shop) throws Exception {
    List<String> entries = new ArrayList<>();
    try (Connection connection = POSTGRES.connect(shop.jdbcUrl()); Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT id, author, tag FROM databasechangelog ORDER BY orderexecuted")) {
      while (rows.next()) {
        entries.add(rows.getString("author").equals("crash-suite") ? rows.getString("id") : "tag " + rows.getString("tag"));
      }
    }
    return entries;
  }

  private static List<Path> files(Path directory, String suffix) throws IOException {
    try (Stream<Path> listing = Files.list(directory)) {
      return listing.filter(path -> path.getFileName().toString().endsWith(suffix)).sorted().toList();
    }
  }

  private static List<String> lines(Path file) throws IOException {
    return Files.exists(file) ? Files.readAllLines(file).stream().filter(line -> !line.isBlank()).toList() : List.of();
  }
}
