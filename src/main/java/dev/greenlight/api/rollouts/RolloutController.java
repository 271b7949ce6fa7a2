package dev.greenlight.api.rollouts;

import dev.greenlight.rollout.RolloutVariables;
import io.camunda.client.CamundaClient;
import java.net.URI;
import java.security.Principal;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** {@code /api/rollouts}: start, follow, abort and retry rollouts. */
@RestController
@RequestMapping("/api/rollouts")
public class RolloutController {

  private static final Logger log = LoggerFactory.getLogger(RolloutController.class);

  private final RolloutStarter starter;
  private final ObjectProvider<RolloutReadModel> readModel;
  private final RolloutRetry retry;
  private final CamundaClient client;
  private final Clock clock;

  public RolloutController(RolloutStarter starter, ObjectProvider<RolloutReadModel> readModel, RolloutRetry retry,
      CamundaClient client, Clock clock) {
    this.starter = starter;
    this.readModel = readModel;
    this.retry = retry;
    this.client = client;
    this.clock = clock;
  }

  @PostMapping
  public ResponseEntity<StartedRollout> start(@RequestBody StartRolloutRequest request, Principal user) {
    StartedRollout started = starter.start(request, user.getName());
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
      @RequestBody(required = false) AbortRequest request, Principal user) {
    RolloutView rollout = find(rolloutId);
    if (rollout.ended()) {
      throw new RolloutConflictException("Rollout " + rolloutId + " is " + rollout.state().specName()
          + "; only a running rollout can be aborted");
    }
    String reason = request == null || request.reason() == null || request.reason().isBlank()
        ? "no reason given" : request.reason();
    client.newPublishMessageCommand().messageName(RolloutVariables.ABORT_MESSAGE).correlationKey(rolloutId)
        .variables(Map.of(RolloutVariables.ABORT_REASON, reason, RolloutVariables.ABORTED_BY, user.getName(),
            RolloutVariables.ABORTED_AT, clock.instant().toString()))
        .send().join();
    return ResponseEntity.accepted().body(Map.of("rolloutId", rolloutId, "message",
        "Abort requested by " + user.getName() + ": " + reason));
  }

  /**
   * After the cause of a failure is fixed: resolves the rollout's incidents, wherever in it they are, and runs their
   * steps again. Same roles as abort.
   */
  @PostMapping("/{rolloutId}/retry")
  public ResponseEntity<Map<String, Object>> retry(@PathVariable String rolloutId, Principal user) {
    List<String> steps = retry.retry(rolloutId);
    log.info("Rollout {}: {} retried {}", rolloutId, user.getName(), steps);
    return ResponseEntity.accepted().body(Map.of("rolloutId", rolloutId, "retried", steps, "message",
        user.getName() + " retried " + String.join("; ", steps)));
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
