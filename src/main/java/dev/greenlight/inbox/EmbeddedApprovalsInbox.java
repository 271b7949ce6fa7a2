package dev.greenlight.inbox;

import dev.greenlight.engine.EmbeddedRecordFeed;
import dev.greenlight.engine.EmbeddedUserTasks;
import dev.greenlight.engine.EngineProperties;
import dev.greenlight.inbox.EmbeddedTaskReadModel.CompletionOutcome;
import dev.greenlight.time.Deadline;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * The inbox on the embedded engine, which has no REST API and no Tasklist: tasks are read from its record stream,
 * and a task is completed by writing the engine command, then waiting for the engine's answer in the stream.
 */
@Component
@ConditionalOnProperty(name = EngineProperties.MODE, havingValue = "embedded", matchIfMissing = true)
public class EmbeddedApprovalsInbox implements ApprovalsInbox {

  static final Duration CONFIRMATION_TIMEOUT = Duration.ofSeconds(10);
  private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

  private final EmbeddedRecordFeed feed;
  private final EmbeddedUserTasks userTasks;
  private final EmbeddedTaskReadModel readModel = new EmbeddedTaskReadModel();

  public EmbeddedApprovalsInbox(EmbeddedRecordFeed feed, EmbeddedUserTasks userTasks) {
    this.feed = feed;
    this.userTasks = userTasks;
    feed.subscribe(readModel);
  }

  @Override
  public List<ApprovalTask> openTasks() {
    feed.catchUp();
    return readModel.openTasks();
  }

  @Override
  public Optional<ApprovalTask> task(long key) {
    feed.catchUp();
    return readModel.task(key);
  }

  @Override
  public void complete(long key, Map<String, Object> variables) {
    long commandPosition = userTasks.complete(key, variables);
    Deadline deadline = Deadline.in(CONFIRMATION_TIMEOUT);
    while (true) {
      feed.catchUp();
      Optional<CompletionOutcome> outcome = readModel.completionOutcome(key, commandPosition);
      if (outcome.isPresent()) {
        if (outcome.get() instanceof CompletionOutcome.Rejected rejected) {
          throw rejection(key, rejected);
        }
        return;
      }
      if (deadline.passed()) {
        throw new IllegalStateException("The embedded engine did not confirm completing user task " + key
            + " within " + CONFIRMATION_TIMEOUT.toSeconds() + " s; check the engine's log for errors");
      }
      LockSupport.parkNanos(POLL_NANOS);
    }
  }

  private static RuntimeException rejection(long key, CompletionOutcome.Rejected rejected) {
    return switch (rejected.type()) {
      case NOT_FOUND, INVALID_STATE -> new TaskAlreadyDecidedException(
          "task " + key + " is no longer open (the engine says: " + rejected.reason() + ")");
      default -> new IllegalStateException("The engine rejected completing user task " + key + " ("
          + rejected.type() + "): " + rejected.reason());
    };
  }
}
