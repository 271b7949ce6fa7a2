package dev.greenlight.gates;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What one measurement says about a metric or a whole gate; written in lower case in process variables. */
public enum GateVerdict {
  PASS, FAIL, INCONCLUSIVE;

  @JsonValue
  public String json() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  public static GateVerdict fromJson(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }
}
