package dev.greenlight.support;

import dev.greenlight.rollout.RolloutVariables;
import io.camunda.client.CamundaClient;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Starts the test process {@code inbox/inbox-test-rollout.bpmn}: a rollout reduced to its decisions, a parallel
 * sign-off by each role in {@code signoffRoles}, then a go/no-go by release-managers, ending at {@code rolled-out}
 * or {@code not-approved}.
 */
public final class InboxTestRollouts {

  public static final String PROCESS_ID = "inbox-test-rollout";

  private final CamundaClient client;

  public InboxTestRollouts(CamundaClient client) {
    this.client = client;
    client.newDeployResourceCommand()
        .addResourceFromClasspath("inbox/inbox-test-rollout.bpmn")
        .addResourceFromClasspath("inbox/inbox-test-decision.form")
        .send().join();
  }

  /** A started rollout: its id (unique per call) and process instance. */
  public record Started(String rolloutId, long processInstanceKey) {}

  public Started start(String startedBy, List<String> signoffRoles) {
    String rolloutId = "test-" + UUID.randomUUID().toString().substring(0, 8);
    long instance = client.newCreateInstanceCommand().bpmnProcessId(PROCESS_ID).latestVersion()
        .variables(Map.of(
            RolloutVariables.ROLLOUT_ID, rolloutId,
            RolloutVariables.STARTED_BY, startedBy,
            "signoffRoles", signoffRoles))
        .send().join().getProcessInstanceKey();
    return new Started(rolloutId, instance);
  }
}
