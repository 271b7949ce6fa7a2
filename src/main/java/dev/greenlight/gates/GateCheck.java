package dev.greenlight.gates;

import dev.greenlight.integrations.compare.CompareStatistics;
import dev.greenlight.integrations.compare.CompareStats;
import dev.greenlight.integrations.metrics.Measurement;
import dev.greenlight.integrations.metrics.MetricProvider;
import dev.greenlight.integrations.metrics.MetricProviders;
import dev.greenlight.integrations.metrics.QueryContext;
import dev.greenlight.spec.MetricSource;
import dev.greenlight.spec.RollbackTrigger;
import dev.greenlight.spec.RunbookSpec;
import dev.greenlight.spec.Stage;
import java.time.Clock;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.springframework.stereotype.Component;

/**
 * One reading of a stage: reads every query its thresholds and the rollback triggers name, in parallel, once each,
 * and the compare statistics once when they name {@link CompareInputs}, and hands the readings to
 * {@link GateEvaluator}. A spec that names a query it does not define fails before anything is measured.
 */
@Component
public class GateCheck {

  private final MetricProviders providers;
  private final CompareStatistics compareStatistics;
  private final Clock clock;

  public GateCheck(MetricProviders providers, CompareStatistics compareStatistics, Clock clock) {
    this.providers = providers;
    this.compareStatistics = compareStatistics;
    this.clock = clock;
  }

  public GateState check(RunbookSpec runbook, Stage stage, GateState previous, QueryContext context) {
    if (stage == null) {
      throw new IllegalArgumentException("no stage to measure: the process must set the variable 'stage'");
    }
    GateRules rules = GateRules.of(runbook, stage);
    Set<String> names = queryNames(stage, rules.triggers());
    List<String> compareInputs = CompareInputs.among(names);
    names.removeAll(compareInputs);
    CompletableFuture<CompareReading> compared = compareInputs.isEmpty() ? null
        : compare(CompareInputs.url(runbook), compareInputs);
    Map<String, Measurement> measurements = new LinkedHashMap<>(names.isEmpty() ? Map.of()
        : measure(runbook.metrics(), names, stage, context));
    CompareReading compareReading = compared == null ? null : compared.join();
    if (compareReading != null) {
      measurements.putAll(compareReading.measurements());
    }
    GateState state = GateEvaluator.evaluate(rules, measurements, previous, clock.instant());
    boolean compareFailed = compareInputs.stream().map(state.metrics()::get)
        .anyMatch(verdict -> verdict != null && verdict.verdict() == GateVerdict.FAIL);
    return compareFailed && compareReading.stats() != null
        ? state.withSamples(compareReading.stats().mismatches(CompareInputs.SAMPLES_KEPT)) : state;
  }

  /**
   * The compare inputs from the service's statistics, read beside the queries; statistics that cannot be read leave
   * them without a number, as an unreachable metric source does.
   */
  private CompletableFuture<CompareReading> compare(String url, List<String> inputs) {
    return CompletableFuture.supplyAsync(() -> {
      try {
        CompareStats stats = compareStatistics.read(url);
        return new CompareReading(stats, CompareInputs.measurements(inputs, stats));
      } catch (RuntimeException e) {
        return new CompareReading(null, CompareInputs.unread(inputs, e.getMessage()));
      }
    });
  }

  /** @param stats null when they could not be read */
  private record CompareReading(CompareStats stats, Map<String, Measurement> measurements) {}

  /** The stage's time is up: whether its readings are evidence enough to pass ({@link GateEvaluator#conclude}). */
  public GateState conclude(RunbookSpec runbook, Stage stage, GateState gate) {
    return GateEvaluator.conclude(GateRules.of(runbook, stage), gate, clock.instant());
  }

  private Map<String, Measurement> measure(MetricSource source, Set<String> names, Stage stage, QueryContext context) {
    Map<String, MetricSource.Query> queries = source == null || source.queries() == null ? Map.of() : source.queries();
    List<String> undefined = names.stream().filter(name -> !queries.containsKey(name)).toList();
    if (!undefined.isEmpty()) {
      throw new IllegalArgumentException("stage '" + stage.name() + "' and the rollback triggers measure " + undefined
          + ", which metrics.queries does not define (it defines " + queries.keySet() + ")");
    }
    return measure(source, names, context);
  }

  /**
   * Reads each named query of the source once, in parallel (reports measure every query the same way).
   *
   * @param names queries the source defines
   */
  public Map<String, Measurement> measure(MetricSource source, Collection<String> names, QueryContext context) {
    MetricProvider provider = providers.forSource(source);
    Map<String, CompletableFuture<Measurement>> running = new LinkedHashMap<>();
    names.forEach(name -> running.put(name, provider.measure(name, source.queries().get(name), context)));
    Map<String, Measurement> measurements = new LinkedHashMap<>();
    running.forEach((name, measurement) -> measurements.put(name, measurement.join()));
    return measurements;
  }

  private static Set<String> queryNames(Stage stage, List<RollbackTrigger> triggers) {
    Set<String> names = new LinkedHashSet<>();
    if (stage.thresholds() != null) {
      names.addAll(stage.thresholds().keySet());
    }
    triggers.stream().filter(trigger -> trigger.when() != null).forEach(trigger -> names.addAll(trigger.when().keySet()));
    return names;
  }
}
