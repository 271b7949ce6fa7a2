package dev.greenlight.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.greenlight.support.LocalHttpServer.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A real nginx (Debian package) in its own prefix directory, proxying {@code /} to the upstream {@code checkout} of a
 * file Greenlight rewrites, in front of two local backends that answer "stable" and "canary". Fails, saying what to
 * install, when nginx is missing.
 */
public final class LocalNginx implements AutoCloseable {

  public static final Path NGINX = Path.of("/usr/sbin/nginx");
  public static final String UPSTREAM = "checkout";

  private final Path prefix;
  private final LocalHttpServer stable;
  private final LocalHttpServer canary;
  private final int port;
  private final Process nginx;
  private final HttpClient http = HttpClient.newHttpClient();

  private LocalNginx(Path prefix, String upstream) throws IOException {
    assertThat(NGINX).as("nginx must be installed at %s (Debian: apt-get install nginx)", NGINX).isExecutable();
    this.prefix = prefix;
    this.stable = LocalHttpServer.start(request -> Response.text(200, "stable"));
    this.canary = LocalHttpServer.start(request -> Response.text(200, "canary"));
    this.port = FreePort.onLoopback();
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
            location / { proxy_pass http://%3$s; }
          }
        }
        """.formatted(prefix, port, UPSTREAM));
    Files.writeString(upstreamFile(), upstream == null ? onlyStable() : upstream);
    nginx = new ProcessBuilder(command("-g", "daemon off;"))
        .redirectErrorStream(true).redirectOutput(prefix.resolve("nginx.out").toFile()).start();
    await().atMost(Duration.ofSeconds(10)).until(this::accepts);
  }

  /** nginx sending everything to the stable backend, the upstream file naming only it. */
  public static LocalNginx start(Path prefix) {
    return start(prefix, null);
  }

  /** nginx with this upstream file to start from. */
  public static LocalNginx start(Path prefix, String upstream) {
    try {
      return new LocalNginx(prefix, upstream);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An nginx command line for this instance: {@code nginx -p PREFIX -c CONF -e LOG} and the arguments. */
  public List<String> command(String... arguments) {
    List<String> command = new ArrayList<>(List.of(NGINX.toString(), "-p", prefix.toString(),
        "-c", prefix.resolve("nginx.conf").toString(), "-e", prefix.resolve("error.log").toString()));
    command.addAll(List.of(arguments));
    return command;
  }

  public Path upstreamFile() {
    return prefix.resolve("upstream.conf");
  }

  public String stableServer() {
    return "127.0.0.1:" + stable.uri("/").getPort();
  }

  public String canaryServer() {
    return "127.0.0.1:" + canary.uri("/").getPort();
  }

  /**
   * From now on {@code nginx -s reload} fails (its pid file is gone, as after a botched restart), while nginx keeps
   * serving with the configuration it has.
   */
  public void breakReload() {
    move(prefix.resolve("nginx.pid"), prefix.resolve("nginx.pid.away"));
  }

  /** {@code nginx -s reload} works again. */
  public void repairReload() {
    move(prefix.resolve("nginx.pid.away"), prefix.resolve("nginx.pid"));
  }

  /** Waits until the workers that ran an older configuration are gone, so every request sees the current one. */
  public void awaitWorkersOtherThan(Set<Long> oldWorkers) {
    await().atMost(Duration.ofSeconds(15)).until(() -> {
      Set<Long> current = workers();
      return !current.isEmpty() && current.stream().noneMatch(oldWorkers::contains);
    });
    await().atMost(Duration.ofSeconds(5)).until(this::accepts);
  }

  /** nginx's worker processes now. */
  public Set<Long> workers() {
    return nginx.toHandle().children().filter(ProcessHandle::isAlive).map(ProcessHandle::pid)
        .collect(Collectors.toSet());
  }

  /** Sends requests through nginx; how many each backend answered. */
  public Map<String, Long> sendRequests(int requests) throws IOException, InterruptedException {
    List<String> answers = new ArrayList<>();
    URI uri = URI.create("http://127.0.0.1:" + port + "/");
    for (int i = 0; i < requests; i++) {
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as("nginx answer %d: %s", i, response.body()).isEqualTo(200);
      answers.add(response.body());
    }
    return answers.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
  }

  private String onlyStable() {
    return "upstream " + UPSTREAM + " {\n    server " + stableServer() + ";\n}\n";
  }

  private boolean accepts() {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static void move(Path from, Path to) {
    try {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() throws InterruptedException {
    nginx.destroy();
    if (!nginx.waitFor(10, TimeUnit.SECONDS)) {
      nginx.destroyForcibly().waitFor();
    }
    assertThat(nginx.isAlive()).isFalse();
    stable.close();
    canary.close();
  }
}
