package dev.greenlight.spec;

import dev.greenlight.promql.PromQlQuery;
import dev.greenlight.spec.MetricSource.Query;
import dev.greenlight.spec.MetricSource.Unit;
import dev.greenlight.spec.RollbackTrigger.RollbackAction;
import dev.greenlight.spec.Stage.BreachAction;
import dev.greenlight.spec.Threshold.Suffix;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rules that span fields of a bound spec: references between sections, and what a strategy asks beyond the
 * sections and fields it requires (those are in {@link RunbookSchema}). Parts the schema rejected are absent here.
 */
final class SpecRules {

  /** Where a blue-green runbook writes the side: smoke check URLs, the Kubernetes Deployment's name. */
  private static final String SIDE = "{{side}}";

  private final RunbookSpec spec;
  private final List<SpecError> errors;

  private SpecRules(RunbookSpec spec, List<SpecError> errors) {
    this.spec = spec;
    this.errors = errors;
  }

  static void check(RunbookSpec spec, List<SpecError> errors) {
    new SpecRules(spec, errors).check();
  }

  private void check() {
    checkQueries();
    checkStages();
    checkRollbackTriggers();
    checkApprovals();
    checkMetrics();
    checkRelease();
    if (spec.strategy() == Strategy.FEATURE_FLAG) {
      checkDarkLaunchFlags();
    }
    if (spec.strategy() == Strategy.CANARY || spec.strategy() == Strategy.STAGED_FLAGS) {
      checkWeightsIncrease();
    }
    if (spec.strategy() == Strategy.BLUE_GREEN) {
      checkBlueGreenStages();
      checkSideBoundRelease();
    } else {
      checkNoSidePlaceholder();
    }
  }

  /**
   * Blue-green: the stages at weight 0 check the idle side before any traffic moves to it, those at weight 100 watch it
   * after the switch, so the checks come first and at least one watch follows; a breach switches back at once.
   */
  private void checkBlueGreenStages() {
    boolean watched = false;
    for (int i = 0; i < stages().size(); i++) {
      Stage stage = stages().get(i);
      if (stage == null || stage.weight() == null) {
        continue;
      }
      if (stage.weight() == 100) {
        watched = true;
      } else if (stage.weight() == 0 && watched) {
        error("stages[" + i + "].weight", "stage " + stage.name() + " checks the idle side before the switch (weight"
            + " 0), but an earlier stage already watches after it (weight 100): put the checks before the watches");
      }
      if (stage.onBreach() == BreachAction.INVESTIGATE) {
        error("stages[" + i + "].onBreach", "a blue-green stage that breaches switches back at once (seed 002's"
            + " instant rollback); remove onBreach: investigate");
      }
    }
    if (!watched && stages().stream().allMatch(stage -> stage != null && stage.weight() != null)) {
      error("stages", "the blue-green strategy watches the new side after the switch: add a stage with weight 100");
    }
  }

  /** Blue-green: one Deployment per side, named with {{side}}; one Deployment would be the live and the idle side. */
  private void checkSideBoundRelease() {
    ReleaseTarget release = spec.release();
    if (release != null && release.provider() == ReleaseTarget.ReleaseProvider.KUBERNETES
        && release.kubernetes() != null && release.kubernetes().deployment() != null
        && !release.kubernetes().deployment().contains(SIDE)) {
      error("release.kubernetes.deployment", "'" + release.kubernetes().deployment() + "' names one Deployment, but a"
          + " blue-green release rolls the idle side's: name them with " + SIDE + ", e.g. "
          + release.kubernetes().deployment().replaceAll("-(blue|green)$", "") + "-" + SIDE);
    }
  }

  /** {{side}} names the side a blue-green release deploys to and checks; other strategies have none. */
  private void checkNoSidePlaceholder() {
    if (spec.smokeTests() != null && spec.smokeTests().checks() != null) {
      for (int i = 0; i < spec.smokeTests().checks().size(); i++) {
        SmokeTests.Check check = spec.smokeTests().checks().get(i);
        if (check != null && check.url() != null && check.url().contains(SIDE)) {
          error("smokeTests.checks[" + i + "].url", SIDE + " is the side a blue-green release checks; only that"
              + " strategy has sides: write the URL out");
        }
      }
    }
    ReleaseTarget release = spec.release();
    if (release != null && release.kubernetes() != null && release.kubernetes().deployment() != null
        && release.kubernetes().deployment().contains(SIDE)) {
      error("release.kubernetes.deployment", SIDE + " is the side a blue-green release deploys to; only that"
          + " strategy has sides: name the Deployment");
    }
  }

