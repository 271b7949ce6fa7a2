package dev.greenlight.security;

import dev.greenlight.bounds.RunbookBounds;
import dev.greenlight.security.StartSeal.StartClaim;
import dev.greenlight.spec.RunbookDigest;
import dev.greenlight.spec.RunbookSpec;
import org.springframework.stereotype.Component;

/**
 * What the {@code load-runbook} job checks before a process uses its runbook, whoever created the instance: the start
 * API, or anyone on the cluster (Tasklist's start form, a message, another client) who can write any variable. A start
 * whose {@link StartSeal} verifies keeps its starter; an inline spec runs only with one; a rollout without one runs
 * only as {@link RolloutPermissions#unverifiedStartRefusal} allows, attributed to nobody; and every runbook is checked
 * against the server's {@link RunbookBounds}, as the start API does.
 */
@Component
public class StartVerification {

  private final StartSeal seal;
  private final RolloutPermissions permissions;
  private final RunbookBounds bounds;

  public StartVerification(StartSeal seal, RolloutPermissions permissions, RunbookBounds bounds) {
    this.seal = seal;
    this.permissions = permissions;
    this.bounds = bounds;
  }

  /**
   * @param start what the instance's variables claim about its start
   * @param spec the runbook as loaded now (the registered file read again, or the inline spec checked again)
   * @param rollout whether the process is the runbook's rollout process (an incident loading a runbook is not)
   * @return who started it (null when unverified), from where, and the runbook's content digest
   * @throws RolloutForbiddenException when the process may not run this runbook
   * @throws dev.greenlight.bounds.RunbookOutOfBoundsException when the runbook reaches outside the server's bounds
   */
  public VerifiedStart verify(ClaimedStart start, RunbookSpec spec, boolean rollout) {
    String sha256 = RunbookDigest.sha256(spec);
    String runbook = start.inline() ? "inline runbook" : "runbook '" + start.runbookName() + "'";
    VerifiedStart verified = null;
    if (start.seal() != null) {
      Channel via = channel(start.startedVia());
      if (via == null || start.rolloutId() == null || start.startedBy() == null || !seal.verifies(new StartClaim(
          start.rolloutId(), start.inline() ? null : start.runbookName(), sha256, start.startedBy(), via),
          start.seal())) {
        throw new RolloutForbiddenException("The " + runbook + " or who started the rollout is not what Greenlight"
            + " started: the runbook changed since the start, or the rollout's variables were altered. Start it again");
      }
      verified = new VerifiedStart(start.startedBy(), via, sha256);
    } else if (start.inline()) {
      throw new RolloutForbiddenException("An inline runbook runs only when Greenlight's start API started it, and"
          + " this instance was created on the cluster outside Greenlight: register the runbook in the runbooks"
          + " directory and start it by name");
    } else if (rollout) {
      permissions.unverifiedStartRefusal(runbook, spec).ifPresent(reason -> {
        throw new RolloutForbiddenException(reason);
      });
    }
    bounds.require(spec, "The " + runbook);
    return verified != null ? verified : new VerifiedStart(null, Channel.TASKLIST, sha256);
  }

  private static Channel channel(String name) {
    for (Channel channel : Channel.values()) {
      if (channel.specName().equals(name)) {
        return channel;
      }
    }
    return null;
  }

  /**
   * The instance's own account of its start, from its variables.
   *
   * @param rolloutId {@code rolloutId}
   * @param runbookName {@code runbookName}, for a registered runbook
   * @param inline whether the instance carries an inline {@code runbook}
   * @param startedBy {@code startedBy}
   * @param startedVia {@code startedVia}
   * @param seal {@code startSeal}
   */
  public record ClaimedStart(String rolloutId, String runbookName, boolean inline, String startedBy, String startedVia,
      String seal) {}

  /**
   * @param startedBy the verified starter; null when the start was made outside Greenlight
   * @param via where it was started from
   * @param runbookSha256 the runbook's content digest
   */
  public record VerifiedStart(String startedBy, Channel via, String runbookSha256) {}
}
