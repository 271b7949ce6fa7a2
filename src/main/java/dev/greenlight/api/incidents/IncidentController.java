package dev.greenlight.api.incidents;

import dev.greenlight.api.rollouts.EmbeddedRolloutReadModel;
import dev.greenlight.api.rollouts.RolloutView.PendingDecision;
import dev.greenlight.incidents.BadIncidentRequestException;
import dev.greenlight.incidents.IncidentOpener;
import dev.greenlight.incidents.IncidentRequest;
import dev.greenlight.incidents.OpenedIncident;
import dev.greenlight.incidents.ServiceIncident;
import dev.greenlight.inbox.Decision;
import dev.greenlight.inbox.DecisionDesk;
import dev.greenlight.inbox.DecisionOutcome;
import dev.greenlight.security.Caller;
import dev.greenlight.security.Channel;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * {@code /api/incidents}: open incidents by hand, follow them, and answer their tasks (acknowledge, assess, resolve)
 * by the incident's id instead of the task's key. Opening needs a rollout role or one of the runbook's deciders or
 * escalation levels; answering is decided like every task ({@link DecisionDesk}: the task's candidate groups).
 */
@RestController
@RequestMapping("/api/incidents")
class IncidentController {

  static final Set<String> REMEDIATIONS = Set.of("rollback", "restart", "scale", "none");

  private final IncidentOpener opener;
  private final ObjectProvider<EmbeddedRolloutReadModel> readModel;
  private final DecisionDesk desk;

  IncidentController(IncidentOpener opener, ObjectProvider<EmbeddedRolloutReadModel> readModel, DecisionDesk desk) {
    this.opener = opener;
    this.readModel = readModel;
    this.desk = desk;
  }

  @PostMapping
  ResponseEntity<OpenedIncident> open(@RequestBody IncidentRequest request, Authentication user,
      @RequestHeader(name = Channel.CLIENT_HEADER, required = false) String client) {
    OpenedIncident opened = opener.open(request, Caller.of(user), Channel.ofClientHeader(client));
    return ResponseEntity.created(URI.create("/api/incidents/" + opened.incidentId())).body(opened);
  }

  @GetMapping
  List<ServiceIncident> list() {
    return readModel().incidents();
  }

  @GetMapping("/{incidentId}")
  ServiceIncident get(@PathVariable String incidentId) {
    return find(incidentId);
  }

  /** Acknowledges every page of the incident and stops its escalation. */
  @PostMapping("/{incidentId}/acknowledge")
  Decision acknowledge(@PathVariable String incidentId, @RequestBody(required = false) Answer answer,
      Authentication user, @RequestHeader(name = Channel.CLIENT_HEADER, required = false) String client) {
    return answer(incidentId, "acknowledge", answer, Map.of(), user, client);
  }

  /** Chooses the remediation: rollback, restart, scale (with replicas) or none. */
  @PostMapping("/{incidentId}/assess")
  Decision assess(@PathVariable String incidentId, @RequestBody Assessment assessment, Authentication user,
      @RequestHeader(name = Channel.CLIENT_HEADER, required = false) String client) {
    if (assessment.remediation() == null || !REMEDIATIONS.contains(assessment.remediation())) {
      throw new BadIncidentRequestException("Choose the remediation: rollback, restart, scale or none (got "
          + assessment.remediation() + ")");
    }
    boolean scaling = assessment.remediation().equals("scale");
    if (scaling && (assessment.replicas() == null || assessment.replicas() < 1)) {
      throw new BadIncidentRequestException("Scaling needs replicas: how many instances should run (1 or more)");
    }
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("remediation", assessment.remediation());
    if (scaling) {
      fields.put("replicas", assessment.replicas());
    }
    return answer(incidentId, "assess", new Answer(assessment.comment()), fields, user, client);
  }

  /** Closes the assessment without a remediation: the service is verified, the pages resolved, the report written. */
  @PostMapping("/{incidentId}/resolve")
  Decision resolve(@PathVariable String incidentId, @RequestBody(required = false) Answer answer,
      Authentication user, @RequestHeader(name = Channel.CLIENT_HEADER, required = false) String client) {
    return answer(incidentId, "assess", answer, Map.of("remediation", "none"), user, client);
  }

  /** @param comment why, kept with the incident's decisions; optional */
  record Answer(String comment) {}

  /**
   * @param remediation rollback, restart, scale or none
   * @param replicas scale only: how many instances should run
   * @param comment the assessment, kept with the incident's decisions; optional
   */
  record Assessment(String remediation, Integer replicas, String comment) {}

  private Decision answer(String incidentId, String elementId, Answer answer, Map<String, Object> fields,
      Authentication user, String client) {
    ServiceIncident incident = find(incidentId);
    PendingDecision task = incident.openTasks().stream().filter(open -> open.elementId().equals(elementId))
        .findFirst().orElseThrow(() -> new IncidentConflictException("Incident " + incidentId + " is not waiting for"
            + " this: it is " + incident.state() + (incident.openTasks().isEmpty() ? ""
                : " and waits for " + incident.openTasks().stream().map(PendingDecision::name).toList())));
    return desk.decide(Caller.of(user), Channel.ofClientHeader(client), task.key(), DecisionOutcome.GO,
        answer == null ? null : answer.comment(), fields);
  }

  private ServiceIncident find(String incidentId) {
    return readModel().incident(incidentId).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
        "No incident " + incidentId + "; greenlight incident list shows them"));
  }

  private EmbeddedRolloutReadModel readModel() {
    EmbeddedRolloutReadModel model = readModel.getIfAvailable();
    if (model == null) {
      throw new ResponseStatusException(HttpStatus.NOT_IMPLEMENTED, "Following incidents through this API needs the"
          + " embedded engine; on a Camunda cluster use Operate and Tasklist");
    }
    return model;
  }
}
