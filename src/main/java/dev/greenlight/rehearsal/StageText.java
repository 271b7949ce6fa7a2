package dev.greenlight.rehearsal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.greenlight.spec.RunbookSpec;
import dev.greenlight.spec.Stage;
import dev.greenlight.spec.Strategy;
import dev.greenlight.spec.Threshold;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** How the timeline tells a stage and its gate's readings, in the runbook's own units. */
final class StageText {

  private StageText() {}

  /** {@code canary: 10 % of traffic for 2h, a gate every 1m (errorRate < 1%, latencyP99 < 200ms)}. */
  static String describe(RunbookSpec runbook, Stage stage) {
    StringBuilder text = new StringBuilder(stage.name()).append(": ");
    if (stage.weight() != null) {
      text.append(stage.weight()).append(runbook.strategy() == Strategy.STAGED_FLAGS ? " % of users" : " % of traffic")
          .append(' ');
    }
    text.append("for ").append(HumanTime.span(stage.duration())).append(", a gate every ")
        .append(HumanTime.span(stage.interval()));
    Map<String, Threshold> thresholds = stage.thresholds() == null ? Map.of() : stage.thresholds();
    List<String> limits = new ArrayList<>();
    thresholds.forEach((query, threshold) -> limits.add(query + " " + threshold.text()));
    if (!limits.isEmpty()) {
      text.append(" (").append(String.join(", ", limits)).append(')');
    }
    return text.toString();
  }

  /** A gate's readings: {@code errorRate 0.5 % (< 1%), latencyP99 100 ms (< 200ms)}. */
  static String readings(JsonNode metrics) {
    List<String> readings = new ArrayList<>();
    metrics.fields().forEachRemaining(metric -> {
      JsonNode verdict = metric.getValue();
      String limit = verdict.path("limit").asText("");
      String value = verdict.path("value").isNumber()
          ? inUnitOf(verdict.path("value").asDouble(), limit)
          : "no reading (" + verdict.path("reason").asText() + ")";
      readings.add(metric.getKey() + " " + value + (limit.isEmpty() ? "" : " (" + limit + ")"));
    });
    return String.join(", ", readings);
  }

  /** A base-unit value as its threshold is written: a ratio in %, seconds in ms or s. */
  static String inUnitOf(double value, String limit) {
    if (limit.endsWith("%")) {
      return number(value * 100) + " %";
    }
    if (limit.endsWith("ms")) {
      return number(value * 1000) + " ms";
    }
    return limit.endsWith("s") ? number(value) + " s" : number(value);
  }

  private static String number(double value) {
    return BigDecimal.valueOf(value).round(new MathContext(3)).stripTrailingZeros().toPlainString();
  }
}
