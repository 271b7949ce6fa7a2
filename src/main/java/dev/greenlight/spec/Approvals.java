package dev.greenlight.spec;

import java.time.Duration;
import java.util.List;

/**
 * Who decides.
 *
 * @param signoffs roles that must all approve before a release (seed 002's six), each a candidate group
 * @param deciders candidate groups that may answer go/no-go decisions
 * @param remindAfter an open sign-off is reminded after this long
 * @param escalateAfter and escalated after this long
 * @param fourEyes the person who started a rollout may not sign it off or decide it (default true)
 * @param distinctSigners each sign-off needs a different person: someone holding two of the roles signs only one of
 *     them (default true)
 * @param starters roles that may start this runbook, narrowing the server's {@code greenlight.security.rollout-roles}
 *     (a starter needs one of each); null when not written: anyone with a rollout role
 */
public record Approvals(List<Signoff> signoffs, List<String> deciders, Duration remindAfter, Duration escalateAfter,
    boolean fourEyes, boolean distinctSigners, List<String> starters) {

  public Approvals {
    starters = starters == null ? null : List.copyOf(starters);
  }

  /**
   * @param role the candidate group, e.g. security-lead
   * @param title as people say it, e.g. Security Lead
   */
  public record Signoff(String role, String title) {}
}
