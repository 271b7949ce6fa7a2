package dev.greenlight.rehearsal;

import dev.greenlight.api.callbacks.ReleaseCallbackController;
import dev.greenlight.api.rollouts.RolloutReadModel;
import dev.greenlight.api.rollouts.RolloutStarter;
import dev.greenlight.api.rollouts.RolloutView;
import dev.greenlight.api.rollouts.StartRolloutRequest;
import dev.greenlight.api.rollouts.StartedRollout;
import dev.greenlight.engine.EmbeddedRecordFeed;
import dev.greenlight.engine.EngineProperties;
import dev.greenlight.engine.embedded.EmbeddedEngine;
import dev.greenlight.inbox.ApprovalTask;
import dev.greenlight.inbox.ApprovalsInbox;
import dev.greenlight.inbox.DecisionDesk;
import dev.greenlight.inbox.DecisionOutcome;
import dev.greenlight.inbox.TaskAlreadyDecidedException;
import dev.greenlight.rollout.RolloutState;
import dev.greenlight.security.Caller;
import dev.greenlight.security.Channel;
import dev.greenlight.security.TaskAuthorization.DecisionForbiddenException;
import dev.greenlight.spec.InvalidRunbookException;
import dev.greenlight.spec.RunbookSpec;
import dev.greenlight.spec.SpecReader;
import dev.greenlight.spec.Stage;
import dev.greenlight.time.Stopwatch;
import io.camunda.client.CamundaClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A throw-away Greenlight for rehearsals: its own embedded engine in this JVM with the real processes, workers, gates
 * and inbox, every outside system a recording stand-in, no web server and no secret. A rehearsal starts the runbook
 * as a rollout, moves the engine's clock over every wait (time travel), answers every question as a decider who did
 * not start it, and returns the timeline. Rehearsals run one at a time; each cleans up after itself, so one
 * {@code Rehearsals} can rehearse many runbooks.
 */
public final class Rehearsals implements AutoCloseable {

  static final String STARTED_BY = "rehearsal-starter";
  static final String DECIDER = "rehearsal-decider";
  /** The rollout role of the rehearsal's starter, the only one this Greenlight knows. */
  private static final String STARTERS = "rehearsal-starters";
  /** Wall clock a rehearsal may take; days of rollout time take seconds. */
  private static final Duration LIMIT = Duration.ofMinutes(10);

  private static final String RUNBOOKS = "runbooks";

  private final ConfigurableApplicationContext context;
  private final Path scratch;
  private final RehearsalRecorder recorder;
  private final TimeTravelDriver travel;

  private Rehearsals(ConfigurableApplicationContext context, Path scratch) {
    this.context = context;
    this.scratch = scratch;
    this.recorder = context.getBean(RehearsalRecorder.class);
    EmbeddedEngine engine = context.getBean(EmbeddedEngine.class);
    engine.stopClock();
    this.travel = new TimeTravelDriver(engine, context.getBean(EmbeddedRecordFeed.class), context.getBean(Clock.class),
        Set.of(ReleaseCallbackController.MESSAGE_NAME));
  }

  /**
   * Starts the engine, deploys the processes and opens the workers: seconds, more on a busy machine.
   *
   * @param settings further Spring properties, e.g. where the log goes
   */
  public static Rehearsals start(Map<String, String> settings) {
    Path scratch = scratchDirectory();
    List<String> arguments = new ArrayList<>(List.of(
        "--greenlight.engine.mode=embedded",
        "--greenlight.engine.embedded.port=0",
        "--" + EngineProperties.EMBEDDED_THROW_AWAY + "=true",
        "--greenlight.reports.directory=" + scratch.resolve("reports"),
        "--greenlight.runbooks.directory=" + scratch.resolve(RUNBOOKS),
        "--greenlight.security.rollout-roles=" + STARTERS,
        "--camunda.client.auth.method=none",
        // a busy machine can take longer than the default 10 s to deploy all the processes
        "--camunda.client.request-timeout=PT60S"));
    settings.forEach((name, value) -> arguments.add("--" + name + "=" + value));
    SpringApplication application = new SpringApplication(RehearsalApplication.class);
    application.setAdditionalProfiles(RehearsalApplication.PROFILE);
    application.setWebApplicationType(WebApplicationType.NONE);
    try {
      return new Rehearsals(application.run(arguments.toArray(String[]::new)), scratch);
    } catch (RuntimeException e) {
      deleteRecursively(scratch);
      throw e;
    }
  }

