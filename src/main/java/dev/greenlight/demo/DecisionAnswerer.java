package dev.greenlight.demo;

import dev.greenlight.inbox.ApprovalTask;
import dev.greenlight.inbox.Decision;
import dev.greenlight.inbox.DecisionDesk;
import dev.greenlight.inbox.TaskAlreadyDecidedException;
import dev.greenlight.security.Caller;
import dev.greenlight.security.Channel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Answers the rollouts' go/no-go questions through the approvals inbox, as the demo's decider: a user who holds the
 * deciders' role and did not start the rollouts, so the four-eyes rule holds as in production.
 */
final class DecisionAnswerer implements AutoCloseable {

  private static final Duration POLL = Duration.ofMillis(200);

  private final DecisionDesk desk;
  private final Caller decider;
  private final Approver approver;
  private final Consumer<Decision> onDecision;
  private final List<Decision> decisions = new ArrayList<>();
  private final Thread thread;
  private volatile RuntimeException failure;

  DecisionAnswerer(DecisionDesk desk, Caller decider, Approver approver, Consumer<Decision> onDecision) {
    this.desk = desk;
    this.decider = decider;
    this.approver = approver;
    this.onDecision = onDecision;
    this.thread = Thread.ofPlatform().name("demo-decider").daemon().start(this::answerUntilStopped);
  }

  private void answerUntilStopped() {
    try {
      while (!Thread.currentThread().isInterrupted()) {
        for (ApprovalTask task : desk.decidableBy(decider)) {
          Approver.Answer answer = approver.answer(task);
          try {
            Decision decision = desk.decide(decider, Channel.API, task.key(), answer.outcome(), answer.comment(),
                Map.of());
            record(decision);
          } catch (TaskAlreadyDecidedException e) {
            // the engine cancelled it meanwhile (a gate or an abort moved the rollout on); nothing to answer
          }
        }
        Thread.sleep(POLL);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      failure = e;
    }
  }

  private synchronized void record(Decision decision) {
    decisions.add(decision);
    onDecision.accept(decision);
  }

  synchronized List<Decision> decisions() {
    return List.copyOf(decisions);
  }

  /** Fails with the cause when answering broke, so the demo does not wait for a decision that will never come. */
  void requireHealthy() {
    if (failure != null) {
      throw new IllegalStateException("Answering the rollout's decisions failed: " + failure.getMessage(), failure);
    }
  }

  @Override
  public void close() throws InterruptedException {
    thread.interrupt();
    thread.join(Duration.ofSeconds(5));
  }
}
