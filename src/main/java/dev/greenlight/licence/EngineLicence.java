package dev.greenlight.licence;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.greenlight.engine.EngineMode;
import dev.greenlight.engine.EngineProperties;
import dev.greenlight.spec.SpecNames;

/**
 * What the engine Greenlight runs on is licensed for, as the start-up log, {@code GET /api/info} and
 * {@code greenlight status} say it. The embedded engine's modules are under the Camunda License 1.0, which grants use
 * only in a non-production environment (docs/licences.md); nothing is ever blocked, Greenlight only says so.
 *
 * @param name the licence the engine is used under, or null in remote mode, where the cluster's own licence applies
 * @param scope what that licence covers here
 * @param notice one sentence for people: the licence, what it allows and what production use needs
 */
public record EngineLicence(String name, Scope scope, String notice) {

  private static final String CAMUNDA_LICENSE = "Camunda License 1.0";

  /** What the licence covers. */
  public enum Scope {
    /** The embedded engine without a Camunda licence: development, testing, staging, demonstration, evaluation. */
    NON_PRODUCTION,
    /** The embedded engine, and the operator says they hold a Camunda licence for it. */
    LICENSED,
    /** Remote mode: the Camunda 8 cluster's own licence (SaaS subscription or Self-Managed licence key) applies. */
    CLUSTER;

    @JsonValue
    public String specName() {
      return SpecNames.of(this);
    }
  }

  public static EngineLicence of(EngineProperties engine) {
    if (engine.mode() == EngineMode.REMOTE) {
      return new EngineLicence(null, Scope.CLUSTER, "Remote Camunda 8 cluster: the cluster's own licence applies"
          + " (Camunda SaaS, or Self-Managed with a licence key for production use).");
    }
    if (engine.embedded().licensed()) {
      return new EngineLicence(CAMUNDA_LICENSE, Scope.LICENSED, "Embedded Zeebe engine: licensed (the operator holds"
          + " a Camunda licence, " + EngineProperties.EMBEDDED_LICENSED + "=true).");
    }
    return new EngineLicence(CAMUNDA_LICENSE, Scope.NON_PRODUCTION, "Embedded Zeebe engine under the "
        + CAMUNDA_LICENSE + ": non-production use only (development, testing, staging, demonstration, evaluation)."
        + " For production, run in remote mode against a licensed Camunda 8 cluster, or obtain a Camunda licence for"
        + " the embedded engine and set " + EngineProperties.EMBEDDED_LICENSED + "=true.");
  }
}
