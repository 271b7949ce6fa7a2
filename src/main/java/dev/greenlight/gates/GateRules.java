package dev.greenlight.gates;

import dev.greenlight.spec.MetricSource;
import dev.greenlight.spec.MetricSource.Unit;
import dev.greenlight.spec.RollbackTrigger;
import dev.greenlight.spec.RunbookSpec;
import dev.greenlight.spec.Stage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a stage's gate is held to.
 *
 * @param stage the stage being watched (thresholds, failure limit, inconclusive policy, readings needed)
 * @param triggers the runbook's rollback triggers, checked at every reading
 * @param consecutiveErrorLimit readings without a number in a row tolerated; 0 or less means the default
 * @param units each query's unit, so that messages speak the runbook's units; a query without one reads as a number
 */
public record GateRules(Stage stage, List<RollbackTrigger> triggers, int consecutiveErrorLimit, Map<String, Unit> units) {

  public GateRules {
    triggers = triggers == null ? List.of() : triggers;
    units = units == null ? Map.of() : units;
  }

  public static GateRules of(RunbookSpec runbook, Stage stage) {
    MetricSource source = runbook.metrics();
    Map<String, Unit> units = new LinkedHashMap<>();
    if (source != null && source.queries() != null) {
      source.queries().forEach((name, query) -> {
        if (query.unit() != null) {
          units.put(name, query.unit());
        }
      });
    }
    CompareInputs.NAMES.forEach(input -> units.put(input, Unit.COUNT));
    return new GateRules(stage, runbook.rollbackTriggers(), source == null ? 0 : source.consecutiveErrorLimit(), units);
  }

  Unit unitOf(String query) {
    return units.get(query);
  }
}
