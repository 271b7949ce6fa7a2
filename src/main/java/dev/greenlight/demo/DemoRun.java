package dev.greenlight.demo;

import dev.greenlight.api.rollouts.RolloutStarter;
import dev.greenlight.rollout.RolloutState;
import dev.greenlight.api.rollouts.RolloutView;
import dev.greenlight.api.rollouts.StartRolloutRequest;
import dev.greenlight.api.rollouts.StartedRollout;
import dev.greenlight.demo.ScenarioResult.Check;
import dev.greenlight.demo.service.DemoService;
import dev.greenlight.demo.service.Slot;
import dev.greenlight.demo.service.TrafficSplit.WeightChange;
import dev.greenlight.security.Caller;
import dev.greenlight.security.Channel;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The demo's two rollouts against the demo service: a feature-flag rollout that succeeds, then a canary of a bad
 * release that Greenlight rolls back by itself once the fault, injected during the ramp stage, breaks the gate.
 */
final class DemoRun {

  /** Who starts the demo's rollouts: a holder of the demo's rollout role, not one of its deciders (four eyes). */
  static final Caller OPERATOR = new Caller("demo-operator", Set.of(DemoCommand.ROLLOUT_ROLE));
  static final String GOOD_VERSION = "2.0.0";
  static final String BAD_VERSION = "2.1.0";
  /** How long into the ramp stage the bad release starts failing. */
  static final Duration FAULT_AFTER = Duration.ofSeconds(3);
  static final Duration FEATURE_FLAG_DEADLINE = Duration.ofSeconds(120);
  static final Duration CANARY_DEADLINE = Duration.ofSeconds(90);

  private final RolloutStarter starter;
  private final RolloutFollower follower;
  private final RolloutTimeline timeline;
  private final DemoService service;
  private final NotificationRecorder notifications;
  private final DecisionAnswerer decisions;
  private final Map<String, String> runbookValues;
  private final Path runbooks;
  private final PrintWriter out;
  private final InstantSource clock;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private RollbackTiming rollbackTiming;

  DemoRun(RolloutStarter starter, RolloutFollower follower, RolloutTimeline timeline, DemoService service,
      NotificationRecorder notifications, DecisionAnswerer decisions, Map<String, String> runbookValues, Path runbooks,
      PrintWriter out, InstantSource clock) {
    this.starter = starter;
    this.follower = follower;
    this.timeline = timeline;
    this.service = service;
    this.notifications = notifications;
    this.decisions = decisions;
    this.runbookValues = runbookValues;
    this.runbooks = runbooks;
    this.out = out;
    this.clock = clock;
  }

  ScenarioResult featureFlagRollout() throws InterruptedException {
    out.printf("%n1. Feature-flag rollout of catalog %s: backup, migration, dark launch, compare mode, switch%n",
        GOOD_VERSION);
    Instant started = clock.instant();
    StartedRollout rollout = start(DemoRunbooks.FEATURE_FLAG, GOOD_VERSION, "DEMO-1");
    Optional<RolloutView> end = follower.follow(rollout.rolloutId(), FEATURE_FLAG_DEADLINE, () -> null,
        () -> service.stats(null), view -> { }, decisions::requireHealthy);
    List<RolloutTimeline.Step> steps = timeline.steps(rollout.processInstanceKey());
    long reports = steps.stream().filter(step -> step.elementId().equals("daily-report")).count();
    Map<String, Object> compared = service.compareStats();
    List<Check> checks = List.of(
        new Check("the database was backed up and migrated", ran(steps, "back-up-database") && ran(steps, "run-migrations"),
            "steps back-up-database, run-migrations"),
        new Check("compare mode ran with daily reports", reports > 0 && ((Number) compared.get("total_queries")).longValue() > 0,
            reports + " reports; " + compared.get("total_queries") + " queries compared, "
                + compared.get("discrepancies") + " discrepancies, " + compared.get("errors") + " errors"),
        new Check("the service runs the new version", GOOD_VERSION.equals(service.version(Slot.STABLE)),
            "stable runs " + service.version(Slot.STABLE)));
    return result("Feature-flag rollout succeeds", rollout, RolloutState.SUCCEEDED, end, started, checks);
  }

