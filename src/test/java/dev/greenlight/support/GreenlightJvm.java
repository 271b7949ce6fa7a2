package dev.greenlight.support;

import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Greenlight's server in a JVM of its own, started from the build's classes with the test profile (its users and
 * secrets), the way {@code java -jar} runs it: so a test can {@code kill -9} it and start it again on the same data.
 * Its output goes to a log file whose tail a failure shows.
 */
public final class GreenlightJvm implements AutoCloseable {

  private static final Duration START_LIMIT = Duration.ofSeconds(180);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Process process;
  private final Path log;
  private final URI base;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private GreenlightJvm(Process process, Path log, URI base) {
    this.process = process;
    this.log = log;
    this.base = base;
  }

  /**
   * Starts the server in {@code workingDirectory} and returns once its health says it and its engine are up.
   *
   * @param log where its output goes (appended), kept for a look after the test
   * @param properties Spring properties, each as {@code name=value}
   */
  public static GreenlightJvm start(Path workingDirectory, Path log, List<String> properties) {
    return start(workingDirectory, log, properties, Map.of());
  }

  /** @param environment variables added to the JVM's environment, which the commands it runs inherit */
  public static GreenlightJvm start(Path workingDirectory, Path log, List<String> properties,
      Map<String, String> environment) {
    int port = FreePort.onLoopback();
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx384m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
        "-cp", System.getProperty("java.class.path"),
        "dev.greenlight.Greenlight",
        "--spring.profiles.active=test",
        "--server.port=" + port,
        "--logging.level.dev.greenlight=INFO"));
    properties.forEach(property -> command.add("--" + property));
    try {
      Files.createDirectories(log.getParent());
      ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile())
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
      builder.environment().putAll(environment);
      Process process = builder.start();
      GreenlightJvm jvm = new GreenlightJvm(process, log, URI.create("http://127.0.0.1:" + port));
      jvm.awaitHealthy();
      return jvm;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start Greenlight in a JVM of its own", e);
    }
  }

  private void awaitHealthy() {
    long deadline = System.nanoTime() + START_LIMIT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        fail("Greenlight exited with " + process.exitValue() + " while starting:\n" + logTail());
      }
      try {
        HttpResponse<String> health = http.send(HttpRequest.newBuilder(base.resolve("/actuator/health"))
            .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        if (health.statusCode() == 200 && JSON.readTree(health.body()).path("status").asText().equals("UP")) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      pause(Duration.ofMillis(250));
    }
    kill();
    fail("Greenlight was not healthy within " + START_LIMIT + ":\n" + logTail());
  }

  /** {@code kill -9}: the JVM stops at once, mid-write or not; the programs it started keep running. */
  public void kill() {
    process.destroyForcibly();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        fail("Greenlight did not die from SIGKILL within 30 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A call to the API as one of the test users (password: the name followed by "-pw"). */
  public JsonNode call(String user, String method, String path, String jsonBody) {
    HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
        .header("Authorization", "Basic " + Base64.getEncoder()
            .encodeToString((user + ":" + user + "-pw").getBytes(StandardCharsets.UTF_8)))
        .header("Accept", "application/json");
    if (jsonBody != null) {
      request.header("Content-Type", "application/json");
    }
    request.method(method, jsonBody == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(jsonBody));
    try {
      HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() / 100 != 2) {
        fail(method + " " + path + " as " + user + " answered " + response.statusCode() + ": " + response.body());
      }
      return response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(method + " " + path + " failed; Greenlight's log ends with:\n" + logTail(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public String logTail() {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  public String log() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void pause(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Stops the JVM (SIGTERM, then SIGKILL) and any program it left running. */
  @Override
  public void close() {
    List<ProcessHandle> children = process.toHandle().descendants().toList();
    process.destroy();
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    children.forEach(ProcessHandle::destroyForcibly);
  }
}
