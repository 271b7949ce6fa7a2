package dev.greenlight.inbox;

import dev.greenlight.engine.EngineProperties;
import dev.greenlight.rollout.RolloutVariables;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ClientHttpException;
import io.camunda.client.api.search.enums.UserTaskState;
import io.camunda.client.api.search.request.SearchRequestPage;
import io.camunda.client.api.search.response.SearchResponse;
import io.camunda.client.api.search.response.UserTask;
import io.camunda.client.api.search.response.Variable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * The inbox on a Camunda 8.8 cluster, through its REST API: user-task and variable search (served from secondary
 * storage, so a just-completed task may still show as open for a moment; the engine then refuses the completion),
 * and user-task completion, which answers once the engine has processed it.
 */
@Component
@ConditionalOnProperty(name = EngineProperties.MODE, havingValue = "remote")
public class RemoteApprovalsInbox implements ApprovalsInbox {

  static final int PAGE_SIZE = 100;
  private static final List<String> INSTANCE_VARIABLES =
      List.of(RolloutVariables.ROLLOUT_ID, RolloutVariables.STARTED_BY, RolloutVariables.RUNBOOK_SHA256,
          GivenSignoffs.DISTINCT_SIGNERS, GivenSignoffs.GIVEN);

  private final CamundaClient client;
  /** A deployed form never changes under its key. */
  private final Map<Long, String> formIdsByFormKey = new ConcurrentHashMap<>();

  public RemoteApprovalsInbox(CamundaClient client) {
    this.client = client;
  }

  @Override
  public List<ApprovalTask> openTasks() {
    List<UserTask> tasks = allPages(cursor -> client.newUserTaskSearchRequest()
        .filter(filter -> filter.state(UserTaskState.CREATED))
        .page(page -> withCursor(page.limit(PAGE_SIZE), cursor))
        .send().join());
    Map<Long, Map<String, String>> variables = instanceVariables(
        tasks.stream().map(UserTask::getProcessInstanceKey).distinct().toList());
    return tasks.stream()
        .map(task -> toApprovalTask(task, variables.getOrDefault(task.getProcessInstanceKey(), Map.of())))
        .toList();
  }

  @Override
  public Optional<ApprovalTask> task(long key) {
    UserTask task;
    try {
      task = client.newUserTaskGetRequest(key).send().join();
    } catch (RuntimeException e) {
      if (httpStatus(e) == 404) {
        return Optional.empty();
      }
      throw e;
    }
    Map<String, String> variables = instanceVariables(List.of(task.getProcessInstanceKey()))
        .getOrDefault(task.getProcessInstanceKey(), Map.of());
    return Optional.of(toApprovalTask(task, variables));
  }

  @Override
  public void complete(long key, Map<String, Object> variables) {
    try {
      client.newCompleteUserTaskCommand(key).variables(variables).send().join();
    } catch (RuntimeException e) {
      switch (httpStatus(e)) {
        case 404 -> throw new TaskAlreadyDecidedException(
            "task " + key + " is no longer open: the engine no longer has it (decided or cancelled)");
        case 409 -> throw new TaskAlreadyDecidedException(
            "task " + key + " is no longer open (the engine says: " + e.getMessage() + ")");
        default -> throw e;
      }
    }
  }

  private ApprovalTask toApprovalTask(UserTask task, Map<String, String> variables) {
    Instant createdAt = task.getCreationDate() == null ? null : task.getCreationDate().toInstant();
    return new ApprovalTask(task.getUserTaskKey(), task.getName() == null ? task.getElementId() : task.getName(),
        task.getElementId(), task.getProcessInstanceKey(),
        task.getCandidateGroups() == null ? List.of() : task.getCandidateGroups(), formId(task), createdAt,
        text(variables, RolloutVariables.ROLLOUT_ID), text(variables, RolloutVariables.STARTED_BY),
        text(variables, RolloutVariables.RUNBOOK_SHA256), task.getState() == UserTaskState.CREATED,
        GivenSignoffs.fromVariables(variables.get(GivenSignoffs.DISTINCT_SIGNERS), variables.get(GivenSignoffs.GIVEN)));
  }

  private static String text(Map<String, String> variables, String name) {
    String json = variables.get(name);
    return json == null ? null : VariableText.of(name, json);
  }

  private String formId(UserTask task) {
    if (task.getFormKey() == null) {
      return null;
    }
    return formIdsByFormKey.computeIfAbsent(task.getFormKey(),
        formKey -> client.newUserTaskGetFormRequest(task.getUserTaskKey()).send().join().getFormId());
  }

  /** The {@link #INSTANCE_VARIABLES} of each instance, set on the instance itself, as JSON. */
  private Map<Long, Map<String, String>> instanceVariables(List<Long> processInstanceKeys) {
    Map<Long, Map<String, String>> byInstance = new HashMap<>();
    if (processInstanceKeys.isEmpty()) {
      return byInstance;
    }
    List<Variable> variables = allPages(cursor -> client.newVariableSearchRequest()
        .filter(filter -> filter
            .processInstanceKey(key -> key.in(processInstanceKeys))
            .name(name -> name.in(INSTANCE_VARIABLES)))
        .page(page -> withCursor(page.limit(PAGE_SIZE), cursor))
        .send().join());
    for (Variable variable : variables) {
      if (variable.getScopeKey().equals(variable.getProcessInstanceKey())) {
        byInstance.computeIfAbsent(variable.getProcessInstanceKey(), key -> new HashMap<>())
            .put(variable.getName(), variable.getValue());
      }
    }
    return byInstance;
  }

  private static SearchRequestPage withCursor(
      SearchRequestPage page, String cursor) {
    return cursor == null ? page : page.after(cursor);
  }

  private static <T> List<T> allPages(Function<String, SearchResponse<T>> search) {
    List<T> items = new ArrayList<>();
    String cursor = null;
    while (true) {
      SearchResponse<T> response = search.apply(cursor);
      items.addAll(response.items());
      cursor = response.page() == null ? null : response.page().endCursor();
      if (response.items().size() < PAGE_SIZE || cursor == null) {
        return items;
      }
    }
  }

  /** The HTTP status the cluster answered with, or 0 when the failure was not an HTTP answer. */
  private static int httpStatus(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof ClientHttpException http) {
        return http.code();
      }
    }
    return 0;
  }
}
