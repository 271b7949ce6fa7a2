package dev.greenlight.processes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.greenlight.rollout.RolloutState;
import dev.greenlight.support.Cli;
import dev.greenlight.support.LocalHttpServer.RecordedRequest;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Runs after the failure tests (and before the coverage check) and reads everything a person was shown in this test
 * run: the API's rollouts, the CLI's {@code list} and {@code status} of each, every message the Slack and PagerDuty
 * stand-ins received and every filed report. None may carry a stack trace; those go to the log.
 */
@Order(Integer.MAX_VALUE - 1)
class NoStackTracesTest extends RunbookProcessTest {

  /** A stack frame ({@code at dev.greenlight.X.y(X.java:12)}, {@code at java.base/...}) or a chained cause. */
  static final Pattern STACK_TRACE = Pattern.compile(
      "(?m)(^|\\s)at [\\w$]+(\\.[\\w$]+)*(/[\\w.$]+)*\\.[\\w$<>]+\\(([\\w$]+\\.java:\\d+|Native Method|Unknown Source)\\)"
          + "|Caused by: [\\w$]+(\\.[\\w$]+)+");

  private static final ObjectMapper JSON = new ObjectMapper();

  @Autowired TestRestTemplate http;
  @LocalServerPort int port;
  @Value("${greenlight.reports.directory}") Path reportsDirectory;

  @Test
  void nothingAPersonSeesCarriesAStackTrace() throws IOException {
    Rollout failing = start("canary", CanaryRolloutProcessTest.withDeploy("[/bin/false]"));
    assertThat(view(failing).state()).as("at least one failure to read").isEqualTo(RolloutState.FAILED);

    List<Seen> seen = new ArrayList<>();
    JsonNode rollouts = http.withBasicAuth("alice", "alice-pw").getForObject("/api/rollouts", JsonNode.class);
    seen.add(new Seen("GET /api/rollouts", texts(rollouts)));
    seen.add(new Seen("greenlight list", cli("list")));
    for (JsonNode rollout : rollouts) {
      String id = rollout.path("rolloutId").asText();
      seen.add(new Seen("greenlight status " + id, cli("status", id)));
    }
    for (RecordedRequest request : SERVICE.allRequests()) {
      String where = request.method() + " " + request.path();
      if (request.path().startsWith("/slack")) {
        // chat.postMessage is form-encoded
        seen.add(new Seen(where, URLDecoder.decode(request.body(), StandardCharsets.UTF_8)));
      } else if (request.path().startsWith("/pagerduty")) {
        // Events API v2 is JSON, where a '%' is itself ("10 % of traffic")
        seen.add(new Seen(where, texts(JSON.readTree(request.body()))));
      }
    }
    try (Stream<Path> files = Files.walk(reportsDirectory)) {
      for (Path report : files.filter(file -> file.toString().endsWith(".json")).toList()) {
        seen.add(new Seen(report.toString(), texts(JSON.readTree(report.toFile()))));
      }
    }

    assertThat(seen).as("what people saw").anyMatch(shown -> shown.text().contains(view(failing).reason()));
    assertThat(seen).allSatisfy(shown -> assertThat(STACK_TRACE.matcher(shown.text()).find())
        .as("a stack trace in %s: %s", shown.where(), shown.text()).isFalse());
  }

  @Test
  void thePatternFindsStackTraces() throws IOException {
    assertThat(STACK_TRACE.matcher("java.lang.IllegalStateException: boom\n\tat dev.greenlight.X.y(X.java:12)")
        .find()).isTrue();
    assertThat(STACK_TRACE.matcher("x\n    at java.base/java.io.FileOutputStream.writeBytes(Native Method)").find())
        .isTrue();
    assertThat(STACK_TRACE.matcher("Caused by: java.net.ConnectException: refused").find()).isTrue();
    assertThat(STACK_TRACE.matcher("Deploy failed at 10:00 (see the log)").find()).isFalse();
    assertThat(STACK_TRACE.matcher(texts(JSON.readTree("{\"summary\": \"boom\\n\\tat dev.greenlight.X.y(X.java:12)\"}")))
        .find()).as("a trace inside a JSON string").isTrue();
  }

  /** The text values of a JSON document, one a line, as a person reads them (JSON escapes a trace's line breaks). */
  private static String texts(JsonNode json) {
    List<String> texts = new ArrayList<>();
    collectTexts(json, texts);
    return String.join("\n", texts);
  }

  private static void collectTexts(JsonNode json, List<String> texts) {
    if (json.isValueNode()) {
      texts.add(json.asText());
    }
    json.forEach(child -> collectTexts(child, texts));
  }

  private String cli(String... command) {
    List<String> arguments = new ArrayList<>(List.of(command));
    arguments.addAll(List.of("--server", "http://127.0.0.1:" + port, "--user", "alice", "--password", "alice-pw"));
    Cli.Run run = Cli.run(arguments.toArray(String[]::new));
    return run.out() + run.err();
  }

  /** @param where where a person saw it @param text what they saw */
  record Seen(String where, String text) {}
}
