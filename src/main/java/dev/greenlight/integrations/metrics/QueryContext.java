package dev.greenlight.integrations.metrics;

/**
 * The rollout a query measures; its values replace {@code {{service}}}, {@code {{version}}} and {@code {{rolloutId}}}.
 *
 * @param service the service being rolled out
 * @param version the version being rolled out
 * @param rolloutId Greenlight's id of the rollout
 */
public record QueryContext(String service, String version, String rolloutId) {

  /** The value of a placeholder name, or fails naming the placeholders there are. */
  public String valueOf(String placeholder, String queryName) {
    String value = switch (placeholder) {
      case "service" -> service;
      case "version" -> version;
      case "rolloutId" -> rolloutId;
      default -> throw new IllegalArgumentException("query '" + queryName + "' uses {{" + placeholder
          + "}}; the placeholders are {{service}}, {{version}} and {{rolloutId}}");
    };
    if (value == null) {
      throw new IllegalArgumentException("query '" + queryName + "' uses {{" + placeholder
          + "}} but the rollout has no " + placeholder);
    }
    return value;
  }
}
