package dev.greenlight.integrations.release;

/** What a release job asks of the platform; {@link #wireName()} is how it is spelled in payloads and results. */
public enum ReleaseAction {
  DEPLOY, REVERT, RESTART, SCALE;

  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
