package dev.greenlight.incidents;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.greenlight.api.rollouts.EmbeddedRolloutReadModel;
import dev.greenlight.api.rollouts.RolloutView;
import dev.greenlight.integrations.pagerduty.PageEvent.Severity;
import dev.greenlight.rollout.RolloutVariables;
import dev.greenlight.security.Caller;
import dev.greenlight.security.Channel;
import dev.greenlight.security.RolloutForbiddenException;
import dev.greenlight.security.RolloutPermissions;
import dev.greenlight.security.StartSeal;
import dev.greenlight.security.StartSeal.StartClaim;
import dev.greenlight.spec.InvalidRunbookException;
import dev.greenlight.spec.Notifications.Escalation;
import dev.greenlight.spec.RunbookDigest;
import dev.greenlight.spec.RunbookRegistry;
import dev.greenlight.spec.RunbookSpec;
import dev.greenlight.spec.UnknownRunbookException;
import io.camunda.client.CamundaClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Opens incidents of the services Greenlight knows, for people (REST, CLI) and for Alertmanager: finds the service's
 * runbook (the one named, else the runbook of its most recent rollout, else its one registered runbook) and starts the
 * incident-response process with it. A runbook only a rollout carried inline is handed over sealed, as the start API
 * seals a rollout's. The process links the rollout and pages ({@code link-incident}).
 */
@Component
public class IncidentOpener {

  /** Who opens the incidents of alerts, in the incident's record and the runbook's seal. */
  public static final String ALERTMANAGER = "alertmanager";

  private static final Logger log = LoggerFactory.getLogger(IncidentOpener.class);

  private final CamundaClient client;
  private final RunbookRegistry registry;
  private final ObjectProvider<EmbeddedRolloutReadModel> readModel;
  private final RolloutPermissions permissions;
  private final StartSeal seal;
  private final IncidentIds ids;
  private final ObjectMapper json;

  public IncidentOpener(CamundaClient client, RunbookRegistry registry,
      ObjectProvider<EmbeddedRolloutReadModel> readModel, RolloutPermissions permissions, StartSeal seal,
      IncidentIds ids, ObjectMapper json) {
    this.client = client;
    this.registry = registry;
    this.readModel = readModel;
    this.permissions = permissions;
    this.seal = seal;
    this.ids = ids;
    this.json = json;
  }

  /**
   * Opens an incident a person reports.
   *
   * @throws BadIncidentRequestException when the severity, summary or service is missing or wrong
   * @throws UnknownServiceException when Greenlight knows no runbook of the service
   * @throws RolloutForbiddenException when the caller may not open incidents of the service
   */
  public OpenedIncident open(IncidentRequest request, Caller caller, Channel via) {
    String severity = severity(request.severity());
    if (request.summary() == null || request.summary().isBlank()) {
      throw new BadIncidentRequestException("Say what is happening: the summary is required (it is the page's text)");
    }
    if (request.service() == null || request.service().isBlank()) {
      throw new BadIncidentRequestException("Name the affected service (service, or --service in the CLI)");
    }
    ServiceRunbook runbook = runbook(request.service(), request.runbook());
    permissions.requireIncident(caller, request.service(), runbook.spec());
    cannotPage(runbook).ifPresent(reason -> {
      throw new BadIncidentRequestException(reason);
    });
    String incidentId = ids.next(request.service());
    Map<String, Object> variables = variables(runbook, incidentId, severity, request.summary().strip(),
        caller.name(), via.specName(), via);
    if (request.rolloutId() != null && !request.rolloutId().isBlank()) {
      variables.put(RolloutVariables.ROLLOUT_ID, request.rolloutId().strip());
    }
    client.newCreateInstanceCommand().bpmnProcessId(IncidentVariables.PROCESS_ID).latestVersion()
        .variables(variables).send().join();
    return new OpenedIncident(incidentId, request.service(), severity, runbook.name(), null, OpenedIncident.OPENED,
        null);
  }

  /**
   * Opens the incident of a firing alert, once per fingerprint while one is open: the engine starts at most one
   * instance per correlation key at a time, and the read model answers {@code already-open} before asking it.
   *
   * @return empty when Greenlight knows no runbook of the service
   */
  public Optional<OpenedIncident> openForAlert(String service, String severity, String summary, String fingerprint,
      Map<String, Object> alert) {
    Optional<ServiceRunbook> runbook;
    try {
      runbook = Optional.of(runbook(service, null));
    } catch (UnknownServiceException e) {
      return Optional.empty();
    }
    Optional<String> cannotPage = cannotPage(runbook.get());
    if (cannotPage.isPresent()) {
      log.warn("Alert {} of {} opened no incident: {}", fingerprint, service, cannotPage.get());
      return Optional.of(new OpenedIncident(null, service, severity, runbook.get().name(), fingerprint,
          OpenedIncident.NOT_OPENED, cannotPage.get()));
    }
    EmbeddedRolloutReadModel model = readModel.getIfAvailable();
    Optional<ServiceIncident> open = model == null ? Optional.empty() : model.incidents().stream()
        .filter(incident -> incident.isOpen() && fingerprint.equals(incident.alertFingerprint())).findFirst();
    if (open.isPresent()) {
      return open.map(incident -> new OpenedIncident(incident.incidentId(), service, incident.severity(),
          runbook.get().name(), fingerprint, OpenedIncident.ALREADY_OPEN, null));
    }
    String incidentId = ids.next(service);
    Map<String, Object> variables = variables(runbook.get(), incidentId, severity, summary, ALERTMANAGER,
        ALERTMANAGER, Channel.API);
    variables.put(IncidentVariables.ALERT_FINGERPRINT, fingerprint);
    variables.put(IncidentVariables.ALERT, alert);
    client.newPublishMessageCommand().messageName(IncidentVariables.OPENED_MESSAGE).correlationKey(fingerprint)
        .timeToLive(Duration.ZERO).variables(variables).send().join();
    return Optional.of(new OpenedIncident(incidentId, service, severity, runbook.get().name(), fingerprint,
        OpenedIncident.OPENED, null));
  }

