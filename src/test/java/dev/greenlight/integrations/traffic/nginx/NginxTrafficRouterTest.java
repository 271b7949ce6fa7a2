package dev.greenlight.integrations.traffic.nginx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.greenlight.integrations.ChangeNotAppliedException;
import dev.greenlight.integrations.JsonHttp;
import dev.greenlight.integrations.process.CommandRunner;
import dev.greenlight.integrations.traffic.TrafficRouters;
import dev.greenlight.integrations.traffic.TrafficShift;
import dev.greenlight.integrations.traffic.TrafficShifter;
import dev.greenlight.integrations.traffic.TrafficWeights;
import dev.greenlight.secrets.Secrets;
import dev.greenlight.spec.TrafficTarget;
import dev.greenlight.spec.TrafficTarget.TrafficProvider;
import dev.greenlight.support.FreePort;
import dev.greenlight.support.LocalHttpServer;
import dev.greenlight.support.LocalHttpServer.Response;
import dev.greenlight.support.TestBounds;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.mock.env.MockEnvironment;

/** Against a real nginx (Debian package) in its own prefix directory, proxying to two local backends. */
class NginxTrafficRouterTest {

  private static final Path NGINX = Path.of("/usr/sbin/nginx");
  /** The operator allows nginx, which the test runs with its own prefix and configuration. */
  private static final CommandRunner RUNNER = TestBounds.runner(NGINX.toString());
  private static final int REQUESTS = 1000;

  @TempDir
  Path prefix;

  private LocalHttpServer stable;
  private LocalHttpServer canary;
  private Process nginx;
  private int port;
  private TrafficShifter shifter;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void startNginxInFrontOfTwoBackends() throws Exception {
    assertThat(NGINX).as("nginx must be installed at %s (Debian: apt-get install nginx)", NGINX).isExecutable();
    stable = LocalHttpServer.start(request -> Response.text(200, "stable"));
    canary = LocalHttpServer.start(request -> Response.text(200, "canary"));
    port = FreePort.onLoopback();
    Files.writeString(prefix.resolve("nginx.conf"), """
        worker_processes 1;
        pid %1$s/nginx.pid;
        error_log %1$s/error.log notice;
        events { worker_connections 64; }
        http {
          access_log off;
          keepalive_timeout 0;
          client_body_temp_path %1$s/client_body;
          proxy_temp_path %1$s/proxy;
          fastcgi_temp_path %1$s/fastcgi;
          uwsgi_temp_path %1$s/uwsgi;
          scgi_temp_path %1$s/scgi;
          include %1$s/upstream.conf;
          server {
            listen 127.0.0.1:%2$d;
            location / { proxy_pass http://checkout; }
          }
        }
        """.formatted(prefix, port));
    Files.writeString(prefix.resolve("upstream.conf"), router(target(canaryServer())).render(TrafficWeights.onCanary(0)));
    nginx = new ProcessBuilder(nginx("-g", "daemon off;"))
        .redirectErrorStream(true).redirectOutput(prefix.resolve("nginx.out").toFile()).start();
    await().atMost(Duration.ofSeconds(10)).until(this::nginxAccepts);
    shifter = new TrafficShifter(new TrafficRouters(new JsonHttp(JsonMapper.builder().build()),
        new Secrets(new MockEnvironment()), null, RUNNER, TestBounds.files(prefix)), Clock.systemUTC());
  }

  @AfterEach
  void stopNginxAndBackends() throws Exception {
    if (nginx != null) {
      nginx.destroy();
      if (!nginx.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
        nginx.destroyForcibly().waitFor();
      }
      assertThat(nginx.isAlive()).isFalse();
    }
    stable.close();
    canary.close();
  }

