package dev.greenlight.demo;

import dev.greenlight.demo.service.CatalogDatabase;
import dev.greenlight.demo.service.DemoService;
import dev.greenlight.demo.service.LoadGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code greenlight demo-service}: only the bundled demo service, until stopped (SIGTERM or Ctrl-C close it cleanly).
 * Its database is its own embedded PostgreSQL unless {@code --database-url} names one. Secrets are read from the
 * environment variables the options name, so no secret is ever on a command line.
 */
@Command(name = "demo-service", mixinStandardHelpOptions = true,
    description = "Run only the demo service (the element catalog the demo's runbooks deploy), e.g. in docker-compose.")
public class DemoServiceCommand implements Callable<Integer> {

  /** How long SIGTERM waits for the service and its database to close before the JVM exits anyway. */
  private static final long CLOSE_TIMEOUT_SECONDS = 30;

  @Option(names = "--bind", defaultValue = "127.0.0.1", paramLabel = "ADDRESS",
      description = "Address to listen on; 0.0.0.0 for every interface (default: ${DEFAULT-VALUE}).")
  String bind;

  private int port;

  @Option(names = "--stable-version", defaultValue = DemoCommand.STABLE_VERSION, paramLabel = "VERSION",
      description = "The version live before any rollout (default: ${DEFAULT-VALUE}).")
  String stableVersion;

  @Option(names = "--database-url", paramLabel = "JDBC_URL",
      description = "An existing PostgreSQL database, e.g. jdbc:postgresql://postgres:5432/catalog. Default: the"
          + " service's own embedded PostgreSQL 15.")
  String databaseUrl;

  @Option(names = "--database-user", defaultValue = CatalogDatabase.USER, paramLabel = "USER",
      description = "The database user (default: ${DEFAULT-VALUE}).")
  String databaseUser;

  @Option(names = "--database-password-env", defaultValue = "DEMO_CATALOG_DB_PASSWORD", paramLabel = "VARIABLE",
      description = "Environment variable holding the database user's password (default: ${DEFAULT-VALUE}); required"
          + " with --database-url, else a random password is used when it is unset.")
  String databasePasswordVariable;

  @Option(names = "--pipeline-secret-env", defaultValue = "DEMO_PIPELINE_SECRET", paramLabel = "VARIABLE",
      description = "Environment variable holding the secret pipeline triggers and callbacks are signed with"
          + " (default: ${DEFAULT-VALUE}).")
  String pipelineSecretVariable;

  private int load;

  @Spec CommandSpec spec;

  private final Function<String, String> environment;
  private final CountDownLatch stopRequested = new CountDownLatch(1);
  private final CountDownLatch closed = new CountDownLatch(1);
  private final AtomicBoolean shuttingDown = new AtomicBoolean();

  public DemoServiceCommand() {
    this(System::getenv);
  }

  DemoServiceCommand(Function<String, String> environment) {
    this.environment = environment;
  }

  @Option(names = "--port", defaultValue = "8081", paramLabel = "PORT",
      description = "Port to listen on, 1-65535 (default: ${DEFAULT-VALUE}).")
  void port(int port) {
    if (port < 1 || port > 65535) {
      throw new ParameterException(spec.commandLine(), "--port must be between 1 and 65535, not " + port);
    }
    this.port = port;
  }

  @Option(names = "--load", defaultValue = "0", paramLabel = "PER_SECOND",
      description = "Element lookups per second the service sends itself, as its users would, 0-1000 (default:"
          + " ${DEFAULT-VALUE}): gates and dashboards then have traffic to judge.")
  void load(int perSecond) {
    if (perSecond < 0 || perSecond > 1000) {
      throw new ParameterException(spec.commandLine(), "--load must be between 0 and 1000, not " + perSecond);
    }
    this.load = perSecond;
  }

  @Override
  public Integer call() throws InterruptedException {
    Thread stopOnShutdown = Thread.ofPlatform().name("demo-service-stop").unstarted(this::stopAndAwaitClose);
    Runtime.getRuntime().addShutdownHook(stopOnShutdown);
    try {
      return serveUntilStopped();
    } finally {
      closed.countDown();
      if (!shuttingDown.get()) {
        Runtime.getRuntime().removeShutdownHook(stopOnShutdown);
      }
    }
  }

  /** Makes a running {@link #call()} close the service and return, as SIGTERM does. */
  void requestStop() {
    stopRequested.countDown();
  }

  private int serveUntilStopped() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    String pipelineSecret = environment.apply(pipelineSecretVariable);
    if (pipelineSecret == null || pipelineSecret.isBlank()) {
      err.println("Set the environment variable " + pipelineSecretVariable
          + " to the secret pipeline triggers are signed with (or name another with --pipeline-secret-env).");
      return 1;
    }
    String databasePassword = environment.apply(databasePasswordVariable);
    if (databaseUrl != null && (databasePassword == null || databasePassword.isEmpty())) {
      err.println("Set the environment variable " + databasePasswordVariable + " to the password of " + databaseUser
          + " at " + databaseUrl + " (or name another with --database-password-env).");
      return 1;
    }
    InetSocketAddress address = new InetSocketAddress(bind, port);
    if (address.isUnresolved()) {
      err.println("--bind " + bind + " is not an address of this machine; use an IP address or a resolvable name.");
      return 1;
    }
    DemoService service;
    try {
      CatalogDatabase database = databaseUrl == null
          ? CatalogDatabase.embedded(databasePassword == null ? DemoCommand.randomSecret() : databasePassword)
          : CatalogDatabase.external(databaseUrl, databaseUser, databasePassword);
      service = DemoService.start(database, address, stableVersion, pipelineSecret, Clock.systemUTC());
    } catch (IllegalStateException | UncheckedIOException e) {
      err.println("The demo service did not start: " + e.getMessage());
      return 1;
    }
    try (service; LoadGenerator users = new LoadGenerator(service.uri("/api/elements"))) {
      if (load > 0) {
        users.start(load);
      }
      out.printf("Demo service listening on %s:%d (health %s), version %s live, database %s, %d lookups/s of load%n",
          bind, port, service.uri("/health"), stableVersion, service.jdbcUrl(), load);
      out.flush();
      stopRequested.await();
      out.println("Stopping the demo service");
    } catch (IOException e) {
      throw new UncheckedIOException("Closing the demo service failed", e);
    }
    return 0;
  }

  private void stopAndAwaitClose() {
    shuttingDown.set(true);
    requestStop();
    try {
      closed.await(CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