  /**
   * A blue-green stage at weight 0 checks the idle side, where the new version runs with no users yet: a query that
   * selects the new version is what it should measure.
   */
  private boolean blueGreen() {
    return spec.strategy() == Strategy.BLUE_GREEN;
  }

  private List<Stage> stages() {
    return spec.stages() == null ? List.of() : spec.stages();
  }

  private void checkStages() {
    Set<String> names = new HashSet<>();
    for (int i = 0; i < stages().size(); i++) {
      Stage stage = stages().get(i);
      if (stage == null) {
        continue;
      }
      String path = "stages[" + i + "]";
      if (stage.name() != null && !names.add(stage.name())) {
        error(path + ".name", "'" + stage.name() + "' is used by an earlier stage; stage names must be unique");
      }
      checkThresholds(path + ".thresholds", stage.thresholds());
      checkReadingsFit(path, stage);
      if (Integer.valueOf(0).equals(stage.weight()) && stage.thresholds() != null && !blueGreen()) {
        stage.thresholds().keySet().forEach(name -> checkSeesTrafficAtWeight0(path + ".thresholds." + name, name,
            "stage " + stage.name() + " is at weight 0"));
      }
      if (stage.breachTolerance() != null && stage.onBreach() != BreachAction.INVESTIGATE) {
        error(path + ".breachTolerance", "only applies to onBreach: investigate; a rollback stage breaches at once");
      }
      checkBreachAction(path + ".onBreach", stage.onBreach(), i);
      if (stage.flags() != null) {
        stage.flags().keySet().forEach(flag -> checkLogicalFlag(path + ".flags." + flag, flag));
      }
    }
  }

  /**
   * The feature-flag process asks at once ({@code ask}), in compare mode; the others ask once a breach has lasted
   * ({@code investigate}).
   */
  private void checkBreachAction(String path, BreachAction action, int position) {
    if (spec.strategy() == Strategy.FEATURE_FLAG && action == BreachAction.INVESTIGATE) {
      error(path, "the feature-flag strategy asks its deciders at once with onBreach: ask, or rolls back (rollback)");
    } else if (spec.strategy() == Strategy.FEATURE_FLAG && action == BreachAction.ASK && position != 1) {
      error(path, "only compare mode (stages[1]) asks its deciders; the dark-launch and switch watches roll back at"
          + " once");
    } else if (spec.strategy() != null && spec.strategy() != Strategy.FEATURE_FLAG && action == BreachAction.ASK) {
      error(path, "ask is for feature-flag stages; a " + spec.strategy().specName() + " stage asks a person with"
          + " onBreach: investigate");
    }
  }

  /**
   * Readings come {@code initialDelay} after the stage starts, then every {@code interval} counted from the end of the
   * previous one, so they drift later by the time each takes. The {@code minMeasurements} a stage needs must be due an
   * interval before its {@code duration} ends: one reading may come late, or without a number, and the stage can
   * still pass.
   */
  private void checkReadingsFit(String path, Stage stage) {
    if (stage.duration() == null || stage.interval() == null || stage.initialDelay() == null) {
      return;
    }
    if (stage.initialDelay().compareTo(stage.duration()) >= 0) {
      error(path + ".initialDelay", stage.initialDelay() + " is not shorter than the stage's duration "
          + stage.duration() + ", so no reading would be taken before the stage ends");
      return;
    }
    long fit = stage.duration().minus(stage.initialDelay()).toNanos() / stage.interval().toNanos();
    if (fit < stage.minMeasurements()) {
      error(path + ".minMeasurements", stage.minMeasurements() + " readings do not fit the stage with one to spare:"
          + " the first comes " + stage.initialDelay() + " after it starts (initialDelay), then one every "
          + stage.interval() + " (interval), and the stage ends after " + stage.duration() + " (duration), which"
          + " leaves room for " + fit + "; lower minMeasurements, shorten initialDelay or interval, or lengthen"
          + " duration");
    }
  }

