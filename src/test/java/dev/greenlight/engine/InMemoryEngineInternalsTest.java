package dev.greenlight.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.greenlight.support.FreePort;
import dev.greenlight.support.LocalEngine;
import io.camunda.zeebe.process.test.api.ZeebeTestEngine;
import io.camunda.zeebe.process.test.engine.EngineFactory;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.util.Collections;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Guards the two places where Greenlight depends on private internals of Zeebe Process Test's in-memory engine.
 * If an engine upgrade breaks this test, fix {@link InMemoryEngineInternals} before anything else.
 */
class InMemoryEngineInternalsTest {

  @Test
  void theEngineStillHasTheFieldsGreenlightUses() throws Exception {
    ZeebeTestEngine engine = EngineFactory.create(FreePort.onLoopback());
    InMemoryEngineInternals internals = InMemoryEngineInternals.of(engine);

    internals.bindGatewayToLoopback(FreePort.onLoopback());
    engine.start();
    try {
      java.time.Instant before = internals.clock().instant();
      engine.increaseTime(java.time.Duration.ofHours(48));
      assertThat(internals.clock().instant()).isAfterOrEqualTo(before.plus(java.time.Duration.ofHours(48)));
      engine.waitForIdleState(java.time.Duration.ofSeconds(10));
      assertThat(internals.idle()).isTrue();
    } finally {
      engine.stop();
    }
  }

  @Test
  void theGatewayListensOnLoopbackOnly() throws IOException {
    try (LocalEngine engine = LocalEngine.start()) {
      int port = engine.port();
      try (Socket loopback = new Socket(InetAddress.getLoopbackAddress(), port)) {
        assertThat(loopback.isConnected()).isTrue();
      }
      Optional<InetAddress> external = nonLoopbackAddress();
      if (external.isPresent()) {
        assertThatThrownBy(() -> {
          try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(external.get(), port), 1000);
          }
        }).isInstanceOf(ConnectException.class);
      }
    }
  }

  @Test
  void aMissingFieldIsReportedAsAnEngineChange() {
    assertThatThrownBy(() -> InMemoryEngineInternals.of(new NotTheEngine()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("The embedded Zeebe engine changed")
        .hasMessageContaining("'logStream'");
  }

  private static Optional<InetAddress> nonLoopbackAddress() throws IOException {
    return Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
        .flatMap(nic -> Collections.list(nic.getInetAddresses()).stream())
        .filter(address -> !address.isLoopbackAddress() && !address.isLinkLocalAddress())
        .findFirst();
  }

  /** An engine without the internals: stands for a future engine whose fields moved. */
  private static final class NotTheEngine implements ZeebeTestEngine {
    @Override public void start() {}
    @Override public void stop() {}
    @Override public io.camunda.zeebe.process.test.api.RecordStreamSource getRecordStreamSource() { return null; }
    @Override public io.camunda.zeebe.client.ZeebeClient createClient() { return null; }
    @Override public io.camunda.zeebe.client.ZeebeClient createClient(com.fasterxml.jackson.databind.ObjectMapper m) { return null; }
    @Override public String getGatewayAddress() { return null; }
    @Override public void increaseTime(java.time.Duration d) {}
    @Override public void waitForIdleState(java.time.Duration d) {}
    @Override public void waitForBusyState(java.time.Duration d) {}
  }
}
