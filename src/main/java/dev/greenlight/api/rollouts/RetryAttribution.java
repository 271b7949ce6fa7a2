package dev.greenlight.api.rollouts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.greenlight.rollout.RolloutVariables;
import dev.greenlight.security.ActionLog;
import dev.greenlight.security.Caller;
import dev.greenlight.security.Channel;
import io.camunda.client.CamundaClient;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Records a retry of a rollout's failed steps in its record ({@value RolloutVariables#RETRIES}: by, via, at; every
 * retry kept, oldest first) and in the action log. The retry endpoint calls it once
 * {@link dev.greenlight.security.RolloutPermissions#requireRetry} has let the caller through.
 */
@Component
public class RetryAttribution {

  private final CamundaClient client;
  private final ActionLog actions;
  private final Clock clock;
  private final ObjectMapper json = new ObjectMapper();

  public RetryAttribution(CamundaClient client, ActionLog actions, ObjectProvider<Clock> clock) {
    this.client = client;
    this.actions = actions;
    this.clock = clock.getIfAvailable(Clock::systemUTC);
  }

  public void record(RolloutView rollout, Caller caller, Channel via) {
    List<Object> retries = new ArrayList<>();
    JsonNode earlier = rollout.audit().retries();
    if (earlier != null && earlier.isArray()) {
      earlier.forEach(retry -> retries.add(json.convertValue(retry, Map.class)));
    }
    Map<String, Object> retry = new LinkedHashMap<>();
    retry.put("by", caller.name());
    retry.put("via", via.specName());
    retry.put("at", clock.instant().toString());
    retries.add(retry);
    client.newSetVariablesCommand(rollout.processInstanceKey()).variables(Map.of(RolloutVariables.RETRIES, retries))
        .local(true).send().join();
    actions.record(rollout.rolloutId(), "retried", caller.name(), via, rollout.audit().runbookSha256(), null);
  }
}