  /** Prometheus queries are checked as PromQL here, not at a rollout's first reading. */
  private void checkQueries() {
    if (spec.metrics() == null || spec.metrics().provider() != MetricSource.MetricProvider.PROMETHEUS) {
      return;
    }
    spec.metrics().queries().forEach((name, query) -> {
      if (query != null && query.query() != null) {
        PromQlQuery.of(query.query()).problems().forEach(problem -> error("metrics.queries." + name + ".query",
            problem));
      }
    });
  }

  /**
   * At weight 0 no traffic reaches the new version, so a query that selects only it ({@code version="{{version}}"})
   * reads no series, or NaN, at every reading: the stage could never pass.
   */
  private void checkSeesTrafficAtWeight0(String path, String queryName, String why) {
    if (spec.metrics() == null || spec.metrics().provider() != MetricSource.MetricProvider.PROMETHEUS) {
      return;
    }
    Query query = spec.metrics().queries().get(queryName);
    if (query == null || query.query() == null) {
      return;
    }
    PromQlQuery promQl = PromQlQuery.of(query.query());
    if (promQl.problems().isEmpty() && promQl.selectsOnly("version")) {
      error(path, why + ", so no traffic reaches the new version and " + queryName + " (which selects "
          + promQl.selectorOf("version") + ") reads no data at every reading; measure the stable side here (a query"
          + " without that matcher) or give the stage a weight above 0");
    }
  }

  private void checkRollbackTriggers() {
    String stageAtWeight0 = blueGreen() ? null : stages().stream()
        .filter(stage -> stage != null && Integer.valueOf(0).equals(stage.weight()))
        .map(Stage::name).findFirst().orElse(null);
    for (int i = 0; i < spec.rollbackTriggers().size(); i++) {
      RollbackTrigger trigger = spec.rollbackTriggers().get(i);
      if (trigger == null) {
        continue;
      }
      String path = "rollbackTriggers[" + i + "]";
      checkThresholds(path + ".when", trigger.when());
      if (stageAtWeight0 != null && trigger.when() != null) {
        trigger.when().keySet().forEach(name -> checkSeesTrafficAtWeight0(path + ".when." + name, name,
            "rollback triggers are checked in every stage and stage " + stageAtWeight0 + " is at weight 0"));
      }
      if (trigger.action() == RollbackAction.PARTIAL && trigger.disableFlag() != null) {
        checkLogicalFlag(path + ".disableFlag", trigger.disableFlag());
      } else if (trigger.disableFlag() != null && trigger.action() != null) {
        error(path + ".disableFlag", "only a partial rollback turns off a single flag; use action partial or remove"
            + " disableFlag");
      }
    }
  }

  private void checkThresholds(String path, Map<String, Threshold> thresholds) {
    if (spec.metrics() == null) {
      return;
    }
    Map<String, Query> queries = spec.metrics().queries();
    if (thresholds == null) {
      return;
    }
    thresholds.forEach((name, threshold) -> {
      Query query = queries.get(name);
      if (Reports.isCompareInput(name)) {
        checkCompareInput(path + "." + name, name, threshold);
      } else if (query == null) {
        error(path + "." + name, "no query '" + name + "' in metrics.queries; defined: "
            + (queries.isEmpty() ? "none" : String.join(", ", queries.keySet())));
      } else if (query.unit() != null) {
        checkUnit(path + "." + name, name, query.unit(), threshold);
      }
    });
  }

  /** The compare mode's counts come from the service's compare statistics, not from a metric query. */
  private void checkCompareInput(String path, String name, Threshold threshold) {
    if (spec.reports() == null || spec.reports().compareStatsUrl() == null) {
      error(path, name + " is read from the service's compare statistics; set reports.compareStatsUrl");
    }
    checkUnit(path, name, Unit.COUNT, threshold);
  }

