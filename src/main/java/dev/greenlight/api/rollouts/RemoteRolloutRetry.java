package dev.greenlight.api.rollouts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.greenlight.engine.EngineProperties;
import dev.greenlight.rollout.RolloutVariables;
import dev.greenlight.rollout.StepNames;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.enums.IncidentState;
import io.camunda.client.api.search.enums.ProcessInstanceState;
import io.camunda.client.api.search.response.Incident;
import io.camunda.client.api.search.response.ProcessInstance;
import java.util.List;
import java.util.Locale;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Retry on a Camunda 8.8 cluster: the rollout's process instance is found by its {@code rolloutId} variable (the one
 * without a parent; called processes carry the variable too), its incidents and those of every process it called by
 * the cluster's "incidents of a process instance" search. Search answers from secondary storage, so an incident raised
 * a moment ago may not be found yet: the answer then says there is nothing to retry, and a second try finds it.
 */
@Component
@ConditionalOnProperty(name = EngineProperties.MODE, havingValue = "remote")
public class RemoteRolloutRetry implements RolloutRetry {

  private final CamundaClient client;
  private final StepNames stepNames;
  private final ObjectMapper json;

  public RemoteRolloutRetry(CamundaClient client, StepNames stepNames, ObjectMapper json) {
    this.client = client;
    this.stepNames = stepNames;
    this.json = json;
  }

  @Override
  public List<String> retry(String rolloutId) {
    ProcessInstance rollout = rolloutInstance(rolloutId);
    if (rollout.getState() != ProcessInstanceState.ACTIVE) {
      throw new RolloutConflictException("Rollout " + rolloutId + " is " + rollout.getState().name().toLowerCase(Locale.ROOT) + "; there is nothing to retry");
    }
    List<Incident> incidents = client.newIncidentsByProcessInstanceSearchRequest(rollout.getProcessInstanceKey())
        .send().join().items().stream().filter(incident -> incident.getState() == IncidentState.ACTIVE).toList();
    if (incidents.isEmpty()) {
      throw new RolloutConflictException("Rollout " + rolloutId + " has no incident waiting for a retry");
    }
    incidents.forEach(incident -> RolloutRetry.resolve(client, incident.getIncidentKey(), incident.getJobKey()));
    return incidents.stream()
        .map(incident -> stepNames.path(incident.getProcessDefinitionId(), incident.getElementId())).toList();
  }

  private ProcessInstance rolloutInstance(String rolloutId) {
    String value;
    try {
      value = json.writeValueAsString(rolloutId);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("A rollout id is text: " + e.getOriginalMessage(), e);
    }
    return client.newProcessInstanceSearchRequest()
        .filter(filter -> filter.variables(List.of(variable -> variable.name(RolloutVariables.ROLLOUT_ID).value(value))))
        .send().join().items().stream()
        .filter(instance -> instance.getParentProcessInstanceKey() == null)
        .findFirst().orElseThrow(() -> new RolloutNotFoundException(rolloutId));
  }
}
