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

/** The rules that span fields of a bound spec: references between sections, and what each strategy needs. */
final class SpecRules {

  /** The logical flags the feature-flag process switches (seed 000's USE_ELEMENT_SYSTEM and compare mode). */
  static final List<String> FEATURE_FLAG_NAMES = List.of("useNewSystem", "compareMode");
  /** The feature-flag process watches its three phases as {@code runbook.stages[1]}, {@code [2]} and {@code [3]}. */
  static final List<String> FEATURE_FLAG_STAGES = List.of("the dark-launch watch", "compare mode", "the switch watch");

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
    if (spec.metrics() == null) {
      error("metrics", "required: stage thresholds refer to its queries");
    }
    checkQueries();
    checkStages();
    checkRollbackTriggers();
    checkApprovals();
    if (spec.strategy() != null) {
      checkStrategy();
    }
  }

  private void checkStages() {
    Set<String> names = new HashSet<>();
    for (int i = 0; i < spec.stages().size(); i++) {
      Stage stage = spec.stages().get(i);
      if (stage == null) {
        continue;
      }
      String path = "stages[" + i + "]";
      if (stage.name() != null && !names.add(stage.name())) {
        error(path + ".name", "'" + stage.name() + "' is used by an earlier stage; stage names must be unique");
      }
      checkThresholds(path + ".thresholds", stage.thresholds());
      checkReadingsFit(path, stage);
      if (Integer.valueOf(0).equals(stage.weight())) {
        stage.thresholds().keySet().forEach(name -> checkSeesTrafficAtWeight0(path + ".thresholds." + name, name,
            "stage " + stage.name() + " is at weight 0"));
      }
      if (stage.breachTolerance() != null && stage.onBreach() != BreachAction.INVESTIGATE) {
        error(path + ".breachTolerance", "only applies to onBreach: investigate; a rollback stage breaches at once");
      }
      if (stage.flags() != null) {
        stage.flags().keySet().forEach(flag -> checkLogicalFlag(path + ".flags." + flag, flag));
      }
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
      if (query.query() != null) {
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
    String stageAtWeight0 = spec.stages().stream()
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
      if (trigger.action() == RollbackAction.PARTIAL) {
        if (trigger.disableFlag() == null) {
          error(path + ".disableFlag", "a partial rollback needs the logical flag it turns off");
        } else {
          checkLogicalFlag(path + ".disableFlag", trigger.disableFlag());
        }
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
    thresholds.forEach((name, threshold) -> {
      Query query = queries.get(name);
      if (query == null) {
        error(path + "." + name, "no query '" + name + "' in metrics.queries; defined: "
            + (queries.isEmpty() ? "none" : String.join(", ", queries.keySet())));
      } else if (query.unit() != null) {
        checkUnit(path + "." + name, name, query.unit(), threshold);
      }
    });
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
    } else if (!spec.flags().names().containsKey(flag)) {
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
      String role = approvals.signoffs().get(i).role();
      if (role != null && !roles.add(role)) {
        error("approvals.signoffs[" + i + "].role", "'" + role + "' is listed twice");
      }
    }
    if (approvals.remindAfter() != null && approvals.escalateAfter() != null
        && approvals.escalateAfter().compareTo(approvals.remindAfter()) <= 0) {
      error("approvals.escalateAfter", "must be later than remindAfter (" + approvals.remindAfter() + ")");
    }
  }

  private void checkStrategy() {
    String strategy = spec.strategy().specName();
    switch (spec.strategy()) {
      case FEATURE_FLAG -> {
        if (spec.flags() == null) {
          error("flags", "required by the feature-flag strategy, with names for " + String.join(" and ",
              FEATURE_FLAG_NAMES));
        } else {
          FEATURE_FLAG_NAMES.stream().filter(name -> !spec.flags().names().containsKey(name)).forEach(name ->
              error("flags.names", "the feature-flag strategy needs a flag named " + name));
        }
        if (spec.reports() == null) {
          error("reports", "required by the feature-flag strategy: the daily compare report reads"
              + " reports.compareStatsUrl");
        }
        checkFeatureFlagStages();
      }
      case CANARY -> {
        requireSection(spec.traffic(), "traffic", strategy, "it shifts traffic between the versions");
        checkWeights(strategy, "percent of traffic");
      }
      case BLUE_GREEN -> {
        requireSection(spec.traffic(), "traffic", strategy, "it switches traffic from blue to green");
        requireSection(spec.release(), "release", strategy, "it deploys the new version to green");
        if (spec.approvals() == null || spec.approvals().signoffs().isEmpty()) {
          error("approvals.signoffs", "the blue-green strategy needs the roles that sign off before the release");
        }
      }
      case STAGED_FLAGS -> {
        requireSection(spec.flags(), "flags", strategy, "it raises flag percentages stage by stage");
        checkWeights(strategy, "percent of users");
      }
    }
  }

  /** The process refers to the stages by position: dark-launch watch, compare mode, switch watch. */
  private void checkFeatureFlagStages() {
    List<Stage> stages = spec.stages();
    if (stages.isEmpty()) {
      return;
    }
    if (stages.size() != FEATURE_FLAG_STAGES.size()) {
      error("stages", "the feature-flag strategy needs exactly three stages, in this order: the dark-launch watch"
          + " (every flag off), compare mode and the switch watch; this runbook has " + stages.size());
      return;
    }
    for (int i = 0; i < stages.size(); i++) {
      if (stages.get(i) != null && stages.get(i).duration() == null) {
        error("stages[" + i + "].duration", "required by the feature-flag strategy: the process moves on when "
            + FEATURE_FLAG_STAGES.get(i) + " has been watched this long");
      }
    }
    Stage darkLaunch = stages.get(0);
    if (darkLaunch != null && darkLaunch.flags() != null) {
      darkLaunch.flags().forEach((flag, value) -> {
        if (!Boolean.FALSE.equals(value)) {
          error("stages[0].flags." + flag, "the dark-launch watch runs with every flag off; set " + flag
              + ": false or leave it out");
        }
      });
    }
    requireReportEvery(1, "compare mode writes its report on this cycle, e.g. P1D");
    requireReportEvery(2, "the switch watch runs the smoke tests on this cycle, e.g. PT1H");
  }

  private void requireReportEvery(int index, String why) {
    Stage stage = spec.stages().get(index);
    if (stage != null && stage.reportEvery() == null) {
      error("stages[" + index + "].reportEvery", "required by the feature-flag strategy: " + why);
    }
  }

  private void requireSection(Object section, String path, String strategy, String why) {
    if (section == null) {
      error(path, "required by the " + strategy + " strategy: " + why);
    }
  }

  private void checkWeights(String strategy, String meaning) {
    Integer previous = null;
    for (int i = 0; i < spec.stages().size(); i++) {
      Stage stage = spec.stages().get(i);
      if (stage == null) {
        continue;
      }
      String path = "stages[" + i + "].weight";
      if (stage.weight() == null) {
        error(path, "required by the " + strategy + " strategy: " + meaning + " on the new version, 0 to 100");
        continue;
      }
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
