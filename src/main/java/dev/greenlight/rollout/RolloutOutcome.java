package dev.greenlight.rollout;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * How a rollout ended and why, in words a person reads. The end listener (metrics, Slack, the outcome report) and the
 * API read it from the same variables with this one class, so they always agree.
 *
 * @param state the end state
 * @param reason why: the breach, failed check or no-go behind a rollback, who aborted it when and why, which decision
 *     said no, what failed; null for a rollout that succeeded
 */
public record RolloutOutcome(RolloutState state, String reason) {

  /** The outcome of a rollout whose process reached the end event {@code endEventId}, from its variables. */
  public static RolloutOutcome endedAt(String endEventId, JsonNode variables) {
    RolloutState state = RolloutState.endedAt(endEventId);
    String reason = switch (state) {
      case ROLLED_BACK -> orElse(text(variables, RolloutVariables.ROLLBACK_REASON), "rolled back");
      case PARTIALLY_ROLLED_BACK -> partial(variables);
      case ABORTED -> aborted(variables);
      case NOT_APPROVED -> refusal(variables);
      case FAILED -> orElse(text(variables, RolloutVariables.FAILURE_REASON), "the rollout ended at " + endEventId);
      default -> null;
    };
    return new RolloutOutcome(state, reason);
  }

  /** A process cancelled in the engine itself (Operate, zbctl): nothing was rolled back. */
  public static RolloutOutcome cancelled() {
    return new RolloutOutcome(RolloutState.ABORTED,
        "cancelled in the engine (Operate or its API), without a rollback: check what the rollout had changed");
  }

  /** Which feature was turned off and why, and which features stay on at which percentage. */
  private static String partial(JsonNode variables) {
    String off = orElse(text(variables, RolloutVariables.FEATURE_TURNED_OFF), "the failing feature");
    List<String> stillOn = new ArrayList<>();
    variables.path(RolloutVariables.FLAGS_SET).path("values").properties().forEach(flag -> {
      if (!flag.getKey().equals(off) && flag.getValue().path("enabled").asBoolean(false)) {
        stillOn.add(flag.getKey() + " at " + flag.getValue().path("rolloutPercentage").asText("?") + " %");
      }
    });
    return off + " turned off (" + orElse(text(variables, RolloutVariables.ROLLBACK_REASON), "partial rollback")
        + "); " + (stillOn.isEmpty() ? "no other feature was on" : "still on: " + String.join(", ", stillOn));
  }

  private static String aborted(JsonNode variables) {
    String by = orElse(text(variables, RolloutVariables.ABORTED_BY), "someone");
    String at = text(variables, RolloutVariables.ABORTED_AT);
    String why = orElse(text(variables, RolloutVariables.ABORT_REASON), "no reason given");
    return "aborted by " + by + (at == null ? "" : " at " + at) + ": " + why;
  }

  /** The last decision that said no, among all the rollout recorded (sign-offs included). */
  private static String refusal(JsonNode variables) {
    JsonNode refused = null;
    for (JsonNode decision : variables.path(RolloutVariables.DECISIONS)) {
      if (!"go".equals(decision.path("outcome").asText())) {
        refused = decision;
      }
    }
    if (refused == null && variables.hasNonNull(RolloutVariables.DECISION)) {
      refused = variables.get(RolloutVariables.DECISION);
    }
    if (refused == null) {
      return "a decision said no";
    }
    String task = text(refused, "task");
    String comment = text(refused, "comment");
    return "no-go by " + orElse(text(refused, "decidedBy"), "someone") + (task == null ? "" : " on " + task)
        + (comment == null || comment.isBlank() ? "" : ": " + comment);
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node == null ? null : node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }

  private static String orElse(String value, String fallback) {
    return value == null || value.isBlank() ? fallback : value;
  }
}
