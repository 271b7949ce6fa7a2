package dev.greenlight.integrations.traffic.nginx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.greenlight.integrations.ChangeNotAppliedException;
import dev.greenlight.integrations.JsonHttp;
import dev.greenlight.integrations.process.CommandRunner;
import dev.greenlight.integrations.traffic.Side;
import dev.greenlight.integrations.traffic.TrafficRouters;
import dev.greenlight.integrations.traffic.TrafficShift;
import dev.greenlight.integrations.traffic.TrafficShifter;
import dev.greenlight.integrations.traffic.TrafficWeights;
import dev.greenlight.secrets.Secrets;
import dev.greenlight.spec.TrafficTarget;
import dev.greenlight.spec.TrafficTarget.TrafficProvider;
import dev.greenlight.support.LocalNginx;
import dev.greenlight.support.TestBounds;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.mock.env.MockEnvironment;

/** Against a real nginx (Debian package) in its own prefix directory, proxying to two local backends. */
class NginxTrafficRouterTest {

  /** The operator allows nginx, which the test runs with its own prefix and configuration. */
  private static final CommandRunner RUNNER = TestBounds.runner(LocalNginx.NGINX.toString());
  private static final int REQUESTS = 1000;

  @TempDir
  Path prefix;

  private LocalNginx nginx;
  private TrafficShifter shifter;

  @BeforeEach
  void startNginxInFrontOfTwoBackends() {
    nginx = LocalNginx.start(prefix);
    shifter = new TrafficShifter(new TrafficRouters(new JsonHttp(JsonMapper.builder().build()),
        new Secrets(new MockEnvironment()), null, RUNNER, TestBounds.files(prefix)), Clock.systemUTC());
  }

  @AfterEach
  void stopNginxAndBackends() throws Exception {
    nginx.close();
  }

  @Test
  void weightsSplitRealTrafficExactlyAndReadBack() throws Exception {
    TrafficTarget target = target(canaryServer());
    Map<String, Long> counts;

    TrafficShift onePercent = shiftAndAwaitReload(target, 1);
    counts = nginx.sendRequests(REQUESTS);
    assertThat(onePercent.canary()).isEqualTo(1);
    assertThat(onePercent.stable()).isEqualTo(99);
    assertThat(onePercent.confirmedAt()).isNotNull();
    assertThat(counts).containsExactlyInAnyOrderEntriesOf(Map.of("stable", 990L, "canary", 10L));

    shiftAndAwaitReload(target, 10);
    counts = nginx.sendRequests(REQUESTS);
    assertThat(counts).containsExactlyInAnyOrderEntriesOf(Map.of("stable", 900L, "canary", 100L));

    TrafficShift full = shiftAndAwaitReload(target, 100);
    counts = nginx.sendRequests(REQUESTS);
    assertThat(full.side()).isEqualTo("green");
    assertThat(counts).containsExactlyEntriesOf(Map.of("canary", 1000L));
    assertThat(Files.readString(upstreamFile())).contains("server " + stableServer() + " down;")
        .contains("server " + canaryServer() + " weight=100;");
    assertThat(Files.readString(prefix.resolve("upstream.conf.previous"))).contains("weight=90;");
  }

  @Test
  void configurationNginxRejectsIsRestoredAndTrafficStaysAsItWas() throws Exception {
    shiftAndAwaitReload(target(canaryServer()), 10);
    String accepted = Files.readString(upstreamFile());
    TrafficTarget broken = target("127.0.0.1:99999");

    assertThatThrownBy(() -> shifter.shiftTo(broken, TrafficWeights.onCanary(50)))
        .isInstanceOf(ChangeNotAppliedException.class)
        .hasMessageContaining("nginx rejected the new upstream checkout")
        .hasMessageContaining("was restored to its previous content")
        .hasMessageContaining("invalid port");

    assertThat(Files.readString(upstreamFile())).isEqualTo(accepted);
    assertThat(nginx.sendRequests(REQUESTS)).containsExactlyInAnyOrderEntriesOf(Map.of("stable", 900L, "canary", 100L));
  }

  @Test
  void reloadThatFailsRestoresTheFileAndSaysWhatToCheck() throws Exception {
    String before = Files.readString(upstreamFile());
    TrafficTarget target = new TrafficTarget(TrafficProvider.NGINX, null, null, new TrafficTarget.Nginx(
        upstreamFile().toString(), LocalNginx.UPSTREAM, stableServer(), canaryServer(), nginx.command("-t"),
        List.of(LocalNginx.NGINX.toString(), "-p", prefix.toString(), "-s", "reload", "-c",
            prefix.resolve("missing.conf").toString())),
        null);

    assertThatThrownBy(() -> shifter.shiftTo(target, TrafficWeights.onCanary(10)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("nginx reload failed")
        .hasMessageContaining("check that nginx runs and traffic.nginx.reloadCommand");
    assertThat(Files.readString(upstreamFile())).isEqualTo(before);
  }

  @Test
  void blueGreenReadsTheLiveSideSwitchesRealTrafficAndLeavesNginxAloneWhenItIsAlreadyThere() throws Exception {
    TrafficTarget target = target(canaryServer());
    assertThat(shifter.liveSide(target)).as("nginx starts on the stable server, which is blue").isEqualTo(Side.BLUE);

    Set<Long> oldWorkers = nginx.workers();
    TrafficShift green = shifter.switchTo(target, Side.GREEN);
    nginx.awaitWorkersOtherThan(oldWorkers);
    assertThat(green.side()).isEqualTo("green");
    assertThat(nginx.sendRequests(REQUESTS)).containsExactlyEntriesOf(Map.of("canary", 1000L));
    assertThat(shifter.liveSide(target)).isEqualTo(Side.GREEN);

    String written = Files.readString(upstreamFile());
    Set<Long> workers = nginx.workers();
    shifter.switchTo(target, Side.GREEN);
    assertThat(Files.readString(upstreamFile())).isEqualTo(written);
    assertThat(nginx.workers()).as("not reloaded").isEqualTo(workers);

    shiftAndAwaitReload(target, 50);
    assertThatThrownBy(() -> shifter.liveSide(target)).hasMessageStartingWith("The NGINX router reads neither blue"
        + " nor green as the live side (traffic is split");
  }

  /** Shifts, then waits until the workers that ran the old configuration are gone, so every request sees the new one. */
  private TrafficShift shiftAndAwaitReload(TrafficTarget target, int percent) {
    Set<Long> oldWorkers = nginx.workers();
    TrafficShift shift = shifter.shiftTo(target, TrafficWeights.onCanary(percent));
    nginx.awaitWorkersOtherThan(oldWorkers);
    return shift;
  }

  private TrafficTarget target(String canaryServer) {
    return new TrafficTarget(TrafficProvider.NGINX, null, null, new TrafficTarget.Nginx(
        upstreamFile().toString(), LocalNginx.UPSTREAM, stableServer(), canaryServer, nginx.command("-t"),
        nginx.command("-s", "reload")), null);
  }

  private Path upstreamFile() {
    return nginx.upstreamFile();
  }

  private String stableServer() {
    return nginx.stableServer();
  }

  private String canaryServer() {
    return nginx.canaryServer();
  }
}
