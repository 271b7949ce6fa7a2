package dev.greenlight.bench;

import dev.greenlight.api.rollouts.RolloutReadModel;
import dev.greenlight.api.rollouts.RolloutView;
import dev.greenlight.api.rollouts.StartedRollout;
import dev.greenlight.engine.EmbeddedRecordFeed;
import dev.greenlight.rehearsal.TimeTravelDriver;
import dev.greenlight.engine.InMemoryEngineInternals;
import dev.greenlight.inbox.ApprovalTask;
import dev.greenlight.inbox.DecisionDesk;
import dev.greenlight.inbox.DecisionOutcome;
import dev.greenlight.inbox.TaskAlreadyDecidedException;
import dev.greenlight.security.Caller;
import dev.greenlight.security.Channel;
import io.camunda.zeebe.process.test.api.ZeebeTestEngine;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Issue #8, benchmark 3: seed 000's whole feature-flag runbook with its real durations, rehearsed on the embedded engine
 * against the demo service with time travel; wall clock from the start request to the process's end.
 */
final class RehearsalBenchmark implements Benchmark {

  private static final String RUNBOOK = "rehearsal-feature-flag.yaml";
  private static final String RELEASE_CALLBACK = "release-callback";
  private static final Caller DECIDER = new Caller("bench-decider", Set.of("demo-deciders"));
  private static final double TARGET_SECONDS = 10;

  @Override
  public String name() {
    return "rehearsal";
  }

  @Override
  public String summary() {
    return "seed 000's feature-flag runbook, real durations (9+ days), time travel: wall clock, target < 10 s";
  }

  @Override
  public Run plan(BenchmarkOptions options) {
    int runs = options.integer("runs", 5);
    Duration limit = options.duration("limit", Duration.ofMinutes(5));
    return () -> run(runs, limit);
  }

  private String run(int runs, Duration limit) throws Exception {
    Samples wall = new Samples();
    List<String> lines = new ArrayList<>();
    try (DemoStack stack = DemoStack.start()) {
      TimeTravelDriver driver = new TimeTravelDriver(stack.bean(ZeebeTestEngine.class), stack.bean(InMemoryEngineInternals.class),
          stack.bean(EmbeddedRecordFeed.class), stack.bean(Clock.class), Set.of(RELEASE_CALLBACK));
      DecisionDesk desk = stack.bean(DecisionDesk.class);
      for (int run = 1; run <= runs; run++) {
        long started = System.nanoTime();
        StartedRollout rollout = stack.startRollout(RUNBOOK, Map.of(), "2.0." + run, "REHEARSAL-" + run);
        TimeTravelDriver.Travel travel = driver.drive(rollout.processInstanceKey(), () -> answerGo(desk), limit);
        double millis = (System.nanoTime() - started) / 1e6;
        wall.add(millis);
        String state = stack.bean(RolloutReadModel.class).find(rollout.rolloutId())
            .map(RolloutView::state).map(Object::toString).orElse("unknown");
        String line = String.format(Locale.ROOT,
            "| %d | %.2f | %s | %d | %d | %s |", run, millis / 1000, engineTime(travel.engineTime()), travel.jumps(),
            travel.questionsAnswered(), state);
        System.out.println(line);
        lines.add(line);
      }
    }
    double median = wall.median() / 1000;
    return String.format(Locale.ROOT, """
        Seed 000's feature-flag runbook (`src/test/resources/dev/greenlight/bench/%s`: the demo's runbook with the
        durations of `runbooks/msia-element-system.yaml`: 30-minute dark-launch watch with a gate every minute, 48 h of
        compare mode with a gate every 5 minutes and a daily report, 24 h on the new system with a gate every 5 minutes
        and an hourly smoke run, the post-deployment review 7 days later) on the embedded engine, against the demo
        service (PostgreSQL backup and Liquibase migration, webhook pipeline, HTTP flags, web metrics) under %d
        requests/s, Slack and PagerDuty stand-ins. The four questions (checklist, compare mode, switch, review) are
        answered go through the approvals inbox by a decider who did not start the rollout.

        Measured: wall clock from the start request (`RolloutStarter`) to the process instance's end record, by the
        benchmark's `System.nanoTime()`. Time travel (`TimeTravelDriver`): when the engine is idle, no job is open (created
        and not yet completed, errored or cancelled), no pipeline callback is awaited and no question is open, the engine's
        clock jumps (`increaseTime`) to the earliest open timer's due date; a due timer fires by itself. Workers use the
        engine's clock (`ClockConfiguration`), so gate measurements, reports and decisions carry rehearsal time; the demo
        service's own statistics window is real time (its last five real seconds of load).

        | run | wall clock s | engine time travelled | clock jumps | questions answered | end state |
        |---|---|---|---|---|---|
        %s

        | target | measured | target | met |
        |---|---|---|---|
        | wall clock, median of %d | %.2f s | < %.0f s | %s |

        Raw wall clock (ms): %s
        """, RUNBOOK, DemoStack.REQUESTS_PER_SECOND, String.join("\n", lines), wall.count(), median,
        TARGET_SECONDS, median < TARGET_SECONDS ? "met" : "missed", wall.raw("%.0f"));
  }

  private static int answerGo(DecisionDesk desk) {
    int answered = 0;
    for (ApprovalTask task : desk.decidableBy(DECIDER)) {
      try {
        desk.decide(DECIDER, Channel.API, task.key(), DecisionOutcome.GO, "rehearsal: go", Map.of());
        answered++;
      } catch (TaskAlreadyDecidedException e) {
        // the engine closed it meanwhile; there is nothing left to answer
      }
    }
    return answered;
  }

  private static String engineTime(Duration time) {
    return String.format(Locale.ROOT, "%dd %02dh %02dm", time.toDays(), time.toHoursPart(), time.toMinutesPart());
  }
}
