package dev.greenlight.bench;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The {@code key=value} options after the benchmark's name; an unknown or malformed one stops the run. */
final class BenchmarkOptions {

  private final Map<String, String> values;
  private final Map<String, String> used = new LinkedHashMap<>();

  private BenchmarkOptions(Map<String, String> values) {
    this.values = values;
  }

  static BenchmarkOptions parse(List<String> arguments) {
    Map<String, String> values = new LinkedHashMap<>();
    for (String argument : arguments) {
      int equals = argument.indexOf('=');
      if (equals <= 0) {
        throw new IllegalArgumentException("Benchmark option '" + argument + "' is not key=value, e.g. runs=20");
      }
      values.put(argument.substring(0, equals), argument.substring(equals + 1));
    }
    return new BenchmarkOptions(values);
  }

  int integer(String key, int defaultValue) {
    String value = take(key, String.valueOf(defaultValue));
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("Benchmark option " + key + "=" + value + " is not a whole number", e);
    }
  }

  List<Integer> integers(String key, List<Integer> defaultValues) {
    String value = take(key, String.join(",", defaultValues.stream().map(String::valueOf).toList()));
    try {
      return List.of(value.split(",")).stream().map(String::trim).map(Integer::parseInt).toList();
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("Benchmark option " + key + "=" + value + " is not a list like 100,500", e);
    }
  }

  String text(String key, String defaultValue) {
    return take(key, defaultValue);
  }

  Duration duration(String key, Duration defaultValue) {
    String value = take(key, defaultValue.toString());
    try {
      return Duration.parse(value);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("Benchmark option " + key + "=" + value + " is not an ISO-8601 duration like PT10S", e);
    }
  }

  /** The options the run used, defaults included, for the report. */
  Map<String, String> used() {
    return Map.copyOf(used);
  }

  /** Fails on options no benchmark asked for: a typo must not silently run the defaults. */
  void requireAllUsed() {
    var unknown = values.keySet().stream().filter(key -> !used.containsKey(key)).toList();
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException("Unknown benchmark options " + unknown + "; this benchmark reads " + used.keySet());
    }
  }

  private String take(String key, String defaultValue) {
    String value = values.getOrDefault(key, defaultValue);
    used.put(key, value);
    return value;
  }
}
