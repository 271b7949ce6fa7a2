package dev.greenlight.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Greenlight replaces the embedded engine's state transaction (its iterations no longer copy the whole state): the
 * replacement must be the class loaded, and it was written for one version of zeebe-process-test-engine. Upgrading
 * the engine fails here on purpose: compare the new version's {@code InMemoryDbTransaction} with Greenlight's before
 * changing the expected version.
 */
class EmbeddedEngineStateTest {

  static final String ENGINE_VERSION_WRITTEN_FOR = "zeebe-process-test-engine-8.8.21.jar";

  @Test
  void theStateTransactionIsGreenlightsAndTheEngineIsTheVersionItWasWrittenFor() throws Exception {
    String transaction = locationOf("io.camunda.zeebe.process.test.engine.db.InMemoryDbTransaction");
    String engine = locationOf("io.camunda.zeebe.process.test.engine.EngineFactory");

    assertThat(transaction).isEqualTo(locationOf(EmbeddedEngineConfiguration.class.getName()));
    assertThat(engine).endsWith(ENGINE_VERSION_WRITTEN_FOR);
  }

  private static String locationOf(String className) throws ClassNotFoundException {
    return Class.forName(className).getProtectionDomain().getCodeSource().getLocation().toString();
  }
}
