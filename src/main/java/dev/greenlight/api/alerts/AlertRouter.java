package dev.greenlight.api.alerts;

import dev.greenlight.api.alerts.AlertPush.Delivery;
import dev.greenlight.api.alerts.AlertPush.Unmatched;
import dev.greenlight.api.alerts.AlertmanagerWebhook.Alert;
import dev.greenlight.api.rollouts.RolloutReadModel;
import dev.greenlight.api.rollouts.RolloutView;
import dev.greenlight.incidents.IncidentOpener;
import dev.greenlight.incidents.OpenedIncident;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ClientHttpException;
import io.camunda.client.api.command.ClientStatusException;
import io.grpc.Status;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Turns firing alerts into {@code stage-alert} messages for the rollouts they concern: label {@code rollout} names
 * one, label {@code service} means every active rollout of that service. A stage that is being watched ends at once;
 * the message lives only briefly, since an alert matters to the stage watching now, not to a later one. Rollouts are
 * looked up in the {@link RolloutReadModel}; without one (a Camunda cluster) a {@code rollout} label is trusted as is and
 * a {@code service} label cannot be resolved. Every firing alert of a service Greenlight has a runbook of also opens
 * an incident of that service ({@link IncidentOpener}), once per alert fingerprint while the incident is open, with the
 * severity {@link AlertsProperties} maps its label to.
 */
@Component
public class AlertRouter {

  /** The message the monitoring window's boundary event waits for, correlated by rollout id. */
  public static final String ALERT_MESSAGE = "stage-alert";
  /** The variable the message carries: {@code {name, summary, severity, labels}}. */
  public static final String ALERT = "alert";
  static final Duration TIME_TO_LIVE = Duration.ofMinutes(1);

  private final CamundaClient client;
  private final ObjectProvider<RolloutReadModel> readModel;
  private final IncidentOpener incidents;
  private final AlertsProperties properties;

  public AlertRouter(CamundaClient client, ObjectProvider<RolloutReadModel> readModel, IncidentOpener incidents,
      AlertsProperties properties) {
    this.client = client;
    this.readModel = readModel;
    this.incidents = incidents;
    this.properties = properties;
  }

  public AlertPush push(AlertmanagerWebhook webhook) {
    List<Delivery> published = new ArrayList<>();
    List<Delivery> repeated = new ArrayList<>();
    List<Unmatched> unmatched = new ArrayList<>();
    List<OpenedIncident> opened = new ArrayList<>();
    List<Alert> alerts = webhook.alerts() == null ? List.of() : webhook.alerts();
    for (Alert alert : alerts.stream().filter(Alert::isFiring).toList()) {
      Map<String, Object> variable = variable(alert);
      Targets targets = targets(alert);
      if (targets.rolloutIds().isEmpty()) {
        unmatched.add(new Unmatched(variable, targets.reason()));
      }
      for (String rolloutId : targets.rolloutIds()) {
        Delivery delivery = new Delivery(rolloutId, variable);
        (publish(rolloutId, alert, variable) ? published : repeated).add(delivery);
      }
      service(alert).flatMap(service -> incidents.openForAlert(service,
          properties.severity(alert.label(properties.severityLabel())), summary(alert, variable), fingerprint(alert),
          variable)).ifPresent(opened::add);
    }
    return new AlertPush(published, repeated, unmatched, opened);
  }

  /** The alert's service: its {@code service} label, else the service of the rollout its {@code rollout} label names. */
  private Optional<String> service(Alert alert) {
    if (alert.label("service") != null) {
      return Optional.of(alert.label("service"));
    }
    RolloutReadModel rollouts = readModel.getIfAvailable();
    return alert.label("rollout") == null || rollouts == null ? Optional.empty()
        : rollouts.find(alert.label("rollout")).map(RolloutView::service);
  }

  private static String summary(Alert alert, Map<String, Object> variable) {
    Object name = variable.get("name");
    Object summary = variable.get("summary");
    return (name == null ? "alert" : name) + (summary == null ? "" : ": " + summary);
  }

  /** Alertmanager's fingerprint; without one (a hand-written payload), the alert's sorted labels stand for it. */
  private static String fingerprint(Alert alert) {
    return alert.fingerprint() != null ? alert.fingerprint()
        : "labels:" + new TreeMap<>(alert.labels() == null ? Map.of() : alert.labels());
  }

  /** The rollouts an alert concerns, or why there are none. */
  private record Targets(List<String> rolloutIds, String reason) {}

  private Targets targets(Alert alert) {
    String rolloutId = alert.label("rollout");
    String service = alert.label("service");
    if (rolloutId == null && service == null) {
      return new Targets(List.of(), "the alert has neither a rollout nor a service label");
    }
    RolloutReadModel rollouts = readModel.getIfAvailable();
    if (rollouts == null) {
      return rolloutId != null ? new Targets(List.of(rolloutId), null) : new Targets(List.of(),
          "finding the rollouts of a service needs the embedded engine's read model; label the alert with rollout");
    }
    if (rolloutId != null) {
      boolean active = rollouts.find(rolloutId).map(r -> !r.ended()).orElse(false);
      return active ? new Targets(List.of(rolloutId), null)
          : new Targets(List.of(), "no active rollout " + rolloutId);
    }
    List<String> ids = rollouts.all().stream()
        .filter(r -> !r.ended() && service.equals(r.service()))
        .map(RolloutView::rolloutId).toList();
    return new Targets(ids, ids.isEmpty() ? "no active rollout of service " + service : null);
  }

  /** Publishes once per rollout and alert; false when the engine still holds the same message (a repeat). */
  private boolean publish(String rolloutId, Alert alert, Map<String, Object> variable) {
    try {
      client.newPublishMessageCommand().messageName(ALERT_MESSAGE).correlationKey(rolloutId)
          .messageId(rolloutId + "/" + (alert.fingerprint() == null ? variable.get("name") : alert.fingerprint()))
          .timeToLive(TIME_TO_LIVE)
          .variables(Map.of(ALERT, variable))
          .send().join();
      return true;
    } catch (ClientStatusException e) {
      if (e.getStatusCode() == Status.Code.ALREADY_EXISTS) {
        return false;
      }
      throw e;
    } catch (ClientHttpException e) {
      if (e.code() == HttpStatus.CONFLICT.value()) {
        return false;
      }
      throw e;
    }
  }

  private static Map<String, Object> variable(Alert alert) {
    Map<String, Object> variable = new LinkedHashMap<>();
    variable.put("name", alert.label("alertname"));
    variable.put("summary", alert.annotations() == null ? null : alert.annotations().get("summary"));
    variable.put("severity", alert.label("severity"));
    variable.put("labels", alert.labels() == null ? Map.of() : alert.labels());
    return variable;
  }
}
