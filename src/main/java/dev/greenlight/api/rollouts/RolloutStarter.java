package dev.greenlight.api.rollouts;

import dev.greenlight.gates.RolloutPreflight;
import dev.greenlight.rollout.RolloutVariables;
import dev.greenlight.spec.RunbookRegistry;
import dev.greenlight.spec.RunbookSpec;
import dev.greenlight.spec.SpecReader;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ProcessInstanceEvent;
import java.util.HashMap;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * Starts a rollout: validates the runbook first (nothing starts from a bad spec), runs each of its metric queries
 * once ({@link RolloutPreflight}: nothing starts on a query that fails or sees nothing), then creates an instance of
 * the strategy's process with the rollout's variables. The process loads the runbook itself ({@code load-runbook}), so a
 * registered runbook travels by name and an inline one as its normalized spec.
 */
@Service
public class RolloutStarter {

  private final RunbookRegistry registry;
  private final SpecReader reader;
  private final RolloutIds ids;
  private final CamundaClient client;
  private final RolloutPreflight preflight;

  public RolloutStarter(RunbookRegistry registry, SpecReader reader, RolloutIds ids, CamundaClient client,
      RolloutPreflight preflight) {
    this.registry = registry;
    this.reader = reader;
    this.ids = ids;
    this.client = client;
    this.preflight = preflight;
  }

  public StartedRollout start(StartRolloutRequest request, String startedBy) {
    if ((request.runbook() == null) == (request.spec() == null || request.spec().isNull())) {
      throw new BadRolloutRequestException("Name a registered runbook in \"runbook\" or give a spec in \"spec\","
          + " not both and not neither");
    }
    if (request.version() == null || request.version().isBlank()) {
      throw new BadRolloutRequestException("\"version\" is required: the version to roll out, e.g. 1.11.0");
    }
    Map<String, Object> variables = new HashMap<>();
    RunbookSpec spec;
    if (request.runbook() != null) {
      spec = registry.get(request.runbook());
      variables.put(RolloutVariables.RUNBOOK_NAME, request.runbook());
    } else {
      spec = request.spec().isTextual()
          ? reader.readYaml(request.spec().asText(), "the spec")
          : reader.read(request.spec(), "the spec");
      variables.put(RolloutVariables.RUNBOOK, spec);
    }
    preflight.require(spec);
    String rolloutId = ids.next(spec.service());
    variables.put(RolloutVariables.ROLLOUT_ID, rolloutId);
    variables.put(RolloutVariables.VERSION, request.version());
    variables.put(RolloutVariables.STARTED_BY, startedBy);
    if (request.ticket() != null) {
      variables.put(RolloutVariables.TICKET, request.ticket());
    }
    String processId = spec.strategy().processId();
    ProcessInstanceEvent instance = client.newCreateInstanceCommand().bpmnProcessId(processId).latestVersion()
        .variables(variables).send().join();
    return new StartedRollout(rolloutId, instance.getProcessInstanceKey(), processId);
  }
}