  /**
   * Rehearses one runbook to its end, or to where it cannot go on.
   *
   * @param source names the runbook in messages, e.g. its file
   * @throws InvalidRunbookException when the runbook does not pass lint
   * @throws IllegalArgumentException when the stage to breach is not one of the runbook's
   */
  public synchronized Rehearsal rehearse(String yaml, String source, RehearsalOptions options)
      throws InterruptedException {
    RunbookSpec runbook = context.getBean(SpecReader.class).readYaml(yaml, source);
    requireStage(runbook, options.breachStage());
    Stopwatch took = Stopwatch.start();
    recorder.begin(runbook, options.breachStage());
    StartedRollout rollout = null;
    RolloutState endState = null;
    String stuck = null;
    try {
      rollout = context.getBean(RolloutStarter.class).start(
          new StartRolloutRequest(register(runbook, yaml), null, options.version(), "REHEARSAL"), starter(runbook),
          Channel.CLI);
      String rolloutId = rollout.rolloutId();
      travel.drive(rollout.processInstanceKey(), () -> answer(rolloutId, options.answer()), LIMIT);
      endState = context.getBean(RolloutReadModel.class).find(rolloutId).map(RolloutView::state)
          .orElseThrow(() -> new IllegalStateException("Rollout " + rolloutId + " ended but its state cannot be read"));
    } catch (IllegalStateException | TimeoutException e) {
      stuck = e.getMessage();
    } catch (DecisionForbiddenException e) {
      stuck = "The rehearsal's decider may not answer a question: " + e.getMessage();
    } catch (RuntimeException | InterruptedException e) {
      recorder.finish(null, e.toString());
      throw e;
    }
    RehearsalRecorder.Finished finished = recorder.finish(endState, stuck);
    if (stuck != null && rollout != null) {
      // nothing of a stopped rehearsal may act on while the next one runs
      context.getBean(CamundaClient.class).newCancelInstanceCommand(rollout.processInstanceKey()).send().join();
    }
    return new Rehearsal(rollout == null ? null : rollout.rolloutId(), finished.timeline(),
        endState == null ? null : endState.specName(), stuck,
        finished.rolloutTime(), took.elapsed());
  }

  /**
   * The runbook as the server would have it: a file of the runbooks directory, named after its service, started by
   * name (inline specs are off as on a server).
   */
  private String register(RunbookSpec runbook, String yaml) {
    try {
      Files.writeString(Files.createDirectories(scratch.resolve(RUNBOOKS)).resolve(runbook.service() + ".yaml"), yaml);
    } catch (IOException e) {
      throw new UncheckedIOException("Registering the runbook in the rehearsal's scratch directory failed", e);
    }
    return runbook.service();
  }

  /** Someone who may start rollouts, and this runbook if it names its starters. */
  private static Caller starter(RunbookSpec runbook) {
    Set<String> roles = new HashSet<>(Set.of(STARTERS));
    if (runbook.approvals() != null && runbook.approvals().starters() != null) {
      roles.addAll(runbook.approvals().starters());
    }
    return new Caller(STARTED_BY, roles);
  }

  /**
   * Answers the rollout's open questions as a decider holding each question's role, who did not start the rollout;
   * sign-offs that need a different person for each role are answered by one rehearsal person per role.
   */
  private int answer(String rolloutId, DecisionOutcome outcome) {
    int answered = 0;
    for (ApprovalTask task : context.getBean(ApprovalsInbox.class).openTasks()) {
      if (!rolloutId.equals(task.rolloutId())) {
        continue;
      }
      String name = task.givenSignoffs().distinctSigners() ? DECIDER + "-" + task.candidateGroups().getFirst() : DECIDER;
      Caller decider = new Caller(name, Set.copyOf(task.candidateGroups()));
      try {
        context.getBean(DecisionDesk.class)
            .decide(decider, Channel.CLI, task.key(), outcome, "rehearsal: " + outcome.word(), Map.of());
        answered++;
      } catch (TaskAlreadyDecidedException e) {
        // the engine closed it meanwhile (a timer or a gate moved the rollout on): nothing left to answer
      }
    }
    return answered;
  }

  private static void requireStage(RunbookSpec runbook, String stage) {
    List<String> stages = runbook.stages().stream().map(Stage::name).toList();
    if (stage != null && !stages.contains(stage)) {
      throw new IllegalArgumentException("The runbook has no stage '" + stage + "' to breach; its stages are "
          + String.join(", ", stages));
    }
  }

  @Override
  public void close() {
    try {
      context.close();
    } finally {
      deleteRecursively(scratch);
    }
  }

  private static Path scratchDirectory() {
    try {
      return Files.createTempDirectory("greenlight-rehearsal-");
    } catch (IOException e) {
      throw new UncheckedIOException("No scratch directory for the rehearsal's reports", e);
    }
  }

  private static void deleteRecursively(Path directory) {
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Removing the rehearsal's scratch directory " + directory + " failed", e);
    }
  }
}
