package dev.greenlight.integrations.flags;

import com.fasterxml.jackson.databind.JsonNode;
import dev.greenlight.integrations.ChangeNotAppliedException;
import dev.greenlight.spec.FlagTarget;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.springframework.stereotype.Component;

/**
 * Sets flags by the runbook's logical names: translates them through {@code flags.names}, remembers the previous
 * values, writes, and reads back to confirm the store now holds what was asked for.
 */
@Component
public class FeatureFlags {

  private final FlagStores stores;
  private final Clock clock;

  public FeatureFlags(FlagStores stores, Clock clock) {
    this.stores = stores;
    this.clock = clock;
  }

  /**
   * @param wanted logical flag name → value (JSON null removes the flag)
   * @throws ChangeNotAppliedException when a flag does not read back as set
   */
  public FlagChange set(FlagTarget target, Map<String, JsonNode> wanted) {
    if (wanted == null || wanted.isEmpty()) {
      // a stage that sets no flags (its flags are optional) keeps the store as it is
      return new FlagChange(Map.of(), Map.of(), clock.instant());
    }
    Map<String, String> realNames = realNames(target, wanted.keySet());
    Map<String, JsonNode> byRealName = new LinkedHashMap<>();
    wanted.forEach((logical, value) -> byRealName.put(realNames.get(logical), value));

    FlagStore store = stores.forTarget(target);
    Map<String, JsonNode> before = store.read(byRealName.keySet());
    store.write(byRealName);
    Map<String, JsonNode> after = store.read(byRealName.keySet());

    List<String> mismatches = new ArrayList<>();
    Map<String, JsonNode> values = new LinkedHashMap<>();
    Map<String, JsonNode> previous = new LinkedHashMap<>();
    wanted.forEach((logical, value) -> {
      String real = realNames.get(logical);
      JsonNode readBack = after.get(real);
      if (!sameValue(value, readBack)) {
        mismatches.add(logical + " (" + real + ") reads back as " + readBack + ", expected " + value);
      }
      values.put(logical, readBack);
      previous.put(logical, before.get(real));
    });
    if (!mismatches.isEmpty()) {
      throw new ChangeNotAppliedException("Flag change not applied by the " + target.provider() + " flag store: "
          + String.join("; ", mismatches));
    }
    return new FlagChange(values, previous, clock.instant());
  }

  private static Map<String, String> realNames(FlagTarget target, Iterable<String> logicalNames) {
    Map<String, String> names = target.names() == null ? Map.of() : target.names();
    Map<String, String> realNames = new LinkedHashMap<>();
    for (String logical : logicalNames) {
      String real = names.get(logical);
      if (real == null || real.isBlank()) {
        throw new IllegalArgumentException("Unknown flag '" + logical + "': the runbook's flags.names defines "
            + new TreeSet<>(names.keySet()) + "; use one of those or add it to flags.names");
      }
      realNames.put(logical, real);
    }
    return realNames;
  }

  /** Text stores (env files) give back every value as text, so {@code true} and {@code "true"} are the same there. */
  private static boolean sameValue(JsonNode wanted, JsonNode readBack) {
    if (readBack == null) {
      return false;
    }
    if (wanted.equals(readBack)) {
      return true;
    }
    return readBack.isTextual() && wanted.isValueNode() && !wanted.isNull() && wanted.asText().equals(readBack.asText());
  }
}
