package dev.greenlight.engine.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.zeebe.db.impl.rocksdb.ZeebeRocksDbFactory;
import io.camunda.zeebe.engine.Engine;
import io.camunda.zeebe.logstreams.log.LogStream;
import io.camunda.zeebe.process.test.engine.EngineFactory;
import io.camunda.zeebe.snapshots.impl.FileBasedSnapshotStore;
import io.camunda.zeebe.stream.impl.StreamProcessor;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The embedded engine is assembled from Zeebe's modules in {@link EmbeddedEngine}, and {@link TestEngineGateway}
 * creates package-private classes of Zeebe Process Test's engine. Both were written against one engine version:
 * upgrading it fails here on purpose. Before changing the expected version, read the new version's
 * {@code EngineFactory} (how it wires the gateway, the stream processor and the log), the constructors
 * {@code TestEngineGateway} calls, and the snapshot and replay behaviour {@code StateSnapshots} relies on; then run
 * {@code EmbeddedEngineTest} and the crash suite.
 */
class EmbeddedEngineVersionTest {

  static final String VERSION_WRITTEN_FOR = "8.8.21";

  @Test
  void theEngineModulesAreTheVersionTheEmbeddedEngineWasWrittenFor() {
    Map<String, Class<?>> modules = Map.of(
        "zeebe-process-test-engine", EngineFactory.class,
        "zeebe-workflow-engine", Engine.class,
        "zeebe-stream-platform", StreamProcessor.class,
        "zeebe-logstreams", LogStream.class,
        "zeebe-db", ZeebeRocksDbFactory.class,
        "zeebe-snapshots", FileBasedSnapshotStore.class);

    modules.forEach((module, type) -> assertThat(type.getProtectionDomain().getCodeSource().getLocation().toString())
        .as(module).endsWith("/" + module + "-" + VERSION_WRITTEN_FOR + ".jar"));
  }
}
