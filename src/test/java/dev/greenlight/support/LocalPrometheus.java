package dev.greenlight.support;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * The real Prometheus (Debian package) on 127.0.0.1: a temp config scraping one target every second, temp storage,
 * basic auth on its API. Fails with what to install when the binary is missing.
 */
public final class LocalPrometheus implements AutoCloseable {

  public static final Path BINARY = Path.of("/usr/bin/prometheus");
  public static final String USERNAME = "greenlight";
  public static final String PASSWORD = "s3cret-for-tests";

  private final Path directory;
  private final Process process;
  private final URI url;

  private LocalPrometheus(Path directory, Process process, URI url) {
    this.directory = directory;
    this.process = process;
    this.url = url;
  }

  /** Starts Prometheus scraping {@code target} (host:port, path /metrics) and returns once it answers. */
  public static LocalPrometheus start(String target) {
    if (!Files.isExecutable(BINARY)) {
      fail(BINARY + " is missing: these tests need the real Prometheus 2.x (Debian: apt-get install prometheus)");
    }
    try {
      Path directory = Files.createTempDirectory("greenlight-prometheus");
      Path config = Files.writeString(directory.resolve("prometheus.yml"), """
          global:
            scrape_interval: 1s
            evaluation_interval: 1s
          scrape_configs:
            - job_name: service
              scrape_interval: 1s
              scrape_timeout: 1s
              static_configs:
                - targets: ['%s']
          """.formatted(target));
      Path webConfig = Files.writeString(directory.resolve("web.yml"), """
          basic_auth_users:
            %s: '%s'
          """.formatted(USERNAME, new BCryptPasswordEncoder(4).encode(PASSWORD)));
      int port = FreePort.onLoopback();
      Path log = directory.resolve("prometheus.log");
      Process process = new ProcessBuilder(List.of(BINARY.toString(),
          "--config.file=" + config, "--web.config.file=" + webConfig,
          "--storage.tsdb.path=" + directory.resolve("data"),
          "--web.listen-address=127.0.0.1:" + port, "--log.level=warn"))
          .redirectErrorStream(true).redirectOutput(log.toFile()).start();
      LocalPrometheus prometheus = new LocalPrometheus(directory, process, URI.create("http://127.0.0.1:" + port));
      prometheus.awaitReady(log);
      return prometheus;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String url() {
    return url.toString();
  }

  private void awaitReady(Path log) throws IOException {
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest ready = HttpRequest.newBuilder(url.resolve("/-/ready")).timeout(Duration.ofSeconds(2))
        .header("Authorization", "Basic " + Base64.getEncoder()
            .encodeToString((USERNAME + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)))
        .build();
    Instant deadline = Instant.now().plusSeconds(30);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        close();
        fail("Prometheus exited with " + process.exitValue() + ":\n" + Files.readString(log));
      }
      try {
        if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet: try again until the deadline
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      process.onExit().completeOnTimeout(null, 200, java.util.concurrent.TimeUnit.MILLISECONDS).join();
    }
    String output = Files.readString(log);
    close();
    fail("Prometheus did not become ready within 30 s:\n" + output);
  }

  /** Kills Prometheus at once (SIGKILL), as a crash would; {@link #close()} still cleans up after it. */
  public void kill() {
    process.destroyForcibly();
    process.onExit().join();
  }

  @Override
  public void close() {
    process.toHandle().descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    if (process.onExit().completeOnTimeout(null, 10, java.util.concurrent.TimeUnit.SECONDS).join() == null) {
      process.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
    try (Stream<Path> files = Files.walk(directory)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
