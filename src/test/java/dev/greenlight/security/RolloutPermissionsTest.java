package dev.greenlight.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.greenlight.spec.RunbookProperties;
import dev.greenlight.spec.RunbookSpec;
import dev.greenlight.spec.SpecReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Who may start, abort and retry, and what every refusal says, for the default and a configured server. */
class RolloutPermissionsTest {

  static final Caller ALICE = new Caller("alice", Set.of("release-managers"));
  static final Caller AUTHOR = new Caller("erin", Set.of("release-managers", "runbook-authors"));
  static final Caller LEAD = new Caller("lena", Set.of("deployment-lead"));
  static final Caller VIEWER = new Caller("victor", Set.of("viewer"));

  final RolloutPermissions configured = permissions(List.of("release-managers"), List.of("runbook-authors"), true);
  final RunbookSpec canary = new SpecReader().read(Path.of("runbooks/analyzer-canary.yaml"));

  @Test
  void byDefaultNobodyMayStartAbortOrAuthor() {
    RolloutPermissions defaults = new RolloutPermissions(
        new GreenlightSecurityProperties(null, null, null, null, null, null, false),
        new RunbookProperties(null, false));

    assertThatThrownBy(() -> defaults.requireStart(ALICE, false)).hasMessage("Starting a rollout needs a role listed"
        + " in greenlight.security.rollout-roles, which lists none on this server; alice holds [release-managers]");
    assertThatThrownBy(() -> defaults.requireAbort(ALICE, "checkout-1", List.of())).hasMessage("Aborting rollout"
        + " checkout-1 needs a role listed in greenlight.security.rollout-roles, which lists none on this server;"
        + " alice holds [release-managers]");
    assertThatCode(() -> defaults.requireAbort(LEAD, "checkout-1", List.of("deployment-lead")))
        .as("a runbook's deciders may abort it").doesNotThrowAnyException();
    RolloutPermissions inlineOff = new RolloutPermissions(new GreenlightSecurityProperties(null, null, null,
        List.of("release-managers"), List.of("runbook-authors"), null, false), new RunbookProperties(null, false));
    assertThatThrownBy(() -> inlineOff.requireStart(AUTHOR, true)).hasMessage("Inline specs are off on this"
        + " server (greenlight.runbooks.inline is false): put the runbook in the runbooks directory, where it is"
        + " reviewed like the rest of the deployment code, and start it by name");
  }

  @Test
  void startingNeedsARolloutRoleAndAnInlineSpecAnAuthorRoleToo() {
    assertThatCode(() -> configured.requireStart(ALICE, false)).doesNotThrowAnyException();
    assertThatCode(() -> configured.requireStart(AUTHOR, true)).doesNotThrowAnyException();
    assertThatThrownBy(() -> configured.requireStart(ALICE, true)).isInstanceOf(RolloutForbiddenException.class)
        .hasMessage("Starting a rollout of an inline spec needs one of the roles [runbook-authors]"
            + " (greenlight.security.runbook-author-roles); alice holds [release-managers]");
    assertThatThrownBy(() -> configured.requireStart(new Caller("ada", Set.of("runbook-authors")), true))
        .as("an author still needs a rollout role").hasMessageStartingWith("Starting a rollout needs one of the roles"
            + " [release-managers] (greenlight.security.rollout-roles); ada holds [runbook-authors]");
  }

  @Test
  void aRunbooksStartersNarrowWhoStartsItButNeverWiden() throws Exception {
    RunbookSpec guarded = new SpecReader().readYaml(Files.readString(Path.of("runbooks/analyzer-canary.yaml"))
        .replace("  deciders: [deployment-lead, oncall-devops]",
            "  deciders: [deployment-lead, oncall-devops]\n  starters: [deployment-lead]"), "guarded");
    Caller leadAndManager = new Caller("max", Set.of("release-managers", "deployment-lead"));

    assertThatCode(() -> configured.requireStarter(ALICE, "runbook 'analyzer-canary'", canary))
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> configured.requireStarter(ALICE, "runbook 'guarded'", guarded))
        .hasMessage("The runbook 'guarded' may be started only by one of the roles [deployment-lead] (its"
            + " approvals.starters); alice holds [release-managers]");
    assertThatCode(() -> configured.requireStarter(leadAndManager, "runbook 'guarded'", guarded))
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> configured.requireStart(LEAD, false)).as("a starter still needs a rollout role")
        .hasMessageContaining("greenlight.security.rollout-roles");
  }

  @Test
  void abortAndRetryNeedARolloutRoleOrOneOfTheRunbooksDeciders() {
    List<String> deciders = canary.approvals().deciders();

    assertThatCode(() -> configured.requireAbort(ALICE, "analyzer-1", deciders)).doesNotThrowAnyException();
    assertThatCode(() -> configured.requireRetry(LEAD, "analyzer-1", deciders)).doesNotThrowAnyException();
    assertThatThrownBy(() -> configured.requireRetry(VIEWER, "analyzer-1", deciders))
        .hasMessage("Retrying rollout analyzer-1 needs one of the roles [release-managers]"
            + " (greenlight.security.rollout-roles) or one of its deciders [deployment-lead, oncall-devops] (the"
            + " runbook's approvals.deciders); victor holds [viewer]");
    assertThatThrownBy(() -> configured.requireAbort(LEAD, "analyzer-1", List.of()))
        .hasMessage("Aborting rollout analyzer-1 needs one of the roles [release-managers]"
            + " (greenlight.security.rollout-roles); lena holds [deployment-lead]");
  }

  @Test
  void aRolloutStartedOnTheClusterRunsOnlyWhenTheOperatorAllowsItAndTheRunbookNamesNoStarters() {
    RolloutPermissions closed = permissions(List.of("release-managers"), List.of(), false);

    assertThat(closed.unverifiedStartRefusal("runbook 'analyzer-canary'", canary)).hasValueSatisfying(reason ->
        assertThat(reason).contains("greenlight.security.allow-cluster-starts is false"));
    assertThat(configured.unverifiedStartRefusal("runbook 'analyzer-canary'", canary)).isEmpty();
  }

  private static RolloutPermissions permissions(List<String> rolloutRoles, List<String> authorRoles,
      boolean openToTheCluster) {
    return new RolloutPermissions(new GreenlightSecurityProperties(null, null, null, rolloutRoles, authorRoles, null,
        openToTheCluster), new RunbookProperties(null, true));
  }
}
