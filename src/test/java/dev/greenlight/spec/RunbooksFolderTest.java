package dev.greenlight.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every runbook shipped in {@code runbooks/} is valid, and there is one per strategy. */
class RunbooksFolderTest {

  static final Path RUNBOOKS = Path.of("runbooks");

  /** The runbook files; {@code scripts/} holds the programs they call. */
  static List<Path> runbookFiles() throws IOException {
    try (Stream<Path> paths = Files.list(RUNBOOKS)) {
      return paths.filter(Files::isRegularFile).sorted().toList();
    }
  }

  @Test
  void everyRunbookIsValidAndEveryStrategyHasOne() throws IOException {
    List<Path> files = runbookFiles();
    assertThat(files).allSatisfy(file -> assertThat(file.toString()).endsWith(".yaml"));

    SpecReader reader = new SpecReader();
    List<String> problems = new ArrayList<>();
    List<Strategy> strategies = new ArrayList<>();
    for (Path file : files) {
      try {
        strategies.add(reader.read(file).strategy());
      } catch (InvalidRunbookException e) {
        problems.add(e.getMessage());
      }
    }
    assertThat(problems).as(String.join("\n", problems)).isEmpty();
    assertThat(strategies).containsExactlyInAnyOrder(Strategy.values());
  }

  @Test
  void theCanaryRunbookCarriesSeed003sGates() {
    RunbookSpec canary = new SpecReader().read(RUNBOOKS.resolve("analyzer-canary.yaml"));

    assertThat(canary.stages()).extracting(Stage::weight).containsExactly(1, 10, 100);
    assertThat(canary.stages()).extracting(stage -> stage.thresholds().get("errorRate").value())
        .containsExactly(0.01, 0.005, 0.001);
    assertThat(canary.stages().get(2).onBreach()).isEqualTo(Stage.BreachAction.INVESTIGATE);
    RunbookSpec blueGreen = new SpecReader().read(RUNBOOKS.resolve("architect-api-blue-green.yaml"));
    assertThat(blueGreen.approvals().signoffs()).extracting(Approvals.Signoff::title).containsExactly(
        "CTO/VP Engineering", "Engineering Lead", "DevOps Lead", "Security Lead", "Product Lead", "Head of Support");
    RunbookSpec staged = new SpecReader().read(RUNBOOKS.resolve("embedding-staged-flags.yaml"));
    assertThat(staged.stages()).extracting(Stage::weight).containsExactly(5, 25, 50, 100);
    assertThat(Arrays.asList(staged.stages().get(3).thresholds().keySet().toArray()))
        .containsExactly("embeddingSuccessRate", "queueDepth", "responseTimeP95");
  }

  @Test
  void theFeatureFlagRunbookCarriesSeed000sPhasesAndReports() {
    RunbookSpec featureFlag = new SpecReader().read(RUNBOOKS.resolve("msia-element-system.yaml"));

    assertThat(featureFlag.stages()).extracting(Stage::name).containsExactly("dark-launch", "compare-mode", "switch");
    assertThat(featureFlag.stages()).extracting(Stage::reportEvery)
        .containsExactly(null, Duration.ofDays(1), Duration.ofHours(1));
    assertThat(featureFlag.reports().compareStatsUrl()).endsWith("/compare-stats");
    assertThat(featureFlag.reviewAfter()).isEqualTo(Duration.ofDays(7));
    assertThat(featureFlag.notifications().escalation().autoRemediation())
        .containsExactly(Map.entry("P1", Notifications.Remediation.ROLLBACK));
  }
}
