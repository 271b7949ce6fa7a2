package dev.greenlight.rehearsal;

import dev.greenlight.engine.EmbeddedRecordFeed;
import dev.greenlight.engine.embedded.EmbeddedEngine;
import dev.greenlight.time.Deadline;
import io.camunda.zeebe.protocol.record.Record;
import io.camunda.zeebe.protocol.record.RecordType;
import io.camunda.zeebe.protocol.record.intent.IncidentIntent;
import io.camunda.zeebe.protocol.record.intent.JobIntent;
import io.camunda.zeebe.protocol.record.intent.ProcessInstanceIntent;
import io.camunda.zeebe.protocol.record.intent.ProcessMessageSubscriptionIntent;
import io.camunda.zeebe.protocol.record.intent.TimerIntent;
import io.camunda.zeebe.protocol.record.intent.UserTaskIntent;
import io.camunda.zeebe.protocol.record.value.BpmnElementType;
import io.camunda.zeebe.protocol.record.value.IncidentRecordValue;
import io.camunda.zeebe.protocol.record.value.JobRecordValue;
import io.camunda.zeebe.protocol.record.value.ProcessInstanceRecordValue;
import io.camunda.zeebe.protocol.record.value.ProcessMessageSubscriptionRecordValue;
import io.camunda.zeebe.protocol.record.value.TimerRecordValue;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntSupplier;

/**
 * Time travel for a rehearsal on the embedded engine: whenever the engine is idle and nobody else is at work (no job
 * in a worker's hands, no outside callback on its way, no question open), the engine's clock jumps straight to the
 * next due timer; questions are answered as a person would. Waiting is on conditions read from the record stream,
 * checked every {@value #PAUSE_MICROS} µs, never on a guessed sleep. The workers read the same clock
 * (the {@code Clock} bean is the engine's clock in embedded mode), so what they record follows the jumps.
 */
public final class TimeTravelDriver {

  private static final long PAUSE_MICROS = 500;

  /** What one drive did. */
  public record Travel(Duration wallClock, Duration engineTime, int jumps, int questionsAnswered) {}

  private final EmbeddedEngine engine;
  private final EmbeddedRecordFeed feed;
  private final Clock engineClock;
  private final Set<String> callbackMessages;
  private final EngineAgenda agenda = new EngineAgenda();

  /**
   * @param callbackMessages messages an outside system sends by itself soon after a job asked it to (the release
   *     pipeline's callback): while one is awaited, the clock must not jump past its deadline
   */
  public TimeTravelDriver(EmbeddedEngine engine, EmbeddedRecordFeed feed, Clock engineClock,
      Set<String> callbackMessages) {
    this.engine = engine;
    this.feed = feed;
    this.engineClock = engineClock;
    this.callbackMessages = callbackMessages;
    feed.subscribe(this::accept);
  }

  /**
   * Drives the process instance to its end.
   *
   * @param answerQuestions answers the open questions, returns how many it answered
   * @param limit wall-clock limit; past it the drive fails with what the engine still has in hand
   */
  public Travel drive(long processInstanceKey, IntSupplier answerQuestions, Duration limit)
      throws InterruptedException, TimeoutException {
    Deadline deadline = Deadline.in(limit);
    Instant engineStarted = engineClock.instant();
    int incidentsBefore = agenda.incidents().size();
    int jumps = 0;
    int answered = 0;
    while (true) {
      feed.catchUp();
      if (agenda.ended(processInstanceKey)) {
        return new Travel(deadline.elapsed(),
            Duration.between(engineStarted, engineClock.instant()), jumps, answered);
      }
      if (agenda.incidents().size() > incidentsBefore) {
        throw new IllegalStateException("The rehearsal stopped at an incident: " + agenda.incidents().getLast());
      }
      if (deadline.passed()) {
        throw new TimeoutException("Process instance " + processInstanceKey + " did not end within " + limit
            + " of wall clock; the engine has " + agenda.describe());
      }
      if (agenda.othersAtWork() || !idleWithNothingNew()) {
        pause();
      } else if (agenda.questionsOpen()) {
        int now = answerQuestions.getAsInt();
        answered += now;
        if (now == 0) {
          pause();
        }
      } else {
        Optional<Duration> jump = agenda.jumpFrom(engineClock.instant());
        if (jump.isEmpty()) {
          throw new IllegalStateException("Process instance " + processInstanceKey
              + " waits for something no timer, worker or person here will bring; the engine has " + agenda.describe());
        }
        if (jump.get().isZero()) {
          pause(); // the engine fires a due timer by itself, a moment later
        } else {
          engine.increaseTime(jump.get());
          jumps++;
        }
      }
    }
  }

