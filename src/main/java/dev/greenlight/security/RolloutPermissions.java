package dev.greenlight.security;

import dev.greenlight.spec.RunbookProperties;
import dev.greenlight.spec.RunbookSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Who may act on rollouts. Starting needs a role of {@value #ROLLOUT_ROLES}, and one of the runbook's
 * {@code approvals.starters} when it names them (a runbook can narrow who starts it, never widen it); an inline spec
 * needs inline specs switched on ({@value #INLINE}) and a role of {@value #AUTHOR_ROLES}. Aborting and retrying need a
 * rollout role or one of the runbook's {@code approvals.deciders}. Every refusal names the role that would be needed.
 * Reading rollouts is open to every caller and needs no check here.
 */
@Component
public class RolloutPermissions {

  public static final String ROLLOUT_ROLES = "greenlight.security.rollout-roles";
  public static final String AUTHOR_ROLES = "greenlight.security.runbook-author-roles";
  public static final String INLINE = "greenlight.runbooks.inline";
  public static final String CLUSTER_STARTS = "greenlight.security.allow-cluster-starts";

  private final List<String> rolloutRoles;
  private final List<String> authorRoles;
  private final boolean inline;
  private final boolean clusterStarts;

  public RolloutPermissions(GreenlightSecurityProperties security, RunbookProperties runbooks) {
    this.rolloutRoles = security.rolloutRoles();
    this.authorRoles = security.runbookAuthorRoles();
    this.inline = runbooks.inline();
    this.clusterStarts = security.allowClusterStarts();
  }

  /**
   * Before the runbook is read: may the caller start rollouts at all, and of an inline spec when {@code inlineSpec}?
   *
   * @throws RolloutForbiddenException naming the role or setting that would be needed
   */
  public void requireStart(Caller caller, boolean inlineSpec) {
    if (!holdsAny(caller, rolloutRoles)) {
      throw new RolloutForbiddenException("Starting a rollout needs " + roles(rolloutRoles, ROLLOUT_ROLES) + "; "
          + holds(caller));
    }
    if (inlineSpec && !inline) {
      throw new RolloutForbiddenException("Inline specs are off on this server (" + INLINE + " is false): put the"
          + " runbook in the runbooks directory, where it is reviewed like the rest of the deployment code, and start"
          + " it by name");
    }
    if (inlineSpec && !holdsAny(caller, authorRoles)) {
      throw new RolloutForbiddenException("Starting a rollout of an inline spec needs "
          + roles(authorRoles, AUTHOR_ROLES) + "; " + holds(caller));
    }
  }

  /**
   * Once the runbook is known: does its {@code approvals.starters} admit the caller?
   *
   * @param runbook how messages name the runbook, e.g. {@code runbook 'checkout'}
   * @throws RolloutForbiddenException naming the roles that may start it
   */
  public void requireStarter(Caller caller, String runbook, RunbookSpec spec) {
    List<String> starters = starters(spec);
    if (!starters.isEmpty() && !holdsAny(caller, starters)) {
      throw new RolloutForbiddenException("The " + runbook + " may be started only by one of the roles " + starters
          + " (its approvals.starters); " + holds(caller));
    }
  }

  /**
   * @throws RolloutForbiddenException unless the caller holds a rollout role, one of the runbook's deciders or one of
   *     its escalation levels (the on-call who would be paged)
   */
  public void requireIncident(Caller caller, String service, RunbookSpec spec) {
    List<String> allowed = new ArrayList<>(deciders(spec));
    if (spec.notifications() != null && spec.notifications().escalation() != null
        && spec.notifications().escalation().levels() != null) {
      allowed.addAll(spec.notifications().escalation().levels());
    }
    if (!holdsAny(caller, rolloutRoles) && !holdsAny(caller, allowed)) {
      throw new RolloutForbiddenException("Opening an incident of " + service + " needs "
          + roles(rolloutRoles, ROLLOUT_ROLES) + " or one of " + allowed
          + " (the runbook's approvals.deciders and notifications.escalation.levels); " + holds(caller));
    }
  }

  /** @throws RolloutForbiddenException unless the caller holds a rollout role or one of the runbook's deciders */
  public void requireAbort(Caller caller, String rolloutId, List<String> deciders) {
    requireSteering(caller, "Aborting", rolloutId, deciders);
  }

  /** @throws RolloutForbiddenException unless the caller holds a rollout role or one of the runbook's deciders */
  public void requireRetry(Caller caller, String rolloutId, List<String> deciders) {
    requireSteering(caller, "Retrying", rolloutId, deciders);
  }

  /**
   * For the {@code load-runbook} job: why a rollout that has no verified starter (started on the cluster outside
   * Greenlight, e.g. from Tasklist's start form) may not run this runbook, or empty when it may.
   */
  public Optional<String> unverifiedStartRefusal(String runbook, RunbookSpec spec) {
    if (!starters(spec).isEmpty()) {
      return Optional.of("The " + runbook + " may be started only by the roles " + starters(spec)
          + " (its approvals.starters), and this rollout was started on the cluster outside Greenlight (e.g. Tasklist's"
          + " start form), which cannot show who started it: start it with greenlight start or POST /api/rollouts");
    }
    if (!clusterStarts) {
      return Optional.of("This rollout was started on the cluster outside Greenlight (e.g. Tasklist's start form),"
          + " which cannot show who started it, and " + CLUSTER_STARTS + " is false: start it with greenlight start"
          + " or POST /api/rollouts, or have the operator allow cluster starts once the cluster's authorizations limit"
          + " who may create rollout process instances");
    }
    return Optional.empty();
  }

  private void requireSteering(Caller caller, String action, String rolloutId, List<String> deciders) {
    if (!holdsAny(caller, rolloutRoles) && !holdsAny(caller, deciders)) {
      throw new RolloutForbiddenException(action + " rollout " + rolloutId + " needs "
          + roles(rolloutRoles, ROLLOUT_ROLES)
          + (deciders.isEmpty() ? "" : " or one of its deciders " + deciders + " (the runbook's approvals.deciders)")
          + "; " + holds(caller));
    }
  }

  private static List<String> deciders(RunbookSpec spec) {
    return spec.approvals() == null || spec.approvals().deciders() == null ? List.of() : spec.approvals().deciders();
  }

  private static List<String> starters(RunbookSpec spec) {
    return spec.approvals() == null || spec.approvals().starters() == null ? List.of() : spec.approvals().starters();
  }

  private static boolean holdsAny(Caller caller, List<String> roles) {
    return roles.stream().anyMatch(caller.roles()::contains);
  }

  private static String roles(List<String> roles, String setting) {
    return roles.isEmpty()
        ? "a role listed in " + setting + ", which lists none on this server"
        : "one of the roles " + roles + " (" + setting + ")";
  }

  private static String holds(Caller caller) {
    return caller.name() + " holds " + caller.describeRoles();
  }
}
