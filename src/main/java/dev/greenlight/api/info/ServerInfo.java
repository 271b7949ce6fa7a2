package dev.greenlight.api.info;

import dev.greenlight.licence.EngineLicence;

/**
 * {@code GET /api/info}: which Greenlight this is and the engine it runs on.
 *
 * @param greenlightVersion the build's version; null when run from classes Maven did not build
 * @param engine the engine
 */
public record ServerInfo(String greenlightVersion, Engine engine) {

  /**
   * @param mode {@code embedded} or {@code remote}
   * @param version the version the engine's gateway reports; null when it did not answer
   * @param licence what the engine is licensed for
   */
  public record Engine(String mode, String version, EngineLicence licence) {}
}
