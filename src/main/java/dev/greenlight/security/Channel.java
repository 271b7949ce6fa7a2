package dev.greenlight.security;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * Where a start, abort, retry or decision came from, as the rollout's record and the log name it. The CLI announces
 * itself with the {@value #CLIENT_HEADER} header; that is the client's own claim, good for telling people where an
 * action came from, never for deciding what a caller may do (roles do that).
 */
public enum Channel {
  /** The REST API, by any client that does not say it is the CLI. */
  API,
  /** {@code greenlight start|abort|approve|reject|retry}. */
  CLI,
  /** On the Camunda cluster outside Greenlight: Tasklist's start or task form, or another client of the cluster. */
  TASKLIST;

  public static final String CLIENT_HEADER = "X-Greenlight-Client";
  /** The value the CLI sends in {@value #CLIENT_HEADER}. */
  public static final String CLI_CLIENT = "greenlight-cli";

  /** The channel of a request to the REST API, by its {@value #CLIENT_HEADER} header (null when absent). */
  public static Channel ofClientHeader(String header) {
    return header != null && header.startsWith(CLI_CLIENT) ? CLI : API;
  }

  @JsonValue
  public String specName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
