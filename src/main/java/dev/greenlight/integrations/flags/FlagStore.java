package dev.greenlight.integrations.flags;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Set;

/** A feature-flag store, addressed by the service's real flag names. One implementation per provider. */
public interface FlagStore {

  /** The current value of each named flag; a flag that is not set reads as JSON null. */
  Map<String, JsonNode> read(Set<String> names);

  /** Sets the given flags and leaves all others as they are; a JSON null value removes the flag. */
  void write(Map<String, JsonNode> values);
}
