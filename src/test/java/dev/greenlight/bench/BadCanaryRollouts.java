package dev.greenlight.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.greenlight.api.rollouts.RolloutReadModel;
import dev.greenlight.rollout.RolloutState;
import dev.greenlight.api.rollouts.RolloutView;
import dev.greenlight.api.rollouts.StartedRollout;
import dev.greenlight.demo.service.DemoService;
import dev.greenlight.demo.service.Slot;
import dev.greenlight.demo.service.TrafficSplit.WeightChange;
import dev.greenlight.engine.EmbeddedRecordFeed;
import dev.greenlight.rollout.RolloutVariables;
import io.camunda.zeebe.protocol.record.RecordType;
import io.camunda.zeebe.protocol.record.value.VariableRecordValue;
import io.camunda.zeebe.protocol.record.Record;
import io.camunda.zeebe.protocol.record.intent.ProcessInstanceIntent;
import io.camunda.zeebe.protocol.record.value.BpmnElementType;
import io.camunda.zeebe.protocol.record.value.ProcessInstanceRecordValue;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Canary rollouts of a bad release against the demo service, one after the other: each starts the canary runbook with
 * the benchmark's gate interval, waits for the ramp stage's (10 %) first gate check, and at a random offset within the
 * interval after it makes the canary's version fail (30 % errors, +400 ms); optionally it pushes an Alertmanager alert
 * for the rollout at the same moment. Then it waits for the rollout to end and reads when things happened.
 */
final class BadCanaryRollouts {

