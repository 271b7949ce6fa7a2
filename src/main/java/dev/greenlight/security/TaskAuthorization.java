package dev.greenlight.security;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Who may decide a task: a holder of one of its candidate groups who did not start the rollout (four-eyes rule,
 * switched off with {@code greenlight.security.four-eyes=false}) and, for a sign-off, who has not signed off another
 * role of the same release already (the runbook's {@code approvals.distinctSigners}, on unless it says false).
 */
@Component
public class TaskAuthorization {

  private final boolean fourEyes;

  public TaskAuthorization(GreenlightSecurityProperties properties) {
    this.fourEyes = properties.fourEyes();
  }

  /**
   * The candidate group the caller decides as: the first of the task's groups they hold.
   *
   * @throws DecisionForbiddenException with the reason, when the caller may not decide the task
   */
  public String actingRole(Caller caller, String task, List<String> candidateGroups, String startedBy, String rolloutId,
      String roleSignedAlready) {
    refusal(caller, task, candidateGroups, startedBy, rolloutId, roleSignedAlready).ifPresent(reason -> {
      throw new DecisionForbiddenException(reason);
    });
    return candidateGroups.stream().filter(caller.roles()::contains).findFirst().orElseThrow();
  }

  /**
   * Why the caller may not decide the task, or empty when they may.
   *
   * @param roleSignedAlready the role of the same release the caller signed off already, when sign-offs need distinct
   *     people; null otherwise
   */
  public Optional<String> refusal(Caller caller, String task, List<String> candidateGroups, String startedBy,
      String rolloutId, String roleSignedAlready) {
    if (candidateGroups.stream().noneMatch(caller.roles()::contains)) {
      return Optional.of("task " + task + " needs one of " + candidateGroups + "; you hold " + caller.describeRoles());
    }
    if (fourEyes && Objects.equals(caller.name(), startedBy)) {
      return Optional.of("task " + task + " belongs to rollout " + rolloutId + ", which you started; the four-eyes rule needs"
          + " someone else holding one of " + candidateGroups + " to decide it");
    }
    if (roleSignedAlready != null) {
      return Optional.of("task " + task + " is a sign-off of rollout " + rolloutId + ", and you signed it off as "
          + roleSignedAlready + " already; each role needs a different person (the runbook's approvals.distinctSigners),"
          + " so someone else holding one of " + candidateGroups + " must sign this one");
    }
    return Optional.empty();
  }

  /** The caller may not decide this task; the message says why. */
  public static class DecisionForbiddenException extends RuntimeException {
    DecisionForbiddenException(String reason) {
      super(reason);
    }
  }
}