  /**
   * The engine has processed its whole log, and the records it wrote up to then leave nobody at work. Asked only when
   * the agenda already looks quiet: each question is a task on the engine's own actor.
   */
  private boolean idleWithNothingNew() {
    if (!engine.idle()) {
      return false;
    }
    feed.catchUp();
    return !agenda.othersAtWork();
  }

  private static void pause() {
    LockSupport.parkNanos(PAUSE_MICROS * 1000);
  }

  private void accept(Record<?> record) {
    if (record.getRecordType() != RecordType.EVENT) {
      return;
    }
    switch (record.getValueType()) {
      case JOB -> job(record.getKey(), (JobIntent) record.getIntent(), (JobRecordValue) record.getValue());
      case TIMER -> timer(record.getKey(), (TimerIntent) record.getIntent(), (TimerRecordValue) record.getValue());
      case PROCESS_MESSAGE_SUBSCRIPTION -> subscription((ProcessMessageSubscriptionIntent) record.getIntent(),
          (ProcessMessageSubscriptionRecordValue) record.getValue());
      case USER_TASK -> userTask(record.getKey(), (UserTaskIntent) record.getIntent());
      case PROCESS_INSTANCE -> processInstance((ProcessInstanceIntent) record.getIntent(),
          (ProcessInstanceRecordValue) record.getValue());
      case INCIDENT -> {
        if (record.getIntent() == IncidentIntent.CREATED) {
          agenda.incidentRaised(((IncidentRecordValue) record.getValue()).getErrorMessage());
        }
      }
      default -> { }
    }
  }

  private void job(long key, JobIntent intent, JobRecordValue job) {
    switch (intent) {
      case CREATED -> agenda.jobCreated(key);
      case COMPLETED, ERROR_THROWN, CANCELED -> agenda.jobClosed(key);
      case FAILED -> {
        if (job.getRetries() <= 0) {
          agenda.jobClosed(key);
        } else if (job.getRetryBackoff() > 0) {
          // nobody holds a job that waits out its retry backoff: it is due again like a timer
          agenda.jobClosed(key);
          agenda.timerCreated(key, Instant.ofEpochMilli(job.getRecurringTime()));
        }
      }
      case RECURRED_AFTER_BACKOFF -> {
        agenda.timerClosed(key);
        agenda.jobCreated(key);
      }
      default -> { }
    }
  }

  private void timer(long key, TimerIntent intent, TimerRecordValue timer) {
    switch (intent) {
      case CREATED -> agenda.timerCreated(key, Instant.ofEpochMilli(timer.getDueDate()));
      case TRIGGERED, CANCELED -> agenda.timerClosed(key);
      default -> { }
    }
  }

  private void subscription(ProcessMessageSubscriptionIntent intent, ProcessMessageSubscriptionRecordValue value) {
    if (!callbackMessages.contains(value.getMessageName())) {
      return;
    }
    switch (intent) {
      case CREATING, CREATED -> agenda.callbackAwaited(value.getElementInstanceKey());
      case CORRELATED, DELETED -> agenda.callbackClosed(value.getElementInstanceKey());
      default -> { }
    }
  }

  private void userTask(long key, UserTaskIntent intent) {
    switch (intent) {
      case CREATED -> agenda.userTaskCreated(key);
      case COMPLETED, CANCELED -> agenda.userTaskClosed(key);
      default -> { }
    }
  }

  private void processInstance(ProcessInstanceIntent intent, ProcessInstanceRecordValue value) {
    if (value.getBpmnElementType() == BpmnElementType.PROCESS
        && (intent == ProcessInstanceIntent.ELEMENT_COMPLETED || intent == ProcessInstanceIntent.ELEMENT_TERMINATED)) {
      agenda.processEnded(value.getProcessInstanceKey());
    }
  }
}
