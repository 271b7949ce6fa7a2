package dev.greenlight.api.rollouts;

import dev.greenlight.bounds.RunbookBounds;
import dev.greenlight.gates.RolloutPreflight;
import dev.greenlight.rollout.RolloutVariables;
import dev.greenlight.security.ActionLog;
import dev.greenlight.security.Caller;
import dev.greenlight.security.Channel;
import dev.greenlight.security.RolloutPermissions;
import dev.greenlight.security.StartSeal;
import dev.greenlight.security.StartSeal.StartClaim;
import dev.greenlight.spec.RunbookDigest;
import dev.greenlight.spec.RunbookRegistry;
import dev.greenlight.spec.RunbookSpec;
import dev.greenlight.spec.SpecReader;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ProcessInstanceEvent;
import java.util.HashMap;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * Starts a rollout, refusing before anything runs: the caller's roles first (an inline spec needs inline specs on and
 * an author role), then the runbook's validity, its {@code approvals.starters}, and the commands and files it names
 * against the server's bounds, and each of its metric queries, run once ({@link RolloutPreflight}: nothing starts on a
 * query that fails or sees nothing). Then it creates an instance of the strategy's process with the rollout's variables,
 * attributed (who, from where, the runbook's SHA-256) and sealed, so that the process's {@code load-runbook} job can
 * tell this start from one made on the cluster outside Greenlight. A registered runbook travels by name, an inline one
 * as its normalized spec; the job loads it again either way.
 */
@Service
public class RolloutStarter {

  private final RunbookRegistry registry;
  private final SpecReader reader;
  private final RolloutIds ids;
  private final CamundaClient client;
  private final RolloutPermissions permissions;
  private final RunbookBounds bounds;
  private final StartSeal seal;
  private final ActionLog actions;
  private final RolloutPreflight preflight;

  public RolloutStarter(RunbookRegistry registry, SpecReader reader, RolloutIds ids, CamundaClient client,
      RolloutPermissions permissions, RunbookBounds bounds, StartSeal seal, ActionLog actions,
      RolloutPreflight preflight) {
    this.registry = registry;
    this.reader = reader;
    this.ids = ids;
    this.client = client;
    this.permissions = permissions;
    this.bounds = bounds;
    this.seal = seal;
    this.actions = actions;
    this.preflight = preflight;
  }

  /**
   * @throws dev.greenlight.security.RolloutForbiddenException when the caller may not start it
   * @throws dev.greenlight.bounds.RunbookOutOfBoundsException when the runbook names commands or files the server does
   *     not allow
   * @throws dev.greenlight.gates.QueriesNotAnsweredException when a metric query fails or sees no series
   */
  public StartedRollout start(StartRolloutRequest request, Caller caller, Channel via) {
    boolean inline = request.spec() != null && !request.spec().isNull();
    if ((request.runbook() == null) == !inline) {
      throw new BadRolloutRequestException("Name a registered runbook in \"runbook\" or give a spec in \"spec\","
          + " not both and not neither");
    }
    if (request.version() == null || request.version().isBlank()) {
      throw new BadRolloutRequestException("\"version\" is required: the version to roll out, e.g. 1.11.0");
    }
    permissions.requireStart(caller, inline);
    Map<String, Object> variables = new HashMap<>();
    RunbookSpec spec;
    String runbook;
    if (inline) {
      spec = request.spec().isTextual()
          ? reader.readYaml(request.spec().asText(), "the spec")
          : reader.read(request.spec(), "the spec");
      runbook = "inline spec";
      variables.put(RolloutVariables.RUNBOOK, spec);
    } else {
      spec = registry.get(request.runbook());
      runbook = "runbook '" + request.runbook() + "'";
      variables.put(RolloutVariables.RUNBOOK_NAME, request.runbook());
    }
    permissions.requireStarter(caller, runbook, spec);
    bounds.require(spec, "The " + runbook);
    preflight.require(spec);
    String rolloutId = ids.next(spec.service());
    String sha256 = RunbookDigest.sha256(spec);
    variables.put(RolloutVariables.ROLLOUT_ID, rolloutId);
    variables.put(RolloutVariables.VERSION, request.version());
    variables.put(RolloutVariables.STARTED_BY, caller.name());
    variables.put(RolloutVariables.STARTED_VIA, via.specName());
    variables.put(RolloutVariables.RUNBOOK_SHA256, sha256);
    variables.put(RolloutVariables.START_SEAL,
        seal.seal(new StartClaim(rolloutId, request.runbook(), sha256, caller.name(), via)));
    if (request.ticket() != null) {
      variables.put(RolloutVariables.TICKET, request.ticket());
    }
    String processId = spec.strategy().processId();
    ProcessInstanceEvent instance = client.newCreateInstanceCommand().bpmnProcessId(processId).latestVersion()
        .variables(variables).send().join();
    actions.record(rolloutId, "started", caller.name(), via, sha256, runbook + ", version " + request.version()
        + (request.ticket() == null ? "" : ", ticket " + request.ticket()));
    return new StartedRollout(rolloutId, instance.getProcessInstanceKey(), processId);
  }
}
