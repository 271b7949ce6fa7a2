package dev.greenlight.engine;

/** Where the Zeebe engine runs. */
public enum EngineMode {
  /** The in-memory Zeebe engine inside this JVM: no outside services, state lost on exit, clock can be advanced. */
  EMBEDDED,
  /** A Camunda 8.8 cluster (Self-Managed or SaaS), reached with the {@code camunda.client.*} properties. */
  REMOTE
}