  private void checkUnit(String path, String name, Unit unit, Threshold threshold) {
    switch (unit) {
      case RATIO -> {
        if (threshold.suffix() == Suffix.DURATION) {
          error(path, name + " is a ratio; write the limit as a percentage such as \"< 1%\"");
        } else if (threshold.value() > 1) {
          error(path, "must be between 0 and 1 (" + name + " is a ratio; '" + threshold.text() + "' is "
              + threshold.value() + ")");
        }
      }
      case SECONDS -> {
        if (threshold.suffix() == Suffix.PERCENT) {
          error(path, name + " is measured in seconds; write the limit in ms or s, such as \"< 200ms\"");
        }
      }
      case COUNT -> {
        if (threshold.suffix() != Suffix.NONE) {
          error(path, name + " is a count; write the limit as a plain number, such as \"<= 0\"");
        }
      }
    }
  }

  private void checkLogicalFlag(String path, String flag) {
    if (spec.flags() == null) {
      error(path, "names a flag, but the runbook has no flags section");
    } else if (spec.flags().names() != null && !spec.flags().names().containsKey(flag)) {
      error(path, "unknown logical flag '" + flag + "'; flags.names defines: "
          + String.join(", ", spec.flags().names().keySet()));
    }
  }

  private void checkApprovals() {
    Approvals approvals = spec.approvals();
    if (approvals == null) {
      return;
    }
    Set<String> roles = new HashSet<>();
    for (int i = 0; i < approvals.signoffs().size(); i++) {
      Approvals.Signoff signoff = approvals.signoffs().get(i);
      String role = signoff == null ? null : signoff.role();
      if (role != null && !roles.add(role)) {
        error("approvals.signoffs[" + i + "].role", "'" + role + "' is listed twice");
      }
    }
    if (approvals.remindAfter() != null && approvals.escalateAfter() != null
        && approvals.escalateAfter().compareTo(approvals.remindAfter()) <= 0) {
      error("approvals.escalateAfter", "must be later than remindAfter (" + approvals.remindAfter() + ")");
    }
  }

  private void checkMetrics() {
    MetricSource metrics = spec.metrics();
    if (metrics == null) {
      return;
    }
    if (metrics.queries() != null) {
      metrics.queries().keySet().stream().filter(Reports::isCompareInput).forEach(name -> error("metrics.queries."
          + name, name + " is the compare mode's count from reports.compareStatsUrl; give this query another name"));
    }
    if ((metrics.usernameSecret() == null) != (metrics.passwordSecret() == null)) {
      error(metrics.usernameSecret() == null ? "metrics.usernameSecret" : "metrics.passwordSecret",
          "basic auth needs both usernameSecret and passwordSecret");
    }
  }

  private void checkRelease() {
    ReleaseTarget release = spec.release();
    if (release != null && release.deadline() != null
        && release.deadline().compareTo(ReleaseTarget.LONGEST_DEADLINE) > 0) {
      error("release.deadline", "must be at most " + ReleaseTarget.LONGEST_DEADLINE + ", not " + release.deadline()
          + ": a release job waits no longer for a version to go live");
    }
  }

  /** The feature-flag process sets the flags of each phase itself; its first phase runs with every flag off. */
  private void checkDarkLaunchFlags() {
    Stage darkLaunch = stages().isEmpty() ? null : stages().getFirst();
    if (darkLaunch != null && darkLaunch.flags() != null) {
      darkLaunch.flags().forEach((flag, value) -> {
        if (!Boolean.FALSE.equals(value)) {
          error("stages[0].flags." + flag, "the dark-launch watch runs with every flag off; set " + flag
              + ": false or leave it out");
        }
      });
    }
  }

  private void checkWeightsIncrease() {
    Integer previous = null;
    for (int i = 0; i < stages().size(); i++) {
      Stage stage = stages().get(i);
      if (stage == null || stage.weight() == null) {
        continue;
      }
      String path = "stages[" + i + "].weight";
      if (previous != null && stage.weight() <= previous) {
        error(path, stage.weight() + " must be higher than the previous stage's " + previous
            + "; weights increase stage by stage");
      }
      previous = stage.weight();
    }
  }

  private void error(String path, String message) {
    errors.add(new SpecError(path, message));
  }
}
