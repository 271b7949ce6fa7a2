package dev.greenlight.spec;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Map;

/**
 * The feature-flag store.
 *
 * @param provider http (a flag admin API: JSON PUT per flag) or file (an env or JSON file the service reads)
 * @param url http: base URL of the flag API; a flag is at {@code {url}/{flagName}}
 * @param tokenSecret http: name of the secret with the bearer token, optional
 * @param file file: path of the flag file; {@code .json} is written as JSON, anything else as KEY=value lines
 * @param names the runbook's logical flag names mapped to the service's real ones, e.g.
 *     {@code useNewSystem: USE_ELEMENT_SYSTEM}, {@code compareMode: ELEMENT_SYSTEM_COMPARE_MODE}
 */
public record FlagTarget(FlagProvider provider, String url, String tokenSecret, String file, Map<String, String> names) {

  public enum FlagProvider {
    HTTP, FILE;

    @JsonValue
    public String specName() {
      return SpecNames.of(this);
    }
  }
}
