package dev.greenlight.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.greenlight.support.Cli;
import dev.greenlight.support.FreePort;
import dev.greenlight.support.LocalPostgres;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import picocli.CommandLine;

/** {@code greenlight demo-service} run as the command line runs it, on 127.0.0.1 and a chosen port. */
class DemoServiceCommandTest {

  @RegisterExtension static final LocalPostgres postgres = LocalPostgres.forTestClass();

  static final Map<String, String> SECRETS = Map.of("DEMO_PIPELINE_SECRET", "pipeline-secret-for-tests",
      "CATALOG_PASSWORD", LocalPostgres.PASSWORD);
  final HttpClient http = HttpClient.newHttpClient();

  @Test
  void withItsOwnDatabaseItServesHealthAndMetricsOnTheChosenPortUntilStopped() throws Exception {
    int port = FreePort.onLoopback();
    try (Running service = Running.start(SECRETS, "--bind", "127.0.0.1", "--port", String.valueOf(port),
        "--stable-version", "3.2.1", "--load", "50")) {
      HttpResponse<String> health = service.awaitHealthy(port);

      assertThat(health.body()).contains("\"status\":\"UP\"", "\"stable\":\"3.2.1\"");
      assertThat(get(port, "/metrics").body()).contains("demo_db_up 1.0");
      await("lookups of the load in the stats").atMost(Duration.ofSeconds(10))
          .until(() -> get(port, "/stats").body(), stats -> !stats.contains("\"requests\":0"));
      assertThat(service.out()).contains("Demo service listening on 127.0.0.1:" + port, "jdbc:postgresql://127.0.0.1:");

      assertThat(service.stop()).isZero();
    }
    assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), port).close())
        .as("nothing listens on %d after the stop", port).isInstanceOf(ConnectException.class);
  }

  @Test
  void withADatabaseUrlItCreatesTheCatalogThereAndAnswersFromIt() throws Exception {
    String jdbcUrl = postgres.createDatabase();
    int port = FreePort.onLoopback();
    try (Running service = Running.start(SECRETS, "--port", String.valueOf(port), "--database-url", jdbcUrl,
        "--database-user", LocalPostgres.USER, "--database-password-env", "CATALOG_PASSWORD")) {
      service.awaitHealthy(port);

      assertThat(get(port, "/api/elements?q=ladder").body()).contains("\"category\":\"access\"");
      try (Connection connection = postgres.connect(jdbcUrl); Statement statement = connection.createStatement();
          ResultSet count = statement.executeQuery("SELECT count(*) FROM elements")) {
        count.next();
        assertThat(count.getInt(1)).isEqualTo(20);
      }
      assertThat(service.out()).contains(jdbcUrl).doesNotContain(LocalPostgres.PASSWORD);
      assertThat(service.stop()).isZero();
    }
  }

  @Test
  void aPortOrLoadOutOfRangeIsRefusedWithTheRange() {
    Cli.Run port = Cli.run("demo-service", "--port", "70000");
    Cli.Run load = Cli.run("demo-service", "--load", "-1");

    assertThat(port.exitCode()).isEqualTo(2);
    assertThat(port.err()).contains("--port must be between 1 and 65535, not 70000");
    assertThat(load.exitCode()).isEqualTo(2);
    assertThat(load.err()).contains("--load must be between 0 and 1000, not -1");
  }

  @Test
  void anUnreachableDatabaseIsNamedAndExitsWithOne() {
    String unreachable = "jdbc:postgresql://127.0.0.1:" + FreePort.onLoopback() + "/catalog";

    Cli.Run run = run(SECRETS, "--port", String.valueOf(FreePort.onLoopback()), "--database-url", unreachable,
        "--database-password-env", "CATALOG_PASSWORD");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("The demo service did not start", unreachable, "Connection to 127.0.0.1:")
        .doesNotContain(LocalPostgres.PASSWORD);
  }

  @Test
  void missingSecretsAreNamedByTheirVariables() {
    Cli.Run noPipelineSecret = run(Map.of(), "--port", "8081");
    Cli.Run noDatabasePassword = run(Map.of("DEMO_PIPELINE_SECRET", "s"), "--database-url",
        "jdbc:postgresql://127.0.0.1:5432/catalog");

    assertThat(noPipelineSecret.exitCode()).isEqualTo(1);
    assertThat(noPipelineSecret.err()).contains("Set the environment variable DEMO_PIPELINE_SECRET");
    assertThat(noDatabasePassword.exitCode()).isEqualTo(1);
    assertThat(noDatabasePassword.err()).contains("Set the environment variable DEMO_CATALOG_DB_PASSWORD");
  }

  private static Cli.Run run(Map<String, String> environment, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exitCode = new CommandLine(new DemoServiceCommand(environment::get))
        .setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true)).execute(args);
    return new Cli.Run(exitCode, out.toString(), err.toString());
  }

  private HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** The command serving on its own thread, as {@code main} would run it, stopped as SIGTERM stops it. */
  private record Running(DemoServiceCommand command, Thread thread, AtomicInteger exitCode, StringWriter output,
      List<Throwable> failures) implements AutoCloseable {

    static Running start(Map<String, String> environment, String... args) {
      DemoServiceCommand command = new DemoServiceCommand(environment::get);
      StringWriter output = new StringWriter();
      AtomicInteger exitCode = new AtomicInteger(-1);
      List<Throwable> failures = new ArrayList<>();
      CommandLine commandLine = new CommandLine(command)
          .setOut(new PrintWriter(output, true)).setErr(new PrintWriter(output, true));
      Thread thread = Thread.ofPlatform().name("demo-service-under-test").start(() -> {
        try {
          exitCode.set(commandLine.execute(args));
        } catch (RuntimeException e) {
          failures.add(e);
        }
      });
      return new Running(command, thread, exitCode, output, failures);
    }

    HttpResponse<String> awaitHealthy(int port) {
      HttpClient http = HttpClient.newHttpClient();
      HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build();
      return await("the demo service answering /health; output so far: " + output)
          .atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).ignoreException(ConnectException.class)
          .until(() -> {
            assertThat(thread.isAlive()).as("the command is still running; output: %s", output).isTrue();
            return http.send(health, HttpResponse.BodyHandlers.ofString());
          }, response -> response.statusCode() == 200);
    }

    String out() {
      return output.toString();
    }

    int stop() throws InterruptedException {
      command.requestStop();
      thread.join(Duration.ofSeconds(30));
      assertThat(thread.isAlive()).as("the command returned after the stop request").isFalse();
      assertThat(failures).isEmpty();
      return exitCode.get();
    }

    @Override
    public void close() throws InterruptedException {
      if (thread.isAlive()) {
        command.requestStop();
        thread.join(Duration.ofSeconds(30));
      }
    }
  }
}
