package dev.greenlight.rehearsal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the engine has in hand, told event by event from its record stream: the jobs a worker must still finish, the
 * timers still to fire, the callbacks an outside system is about to send, the questions waiting for a person, the
 * processes that ended and the incidents raised. Time travel may only move the clock when nobody else is working:
 * no open job, no awaited callback, no open question. Synchronized: the record feed delivers on whichever thread
 * catches up, a read model's query as well as the driver.
 */
final class EngineAgenda {

  private final Set<Long> openJobs = new HashSet<>();
  private final Map<Long, Instant> timers = new HashMap<>();
  private final Set<Long> awaitedCallbacks = new HashSet<>();
  private final Set<Long> openUserTasks = new HashSet<>();
  private final Set<Long> endedProcesses = new HashSet<>();
  private final List<String> incidents = new ArrayList<>();

  synchronized void jobCreated(long key) {
    openJobs.add(key);
  }

  /** Completed, errored, cancelled, or failed with no retries left (which raises an incident). */
  synchronized void jobClosed(long key) {
    openJobs.remove(key);
  }

  synchronized void timerCreated(long key, Instant due) {
    timers.put(key, due);
  }

  /** Triggered or cancelled. */
  synchronized void timerClosed(long key) {
    timers.remove(key);
  }

  synchronized void callbackAwaited(long elementInstanceKey) {
    awaitedCallbacks.add(elementInstanceKey);
  }

  /** Correlated, or the wait ended another way (a deadline) and the subscription was deleted. */
  synchronized void callbackClosed(long elementInstanceKey) {
    awaitedCallbacks.remove(elementInstanceKey);
  }

  synchronized void userTaskCreated(long key) {
    openUserTasks.add(key);
  }

  synchronized void userTaskClosed(long key) {
    openUserTasks.remove(key);
  }

  synchronized void processEnded(long processInstanceKey) {
    endedProcesses.add(processInstanceKey);
  }

  synchronized void incidentRaised(String message) {
    incidents.add(message);
  }

  synchronized boolean ended(long processInstanceKey) {
    return endedProcesses.contains(processInstanceKey);
  }

  synchronized List<String> incidents() {
    return List.copyOf(incidents);
  }

  /** A worker holds a job or an outside system is about to call back: the clock must stay where it is. */
  synchronized boolean othersAtWork() {
    return !openJobs.isEmpty() || !awaitedCallbacks.isEmpty();
  }

  synchronized boolean questionsOpen() {
    return !openUserTasks.isEmpty();
  }

  /**
   * How far to move the clock from {@code now} so that the earliest open timer is due: zero when one already is (the
   * engine fires it by itself), empty when no timer is open.
   */
  synchronized Optional<Duration> jumpFrom(Instant now) {
    return timers.values().stream().min(Instant::compareTo)
        .map(due -> due.isAfter(now) ? Duration.between(now, due) : Duration.ZERO);
  }

  synchronized String describe() {
    return openJobs.size() + " open jobs, " + timers.size() + " timers, " + awaitedCallbacks.size()
        + " awaited callbacks, " + openUserTasks.size() + " open questions, incidents " + incidents;
  }
}