  private Map<String, Object> variables(ServiceRunbook runbook, String incidentId, String severity, String summary,
      String openedBy, String openedVia, Channel sealVia) {
    Map<String, Object> variables = new HashMap<>();
    if (runbook.name() != null) {
      variables.put(RolloutVariables.RUNBOOK_NAME, runbook.name());
    } else {
      variables.put(RolloutVariables.RUNBOOK, json.convertValue(runbook.spec(), Map.class));
      variables.put(RolloutVariables.STARTED_BY, openedBy);
      variables.put(RolloutVariables.STARTED_VIA, sealVia.specName());
      variables.put(RolloutVariables.START_SEAL, seal.seal(new StartClaim(incidentId, null,
          RunbookDigest.sha256(runbook.spec()), openedBy, sealVia)));
    }
    variables.put(IncidentVariables.INCIDENT_ID, incidentId);
    variables.put(IncidentVariables.SEVERITY, severity);
    variables.put(IncidentVariables.SUMMARY, summary);
    variables.put(IncidentVariables.OPENED_BY, openedBy);
    variables.put(IncidentVariables.OPENED_VIA, openedVia);
    return variables;
  }

  /**
   * Why an incident of this runbook could page nobody (the response pages its escalation levels in turn, and only they
   * may acknowledge), checked before the incident opens so that none waits unseen for a level that is not there.
   */
  private static Optional<String> cannotPage(ServiceRunbook runbook) {
    if (Escalation.withLevels(runbook.spec()).isPresent()) {
      return Optional.empty();
    }
    return Optional.of("The runbook " + (runbook.name() == null ? "of " + runbook.spec().service() : runbook.name())
        + " has no notifications.escalation.levels: an incident pages those levels in turn and they acknowledge it;"
        + " add them to the runbook, then open the incident again");
  }

  /** A runbook of the service: registered under {@code name}, or null when only a rollout carried it inline. */
  private record ServiceRunbook(String name, RunbookSpec spec) {}

  private ServiceRunbook runbook(String service, String named) {
    if (named != null && !named.isBlank()) {
      RunbookSpec spec = registry.get(named);
      if (!service.equals(spec.service())) {
        throw new BadIncidentRequestException("Runbook '" + named + "' is for service " + spec.service() + ", not "
            + service);
      }
      return new ServiceRunbook(named, spec);
    }
    Optional<ServiceRunbook> ofLastRollout = lastRolloutRunbook(service);
    if (ofLastRollout.isPresent()) {
      return ofLastRollout.get();
    }
    List<String> names = new ArrayList<>();
    for (String name : registry.names()) {
      try {
        if (service.equals(registry.get(name).service())) {
          names.add(name);
        }
      } catch (InvalidRunbookException e) {
        // a broken runbook of another service must not keep this one's incident from opening
      }
    }
    if (names.isEmpty()) {
      throw new UnknownServiceException("Greenlight knows no service " + service + ": no registered runbook and no"
          + " rollout has it. Check the name, or register a runbook for it");
    }
    return new ServiceRunbook(names.getFirst(), registry.get(names.getFirst()));
  }

  private Optional<ServiceRunbook> lastRolloutRunbook(String service) {
    EmbeddedRolloutReadModel model = readModel.getIfAvailable();
    if (model == null) {
      return Optional.empty();
    }
    Optional<RolloutView> last = model.all().stream().filter(rollout -> service.equals(rollout.service()))
        .max(Comparator.comparing(RolloutView::startedAt));
    if (last.isPresent() && last.get().runbook() != null) {
      try {
        return Optional.of(new ServiceRunbook(last.get().runbook(), registry.get(last.get().runbook())));
      } catch (UnknownRunbookException | InvalidRunbookException e) {
        // removed or broken since that rollout: the service's registered runbooks are looked at next
        return Optional.empty();
      }
    }
    return last.flatMap(rollout -> model.runbook(rollout.rolloutId()).filter(spec -> !spec.isNull())
        .map(spec -> new ServiceRunbook(null, json.convertValue(spec, RunbookSpec.class))));
  }

  private static String severity(String severity) {
    try {
      return Severity.parse(severity == null ? "(none)" : severity).name();
    } catch (IllegalArgumentException e) {
      throw new BadIncidentRequestException(e.getMessage());
    }
  }
}
