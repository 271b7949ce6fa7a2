package dev.greenlight.workers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import dev.greenlight.integrations.JsonHttp;
import dev.greenlight.integrations.flags.FeatureFlags;
import dev.greenlight.integrations.flags.FlagChange;
import dev.greenlight.integrations.flags.FlagStores;
import dev.greenlight.rollout.ErrorCodes;
import dev.greenlight.secrets.Secrets;
import dev.greenlight.spec.FlagTarget;
import dev.greenlight.spec.FlagTarget.FlagProvider;
import dev.greenlight.spec.RunbookSpec;
import dev.greenlight.spec.Strategy;
import dev.greenlight.support.LocalHttpServer;
import dev.greenlight.support.LocalHttpServer.Response;
import dev.greenlight.support.TestBounds;
import io.camunda.client.exception.BpmnError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.mock.env.MockEnvironment;

class SetFeatureFlagWorkerTest {

  private static final Map<String, String> NAMES = Map.of("useNewSystem", "USE_ELEMENT_SYSTEM", "rolloutPercent", "ROLLOUT_PCT");

  private final ObjectMapper json = JsonMapper.builder().findAndAddModules().build();
  private final SetFeatureFlagWorker worker = new SetFeatureFlagWorker(
      new FeatureFlags(new FlagStores(new JsonHttp(json), new Secrets(new MockEnvironment()),
          TestBounds.files(Path.of(System.getProperty("java.io.tmpdir")))), Clock.systemUTC()),
      json);

  @TempDir
  Path directory;

  @Test
  void setsTheFlagsAndReturnsValuesAndPreviousValues() throws Exception {
    Path file = directory.resolve("flags.json");
    Files.writeString(file, "{\"USE_ELEMENT_SYSTEM\": false}");
    Map<String, Object> flags = new LinkedHashMap<>();
    flags.put("useNewSystem", true);
    flags.put("rolloutPercent", 25);

    Map<String, FlagChange> result = worker.setFeatureFlag(runbook(new FlagTarget(FlagProvider.FILE, null, null,
        file.toString(), NAMES)), flags, "checkout-1", null, null);

    FlagChange change = result.get(SetFeatureFlagWorker.FLAGS_SET);
    assertThat(change.values()).containsEntry("useNewSystem", BooleanNode.TRUE).containsEntry("rolloutPercent", IntNode.valueOf(25));
    assertThat(change.previous()).containsEntry("useNewSystem", BooleanNode.FALSE);
    assertThat(json.readTree(file.toFile())).isEqualTo(json.readTree("{\"USE_ELEMENT_SYSTEM\": true, \"ROLLOUT_PCT\": 25}"));
    assertThat(json.convertValue(change, Map.class)).containsKeys("values", "previous", "confirmedAt");
  }

  @Test
  void flagThatDoesNotReadBackThrowsChangeNotApplied() {
    try (LocalHttpServer api = LocalHttpServer.start(request -> request.method().equals("PUT")
        ? Response.json(200, "{}")
        : Response.json(200, "{\"value\": false}"))) {
      RunbookSpec runbook = runbook(new FlagTarget(FlagProvider.HTTP, api.uri("/flags").toString(), null, null, NAMES));

      assertThatThrownBy(() -> worker.setFeatureFlag(runbook, Map.of("useNewSystem", true), "checkout-1", null, null))
          .isInstanceOfSatisfying(BpmnError.class, error -> {
            assertThat(error.getErrorCode()).isEqualTo(ErrorCodes.CHANGE_NOT_APPLIED);
            assertThat(error.getErrorMessage()).contains("useNewSystem (USE_ELEMENT_SYSTEM) reads back as false");
          });
    }
  }

  @Test
  void runbookWithoutFlagsIsAClearError() {
    assertThatThrownBy(() -> worker.setFeatureFlag(runbook(null), Map.of("useNewSystem", true), "checkout-1", null, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Runbook checkout has no flags section: add one to set flags");
  }

  @Test
  void aStageThatSetsNoFlagsLeavesTheStoreAsItIs() {
    RunbookSpec runbook = runbook(new FlagTarget(FlagProvider.FILE, null, null,
        directory.resolve("f.env").toString(), NAMES));

    assertThat(worker.setFeatureFlag(runbook, null, "checkout-1", "quick", null).get(SetFeatureFlagWorker.FLAGS_SET)
        .values()).isEmpty();
  }

  @Test
  void stagedFlagsAreWrittenOnAtTheStagesPercentageOrOffAtZero() throws Exception {
    Path file = directory.resolve("staged.json");
    RunbookSpec staged = runbook(Strategy.STAGED_FLAGS, new FlagTarget(FlagProvider.FILE, null, null, file.toString(),
        NAMES));
    Map<String, Object> flags = new LinkedHashMap<>();
    flags.put("useNewSystem", true);
    flags.put("rolloutPercent", false);

    worker.setFeatureFlag(staged, flags, "maverick-1", null, 25);

    assertThat(json.readTree(file.toFile())).isEqualTo(json.readTree("""
        {"USE_ELEMENT_SYSTEM": {"enabled": true, "rolloutPercentage": 25},
         "ROLLOUT_PCT": {"enabled": false, "rolloutPercentage": 0}}"""));
    assertThatThrownBy(() -> worker.setFeatureFlag(staged, Map.of("useNewSystem", 50), "maverick-1", null, 25))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Flag 'useNewSystem' is 50: with strategy staged-flags a stage's flags are true");
  }

  private static RunbookSpec runbook(FlagTarget flags) {
    return runbook(null, flags);
  }

  private static RunbookSpec runbook(Strategy strategy, FlagTarget flags) {
    return new RunbookSpec("checkout", strategy, null, null, flags, null, null, null, null, null, null, null, null);
  }
}