  ScenarioResult canaryOfABadRelease() throws InterruptedException {
    out.printf("%n2. Canary of catalog %s, a bad release: it starts failing %ds into the ramp stage%n", BAD_VERSION,
        FAULT_AFTER.toSeconds());
    Instant started = clock.instant();
    StartedRollout rollout = start(DemoRunbooks.CANARY, BAD_VERSION, "DEMO-2");
    FaultTrigger fault = new FaultTrigger();
    Optional<RolloutView> end = follower.follow(rollout.rolloutId(), CANARY_DEADLINE, () -> service.traffic().canary(),
        () -> service.stats(Slot.CANARY), fault::onPoll, decisions::requireHealthy);
    List<Check> checks = new ArrayList<>();
    Optional<Instant> injected = service.releases().lastFault().map(f -> f.injectedAt());
    checks.add(new Check("the fault was injected during the ramp stage", injected.isPresent(),
        injected.map(at -> "at " + at).orElse("the ramp stage was never reached")));
    if (injected.isPresent()) {
      rollbackTiming = timing(injected.get(), end, rollout.processInstanceKey());
      checks.add(new Check("traffic returned to stable after the fault", rollbackTiming.trafficReverted() != null,
          rollbackTiming.trafficReverted() == null ? "the router never received 100 % stable"
              : "router at 100 % stable " + seconds(rollbackTiming.faultToTrafficReverted()) + " after the fault"));
      boolean restored = ran(timeline.steps(rollout.processInstanceKey()), "restore-database");
      checks.add(new Check("the database was left as it was, with the rows written since the backup",
          rollbackTiming.dataKept() != null && !restored,
          restored ? "restore-database ran" : rollbackTiming.dataKept() == null ? "the rows were never counted"
              : "count-rows-since-backup completed, no restore"));
      checks.add(new Check("the on-call was paged", rollbackTiming.oncallPaged() != null,
          rollbackTiming.oncallPaged() == null ? "PagerDuty received nothing" : "PagerDuty received a trigger"));
    }
    checks.add(new Check("the canary runs the stable version again",
        service.version(Slot.CANARY).equals(service.version(Slot.STABLE)),
        "canary runs " + service.version(Slot.CANARY) + ", stable " + service.version(Slot.STABLE)));
    return result("Canary of a bad release rolls back", rollout, RolloutState.ROLLED_BACK, end, started, checks);
  }

  /** Null until the canary scenario has injected its fault. */
  RollbackTiming rollbackTiming() {
    return rollbackTiming;
  }

  private StartedRollout start(String runbook, String version, String ticket) {
    DemoRunbooks.register(runbook, runbookValues, runbooks);
    StartedRollout rollout = starter.start(new StartRolloutRequest(runbook, null, version, ticket), OPERATOR,
        Channel.API);
    out.printf("   rollout %s of runbook %s started by %s%n", rollout.rolloutId(), runbook, OPERATOR.name());
    return rollout;
  }

  private RollbackTiming timing(Instant injected, Optional<RolloutView> end, long instance) {
    Instant reverted = service.traffic().changes().stream()
        .filter(change -> change.canary() == 0 && !change.at().isBefore(injected))
        .map(WeightChange::at).findFirst().orElse(null);
    Instant breach = end.map(RolloutView::gate).filter(gate -> gate.path("breached").asBoolean())
        .map(gate -> gate.path("measuredAt").asText(null)).map(Instant::parse).orElse(null);
    Instant dataKept = timeline.first(instance, "count-rows-since-backup").map(RolloutTimeline.Step::at).orElse(null);
    Instant paged = notifications.received().stream()
        .filter(n -> n.channel().equals("pagerduty") && n.text().startsWith("trigger") && !n.at().isBefore(injected))
        .map(NotificationRecorder.Notification::at).findFirst().orElse(null);
    return new RollbackTiming(injected, breach, reverted, dataKept, paged);
  }

  private ScenarioResult result(String title, StartedRollout rollout, RolloutState expected,
      Optional<RolloutView> end, Instant started, List<Check> checks) {
    RolloutState actual = end.map(RolloutView::state).orElse(null);
    if (end.isEmpty()) {
      out.printf("   %s did not end within its deadline%n", rollout.rolloutId());
    }
    return new ScenarioResult(title, rollout.rolloutId(), expected, actual,
        Duration.between(started, clock.instant()), checks);
  }

  private static boolean ran(List<RolloutTimeline.Step> steps, String elementId) {
    return steps.stream().anyMatch(step -> step.elementId().equals(elementId));
  }

  static String seconds(Duration duration) {
    return duration == null ? "-" : String.format(java.util.Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
  }

  /** Injects the bad release's fault once the ramp stage has run for {@link #FAULT_AFTER}. */
  private final class FaultTrigger {
    private Instant rampSeen;
    private boolean injected;

    void onPoll(RolloutView view) {
      if (injected || !"ramp".equals(view.stage()) || service.traffic().canary() != 10) {
        return;
      }
      if (rampSeen == null) {
        rampSeen = clock.instant();
      }
      if (!clock.instant().isBefore(rampSeen.plus(FAULT_AFTER))) {
        injected = true;
        inject();
      }
    }

    private void inject() {
      URI faults = service.uri("/admin/faults");
      HttpRequest request = HttpRequest.newBuilder(faults).timeout(Duration.ofSeconds(5))
          .header("Content-Type", "application/json")
          .PUT(HttpRequest.BodyPublishers.ofString("{\"errorRate\": 0.3, \"addedLatencyMs\": 400}"))
          .build();
      try {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
          throw new IllegalStateException("PUT " + faults + " answered " + response.statusCode() + ": " + response.body());
        }
        out.printf("   >>> fault injected into %s: 30 %% errors, +400 ms%n", BAD_VERSION);
      } catch (IOException e) {
        throw new IllegalStateException("Injecting the fault at " + faults + " failed: " + e.getMessage(), e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while injecting the fault", e);
      }
    }
  }
}
