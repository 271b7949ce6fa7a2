package dev.greenlight.spec;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Map;

/**
 * A red flag checked at every measurement of every stage (seed 000's error rate > 1 %, p95 > 2 s, match accuracy
 * < 80 %; seed 004's triggers), mapped to the rollback it causes.
 *
 * @param name shown to people, e.g. high-error-rate
 * @param when query name → condition written as the red flag itself, e.g. {@code errorRate: "> 1%"}; the trigger fires
 *     when any condition holds (a measurement without a number never fires it)
 * @param action quick (all flags off), partial (one feature off) or full (traffic back, flags off, previous version,
 *     migrations rolled back; the data is kept)
 * @param disableFlag partial: the logical flag to turn off
 */
public record RollbackTrigger(String name, Map<String, Threshold> when, RollbackAction action, String disableFlag) {

  public enum RollbackAction {
    QUICK, PARTIAL, FULL;

    @JsonValue
    public String specName() {
      return SpecNames.of(this);
    }
  }
}
