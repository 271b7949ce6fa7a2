package dev.greenlight.api.rollouts;

import dev.greenlight.rollout.RolloutVariables;
import dev.greenlight.security.ActionLog;
import dev.greenlight.security.Caller;
import dev.greenlight.security.Channel;
import dev.greenlight.security.RolloutPermissions;
import io.camunda.client.CamundaClient;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code /api/rollouts}: start, follow, abort and retry rollouts. Following is open to every caller; starting, aborting
 * and retrying are decided by {@link RolloutPermissions}, and each is attributed to its caller and channel.
 */
@RestController
@RequestMapping("/api/rollouts")
public class RolloutController {

  private final RolloutStarter starter;
  private final ObjectProvider<RolloutReadModel> readModel;
  private final CamundaClient client;
  private final RolloutPermissions permissions;
  private final ActionLog actions;
  private final RolloutRetry retry;
  private final RetryAttribution retries;
  private final Clock clock;

  public RolloutController(RolloutStarter starter, ObjectProvider<RolloutReadModel> readModel, CamundaClient client,
      RolloutPermissions permissions, ActionLog actions, RolloutRetry retry, RetryAttribution retries, Clock clock) {
    this.starter = starter;
    this.readModel = readModel;
    this.client = client;
    this.permissions = permissions;
    this.actions = actions;
    this.retry = retry;
    this.retries = retries;
    this.clock = clock;
  }

  @PostMapping
  public ResponseEntity<StartedRollout> start(@RequestBody StartRolloutRequest request, Authentication user,
      @RequestHeader(name = Channel.CLIENT_HEADER, required = false) String clientHeader) {
    StartedRollout started = starter.start(request, Caller.of(user), Channel.ofClientHeader(clientHeader));
    return ResponseEntity.created(URI.create("/api/rollouts/" + started.rolloutId())).body(started);
  }

  @GetMapping
  public List<RolloutView> list() {
    return readModel().all();
  }

  @GetMapping("/{rolloutId}")
  public RolloutView get(@PathVariable String rolloutId) {
    return find(rolloutId);
  }

  /** Asks the process to abort: it decides how (roll back what it changed) when the message reaches it. */
  @PostMapping("/{rolloutId}/abort")
  public ResponseEntity<Map<String, String>> abort(@PathVariable String rolloutId,
      @RequestBody(required = false) AbortRequest request, Authentication user,
      @RequestHeader(name = Channel.CLIENT_HEADER, required = false) String clientHeader) {
    RolloutView rollout = find(rolloutId);
    Caller caller = Caller.of(user);
    permissions.requireAbort(caller, rolloutId, rollout.deciders());
    if (rollout.ended()) {
      throw new RolloutConflictException("Rollout " + rolloutId + " is " + rollout.state().specName()
          + "; only a running rollout can be aborted");
    }
    String reason = request == null || request.reason() == null || request.reason().isBlank()
        ? "no reason given" : request.reason();
    Channel via = Channel.ofClientHeader(clientHeader);
    this.client.newPublishMessageCommand().messageName(RolloutVariables.ABORT_MESSAGE).correlationKey(rolloutId)
        .variables(Map.of(RolloutVariables.ABORT_REASON, reason, RolloutVariables.ABORTED_BY, caller.name(),
            RolloutVariables.ABORTED_VIA, via.specName(), RolloutVariables.ABORTED_AT, clock.instant().toString()))
        .send().join();
    actions.record(rolloutId, "abort requested", caller.name(), via, rollout.audit().runbookSha256(), reason);
    return ResponseEntity.accepted().body(Map.of("rolloutId", rolloutId, "message",
        "Abort requested by " + caller.name() + ": " + reason));
  }

  /**
   * After the cause of a failure is fixed: resolves the rollout's incidents, wherever in it they are, and runs their
   * steps again. Same roles as abort. On a cluster, without the read model, the runbook's deciders are not known here:
   * only the rollout roles may retry, and the retry is attributed in the action log only.
   */
  @PostMapping("/{rolloutId}/retry")
  public ResponseEntity<Map<String, Object>> retry(@PathVariable String rolloutId, Authentication user,
      @RequestHeader(name = Channel.CLIENT_HEADER, required = false) String clientHeader) {
    Caller caller = Caller.of(user);
    Channel via = Channel.ofClientHeader(clientHeader);
    Optional<RolloutView> rollout = Optional.ofNullable(readModel.getIfAvailable()).map(model -> find(rolloutId));
    permissions.requireRetry(caller, rolloutId, rollout.map(RolloutView::deciders).orElse(List.of()));
    List<String> steps = retry.retry(rolloutId);
    rollout.ifPresentOrElse(view -> retries.record(view, caller, via),
        () -> actions.record(rolloutId, "retried", caller.name(), via, null, null));
    return ResponseEntity.accepted().body(Map.of("rolloutId", rolloutId, "retried", steps, "message",
        caller.name() + " retried " + String.join("; ", steps)));
  }

  /** @param reason why, recorded with the rollout */
  public record AbortRequest(String reason) {}

  private RolloutView find(String rolloutId) {
    return readModel().find(rolloutId).orElseThrow(() -> new RolloutNotFoundException(rolloutId));
  }

  private RolloutReadModel readModel() {
    RolloutReadModel model = readModel.getIfAvailable();
    if (model == null) {
      throw new ResponseStatusException(HttpStatus.NOT_IMPLEMENTED, "Following rollouts through this API needs the"
          + " embedded engine; on a Camunda cluster use Operate");
    }
    return model;
  }
}