  static final String RUNBOOK = "bad-canary.yaml";
  static final String FAULTY_STAGE = "ramp";
  static final int FAULTY_STAGE_WEIGHT = 10;
  private static final Duration ROLLOUT_DEADLINE = Duration.ofMinutes(3);
  private static final Duration POLL = Duration.ofMillis(10);
  private static final String ROLLBACK_PROCESS = "rollback";
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * What one rollout gave; null instants did not happen.
   *
   * @param sinceCheck the fault's offset after the faulty stage's first gate check (that check's {@code measuredAt})
   * @param faultInjected when the service started failing, as the service recorded it
   * @param webhookSent just before the Alertmanager webhook's request went out (alert-push only)
   * @param trafficReverted when the router received 100 % stable, as the service recorded it
   * @param rollbackEnded the rollback process's completion record in the engine's log
   */
  record Outcome(int run, Duration sinceCheck, Instant faultInjected, Instant webhookSent, Instant trafficReverted,
      Instant rollbackEnded, RolloutState state, String breachReason) {

    boolean rolledBack() {
      return state == RolloutState.ROLLED_BACK && trafficReverted != null && rollbackEnded != null;
    }
  }

  private final DemoStack stack;
  private final Duration interval;
  private final Random random;
  private final EmbeddedRecordFeed feed;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final Map<Long, Long> parents = new ConcurrentHashMap<>();
  private final Map<Long, Instant> firstChecks = new ConcurrentHashMap<>();
  private final Map<Long, Instant> rollbacksEnded = new ConcurrentHashMap<>();

  /** What a series of runs measured: seconds from its start instant to traffic reverted and to the rollback's end. */
  record Series(Samples toTraffic, Samples toRollbackEnd, List<String> lines) {}

  /** Formats one run's table row from its outcome and its two measured durations (null when not reached). */
  @FunctionalInterface
  interface RowFormat {
    String row(Outcome outcome, Double toTraffic, Double toRollbackEnd);
  }

  /**
   * Runs {@code runs} bad canaries on a fresh demo stack, measuring each from the instant {@code start} picks (the
   * fault, or the alert webhook) to the router at 100 % stable and to the rollback's end; rolled-back runs only.
   */
  static Series measure(Duration interval, long seed, int runs, boolean pushAlert, boolean durable,
      Function<Outcome, Instant> start, RowFormat format) throws Exception {
    Series series = new Series(new Samples(), new Samples(), new ArrayList<>());
    try (DemoStack stack = DemoStack.start(BenchGreenlight.engine(durable))) {
      BadCanaryRollouts rollouts = new BadCanaryRollouts(stack, interval, seed);
      for (int run = 1; run <= runs; run++) {
        Outcome outcome = rollouts.run(run, pushAlert);
        Double traffic = seconds(start.apply(outcome), outcome.trafficReverted());
        Double ended = seconds(start.apply(outcome), outcome.rollbackEnded());
        if (outcome.rolledBack()) {
          series.toTraffic().add(traffic * 1000);
          series.toRollbackEnd().add(ended * 1000);
        }
        String line = format.row(outcome, traffic, ended);
        System.out.println(line);
        series.lines().add(line);
      }
    }
    return series;
  }

  BadCanaryRollouts(DemoStack stack, Duration interval, long seed) {
    this.stack = stack;
    this.interval = interval;
    this.random = new Random(seed);
    this.feed = stack.bean(EmbeddedRecordFeed.class);
    feed.subscribe(this::accept);
  }

  Outcome run(int run, boolean pushAlert) throws IOException, InterruptedException {
    DemoService service = stack.service();
    requireReset(service);
    StartedRollout rollout = stack.startRollout(RUNBOOK, Map.of("interval", interval.toString(),
        "canaryDuration", interval.multipliedBy(4).toString()), "2.1." + run, "BENCH-" + run);
    Instant firstCheck = firstCheckOfTheFaultyStage(rollout.rolloutId(), rollout.processInstanceKey());
    Duration offset = Duration.ofMillis((long) (random.nextDouble() * interval.toMillis()));
    Duration untilFault = Duration.between(Instant.now(), firstCheck.plus(offset));
    if (untilFault.isPositive()) {
      Thread.sleep(untilFault);
    }
    setFault(0.3, 400);
    Instant webhookSent = pushAlert ? pushAlert(rollout.rolloutId()) : null;
    RolloutView end = awaitEnd(rollout.rolloutId());
    feed.catchUp();
    Instant injected = service.releases().lastFault().orElseThrow().injectedAt();
    Instant reverted = service.traffic().changes().stream()
        .filter(change -> change.canary() == 0 && !change.at().isBefore(injected))
        .map(WeightChange::at).findFirst().orElse(null);
    Outcome outcome = new Outcome(run, Duration.between(firstCheck, injected), injected, webhookSent, reverted,
        rollbacksEnded.get(rollout.processInstanceKey()), end.state(),
        end.gate() == null ? null : end.gate().path("breachReason").asText(null));
    setFault(0, 0);
    awaitQuietCanary(service);
    return outcome;
  }

  /**
   * Waits until the canary's requests of this run have left the service's five-second statistics window, so that the
   * next run's first gate check does not see this run's failures.
   */
  private static void awaitQuietCanary(DemoService service) throws InterruptedException {
    Instant giveUp = Instant.now().plus(Duration.ofSeconds(30));
    while (((Number) service.stats(Slot.CANARY).get("requests")).longValue() > 0) {
      if (Instant.now().isAfter(giveUp)) {
        throw new IllegalStateException("The canary still serves requests after its rollback: " + service.stats(Slot.CANARY));
      }
      Thread.sleep(POLL);
    }
  }

  /** The previous run left the router on stable and the canary slot on the stable version. */
  private static void requireReset(DemoService service) {
    if (service.traffic().canary() != 0 || !service.version(Slot.CANARY).equals(service.version(Slot.STABLE))) {
      throw new IllegalStateException("The demo service was not reset by the previous rollback: canary weight "
          + service.traffic().canary() + ", canary version " + service.version(Slot.CANARY) + ", stable version "
          + service.version(Slot.STABLE));
    }
  }

  private Instant firstCheckOfTheFaultyStage(String rolloutId, long processInstanceKey) throws InterruptedException {
    Instant giveUp = Instant.now().plus(ROLLOUT_DEADLINE);
    while (Instant.now().isBefore(giveUp)) {
      RolloutView view = view(rolloutId);
      if (view.state() != RolloutState.ACTIVE) {
        throw new IllegalStateException("Rollout " + rolloutId + " ended (" + view.state() + ") before its "
            + FAULTY_STAGE + " stage was watched; gate " + view.gate() + ", incidents " + view.incidents());
      }
      feed.catchUp();
      Instant check = firstChecks.get(processInstanceKey);
      if (check != null && stack.service().traffic().canary() == FAULTY_STAGE_WEIGHT) {
        return check;
      }
      Thread.sleep(POLL);
    }
    throw new IllegalStateException("Rollout " + rolloutId + " did not reach its " + FAULTY_STAGE + " stage within "
        + ROLLOUT_DEADLINE);
  }

  private RolloutView awaitEnd(String rolloutId) throws InterruptedException {
    Instant giveUp = Instant.now().plus(ROLLOUT_DEADLINE);
    while (Instant.now().isBefore(giveUp)) {
      RolloutView view = view(rolloutId);
      if (view.state() != RolloutState.ACTIVE || !view.incidents().isEmpty()) {
        return view;
      }
      Thread.sleep(POLL);
    }
    throw new IllegalStateException("Rollout " + rolloutId + " did not end within " + ROLLOUT_DEADLINE);
  }

  private RolloutView view(String rolloutId) {
    return stack.bean(RolloutReadModel.class).find(rolloutId)
        .orElseThrow(() -> new IllegalStateException("The read model does not know rollout " + rolloutId));
  }

  /**
   * Notes, per rollout, the faulty stage's first gate measurement (the monitoring window's {@code gate} variable; the
   * read model shows the gate only once the window has ended) and when its rollback process completed.
   */
  private void accept(Record<?> record) {
    if (record.getRecordType() != RecordType.EVENT) {
      return;
    }
    if (record.getValue() instanceof ProcessInstanceRecordValue value
        && value.getBpmnElementType() == BpmnElementType.PROCESS && value.getParentProcessInstanceKey() > 0) {
      if (record.getIntent() == ProcessInstanceIntent.ELEMENT_ACTIVATED) {
        parents.put(value.getProcessInstanceKey(), value.getParentProcessInstanceKey());
      } else if (record.getIntent() == ProcessInstanceIntent.ELEMENT_COMPLETED
          && value.getBpmnProcessId().equals(ROLLBACK_PROCESS)) {
        rollbacksEnded.put(value.getParentProcessInstanceKey(), Instant.ofEpochMilli(record.getTimestamp()));
      }
    } else if (record.getValue() instanceof VariableRecordValue variable
        && variable.getName().equals(RolloutVariables.GATE) && parents.containsKey(variable.getProcessInstanceKey())) {
      JsonNode gate = parse(variable.getValue());
      if (FAULTY_STAGE.equals(gate.path("stage").asText()) && gate.hasNonNull("measuredAt")) {
        firstChecks.putIfAbsent(parents.get(variable.getProcessInstanceKey()),
            Instant.parse(gate.get("measuredAt").asText()));
      }
    }
  }

  private static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new IllegalStateException("The engine holds a variable that is not JSON: " + json, e);
    }
  }

  /** The service's admin API: the canary's version fails this share of requests and answers this much later. */
  private void setFault(double errorRate, long addedLatencyMs) throws IOException, InterruptedException {
    send(HttpRequest.newBuilder(stack.service().uri("/admin/faults")).timeout(Duration.ofSeconds(5))
        .header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(
            Map.of("errorRate", errorRate, "addedLatencyMs", addedLatencyMs))))
        .build());
  }

  /** POSTs what Alertmanager's webhook receiver sends for a firing alert labelled with the rollout; returns when. */
  private Instant pushAlert(String rolloutId) throws IOException, InterruptedException {
    Map<String, Object> alert = Map.of(
        "status", "firing",
        "labels", Map.of("alertname", "CatalogCanaryErrors", "severity", "critical", "service", "catalog",
            "rollout", rolloutId),
        "annotations", Map.of("summary", "Canary error rate above 0.5 % for " + rolloutId),
        "startsAt", Instant.now().toString(),
        "endsAt", "0001-01-01T00:00:00Z",
        "generatorURL", "http://127.0.0.1:9090/graph?g0.expr=canary_errors",
        "fingerprint", Long.toHexString(random.nextLong()));
    Map<String, Object> webhook = Map.of("version", "4", "status", "firing", "receiver", "greenlight",
        "groupKey", "{}:{rollout=\"" + rolloutId + "\"}", "alerts", List.of(alert));
    HttpRequest request = HttpRequest.newBuilder(stack.greenlight("/api/alerts/alertmanager"))
        .timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/json")
        .header("Authorization", "Bearer " + stack.secret(DemoStack.ALERTS_TOKEN_SECRET))
        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(webhook)))
        .build();
    Instant sent = Instant.now();
    HttpResponse<String> response = send(request);
    if (JSON.readTree(response.body()).path("published").isEmpty()) {
      throw new IllegalStateException("Greenlight published no stage-alert for " + rolloutId + ": " + response.body());
    }
    return sent;
  }

  private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() / 100 != 2) {
      throw new IllegalStateException(request.method() + " " + request.uri() + " answered " + response.statusCode()
          + ": " + response.body());
    }
    return response;
  }

  /** Seconds between two instants, or null when the later one never came. */
  static Double seconds(Instant from, Instant to) {
    return from == null || to == null ? null : Duration.between(from, to).toMillis() / 1000.0;
  }
}
