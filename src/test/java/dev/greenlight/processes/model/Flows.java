package dev.greenlight.processes.model;

/** FEEL expressions and names the process models share, so each idea is written once. */
final class Flows {

  static final String ABORT_MESSAGE = "abort-rollout";
  static final String ALERT_MESSAGE = "stage-alert";
  static final String ROLLOUT_ID = "=rolloutId";
  static final String DECIDERS = "runbook.approvals.deciders";
  static final String GO_NO_GO_FORM = "go-no-go";
  static final String START_FORM = "rollout-start";

  /**
   * A task's decision as recorded: Greenlight's inbox writes where it came from ({@code via}); a decision made in
   * Tasklist has only its form's fields, so it is marked {@code "via": "tasklist"}.
   */
  static final String ATTRIBUTED_DECISION =
      "if decision != null and decision.via = null then context put(decision, \"via\", \"tasklist\") else decision";
  /** Output mapping of every decision task: keep the decision and append it to the rollout's record of decisions. */
  static final String APPEND_DECISION =
      "concatenate(if decisions = null then [] else decisions, [" + ATTRIBUTED_DECISION + "])";
  static final String DECIDED_GO = "=decision.outcome = \"go\"";
  static final String DECIDED_NO_GO = "=decision.outcome != \"go\"";

  private Flows() {}

  /** Decision tasks all look alike: the go/no-go form, a question and a summary, the decision kept and recorded. */
  static <B extends io.camunda.zeebe.model.bpmn.builder.AbstractUserTaskBuilder<B>> B decisionTask(
      B task, String candidateGroupsExpression, String questionExpression, String summaryExpression) {
    return task.zeebeUserTask().zeebeFormId(GO_NO_GO_FORM)
        .zeebeCandidateGroupsExpression(candidateGroupsExpression)
        .zeebeInputExpression(questionExpression, "question")
        .zeebeInputExpression(summaryExpression, "summary")
        .zeebeOutputExpression(ATTRIBUTED_DECISION, "decision")
        .zeebeOutputExpression(APPEND_DECISION, "decisions");
  }

  /**
   * A step taken only when a condition holds: a gateway asks {@code question}, the step runs on {@code label}
   * (when {@code condition} holds, FEEL without the leading =), otherwise the flow goes straight to the join.
   */
  static io.camunda.zeebe.model.bpmn.builder.AbstractFlowNodeBuilder<?, ?> onlyIf(
      io.camunda.zeebe.model.bpmn.builder.AbstractFlowNodeBuilder<?, ?> flow, String gatewayId, String question,
      String label, String condition, String joinId,
      java.util.function.UnaryOperator<io.camunda.zeebe.model.bpmn.builder.AbstractFlowNodeBuilder<?, ?>> step) {
    var gateway = flow.exclusiveGateway(gatewayId).name(question).condition(label, "=" + condition);
    return step.apply(gateway).exclusiveGateway(joinId).moveToNode(gatewayId).connectTo(joinId);
  }

  /** An exclusive gateway's one flow without a condition is its default flow ("otherwise"). */
  static void markDefaultFlows(io.camunda.zeebe.model.bpmn.BpmnModelInstance model) {
    for (var gateway : model.getModelElementsByType(io.camunda.zeebe.model.bpmn.instance.ExclusiveGateway.class)) {
      var unconditioned = gateway.getOutgoing().stream().filter(flow -> flow.getConditionExpression() == null).toList();
      if (gateway.getOutgoing().size() > 1 && unconditioned.size() == 1) {
        gateway.setDefault(unconditioned.get(0));
      }
    }
  }
}
