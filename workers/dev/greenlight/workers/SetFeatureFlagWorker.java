package dev.greenlight.workers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.greenlight.integrations.ChangeNotAppliedException;
import dev.greenlight.integrations.flags.FeatureFlags;
import dev.greenlight.integrations.flags.FlagChange;
import dev.greenlight.integrations.flags.StagedFlags;
import dev.greenlight.rollout.ErrorCodes;
import dev.greenlight.rollout.RolloutVariables;
import dev.greenlight.spec.RunbookSpec;
import dev.greenlight.spec.Strategy;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.exception.CamundaError;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * {@code set-feature-flag}: sets {@code flags} (logical flag name → value) in the runbook's flag store and confirms
 * them. With strategy staged-flags each flag is true or false and is written as {@link StagedFlags} do, on at
 * {@code rolloutPercentage} (the stage's weight). Result in {@code flagsSet} (values read back, previous values for a rollback, confirmedAt). A flag that does
 * not read back as set throws {@code CHANGE_NOT_APPLIED}. Each change is one line in the log, with what the store read
 * back.
 *
 * <p>Run twice: the flags are set to absolute values and read back, so setting them again changes nothing.
 */
@Component
public class SetFeatureFlagWorker {

  public static final String FLAGS = "flags";
  public static final String FLAGS_SET = RolloutVariables.FLAGS_SET;
  public static final String ROLLOUT_PERCENTAGE = "rolloutPercentage";
  private static final Logger log = LoggerFactory.getLogger(SetFeatureFlagWorker.class);

  private final FeatureFlags featureFlags;
  private final ObjectMapper json;

  public SetFeatureFlagWorker(FeatureFlags featureFlags, ObjectMapper json) {
    this.featureFlags = featureFlags;
    this.json = json;
  }

  @JobWorker(type = "set-feature-flag")
  public Map<String, FlagChange> setFeatureFlag(
      @Variable(name = RolloutVariables.RUNBOOK) RunbookSpec runbook,
      @Variable(name = FLAGS) Map<String, Object> flags,
      @Variable(name = RolloutVariables.ROLLOUT_ID, optional = true) String rolloutId,
      @Variable(name = RolloutVariables.ROLLBACK_MODE, optional = true) String rollbackMode,
      @Variable(name = ROLLOUT_PERCENTAGE, optional = true) Integer rolloutPercentage) {
    if (runbook.flags() == null) {
      throw new IllegalArgumentException("Runbook " + runbook.service() + " has no flags section: add one to set flags");
    }
    Map<String, JsonNode> wanted = new LinkedHashMap<>();
    if (flags != null && runbook.strategy() == Strategy.STAGED_FLAGS) {
      wanted.putAll(StagedFlags.values(flags, rolloutPercentage));
    } else if (flags != null) {
      flags.forEach((name, value) -> wanted.put(name, value == null ? NullNode.getInstance() : json.valueToTree(value)));
    }
    try {
      FlagChange change = featureFlags.set(runbook.flags(), wanted);
      log.info("Rollout {}: {}flags set to {}; the store reads back {}", rolloutId,
          rollbackMode == null ? "" : "rollback step: ", wanted, change.values());
      return Map.of(FLAGS_SET, change);
    } catch (ChangeNotAppliedException e) {
      throw CamundaError.bpmnError(ErrorCodes.CHANGE_NOT_APPLIED, e.getMessage());
    }
  }
}