  @Test
  void weightsSplitRealTrafficExactlyAndReadBack() throws Exception {
    TrafficTarget target = target(canaryServer());
    Map<String, Long> counts;

    TrafficShift onePercent = shiftAndAwaitReload(target, 1);
    counts = sendRequests();
    assertThat(onePercent.canary()).isEqualTo(1);
    assertThat(onePercent.stable()).isEqualTo(99);
    assertThat(onePercent.confirmedAt()).isNotNull();
    assertThat(counts).containsExactlyInAnyOrderEntriesOf(Map.of("stable", 990L, "canary", 10L));

    shiftAndAwaitReload(target, 10);
    counts = sendRequests();
    assertThat(counts).containsExactlyInAnyOrderEntriesOf(Map.of("stable", 900L, "canary", 100L));

    TrafficShift full = shiftAndAwaitReload(target, 100);
    counts = sendRequests();
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
    assertThat(sendRequests()).containsExactlyInAnyOrderEntriesOf(Map.of("stable", 900L, "canary", 100L));
  }

  @Test
  void reloadThatFailsRestoresTheFileAndSaysWhatToCheck() throws Exception {
    String before = Files.readString(upstreamFile());
    TrafficTarget target = new TrafficTarget(TrafficProvider.NGINX, null, null, new TrafficTarget.Nginx(
        upstreamFile().toString(), "checkout", stableServer(), canaryServer(), nginx("-t"),
        List.of(NGINX.toString(), "-p", prefix.toString(), "-s", "reload", "-c", prefix.resolve("missing.conf").toString())),
        null);

    assertThatThrownBy(() -> shifter.shiftTo(target, TrafficWeights.onCanary(10)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("nginx reload failed")
        .hasMessageContaining("check that nginx runs and traffic.nginx.reloadCommand");
    assertThat(Files.readString(upstreamFile())).isEqualTo(before);
  }

  /** Shifts, then waits until the workers that ran the old configuration are gone, so every request sees the new one. */
  private TrafficShift shiftAndAwaitReload(TrafficTarget target, int percent) {
    Set<Long> oldWorkers = workers();
    TrafficShift shift = shifter.shiftTo(target, TrafficWeights.onCanary(percent));
    await().atMost(Duration.ofSeconds(15)).until(() -> {
      Set<Long> current = workers();
      return !current.isEmpty() && current.stream().noneMatch(oldWorkers::contains);
    });
    await().atMost(Duration.ofSeconds(5)).until(this::nginxAccepts);
    return shift;
  }

  private Set<Long> workers() {
    return nginx.toHandle().children().filter(ProcessHandle::isAlive).map(ProcessHandle::pid).collect(Collectors.toSet());
  }

  private Map<String, Long> sendRequests() throws Exception {
    List<String> answers = new ArrayList<>();
    URI uri = URI.create("http://127.0.0.1:" + port + "/");
    for (int i = 0; i < REQUESTS; i++) {
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as("nginx answer %d: %s", i, response.body()).isEqualTo(200);
      answers.add(response.body());
    }
    return answers.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
  }

  private TrafficTarget target(String canaryServer) {
    return new TrafficTarget(TrafficProvider.NGINX, null, null, new TrafficTarget.Nginx(
        upstreamFile().toString(), "checkout", stableServer(), canaryServer, nginx("-t"), nginx("-s", "reload")), null);
  }

  private NginxTrafficRouter router(TrafficTarget target) {
    return new NginxTrafficRouter(target.nginx(), Path.of(target.nginx().upstreamFile()), RUNNER);
  }

  private List<String> nginx(String... arguments) {
    List<String> command = new ArrayList<>(List.of(NGINX.toString(), "-p", prefix.toString(),
        "-c", prefix.resolve("nginx.conf").toString(), "-e", prefix.resolve("error.log").toString()));
    command.addAll(List.of(arguments));
    return command;
  }

  private Path upstreamFile() {
    return prefix.resolve("upstream.conf");
  }

  private String stableServer() {
    return "127.0.0.1:" + stable.uri("/").getPort();
  }

  private String canaryServer() {
    return "127.0.0.1:" + canary.uri("/").getPort();
  }

  private boolean nginxAccepts() {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
