package dev.greenlight.bounds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.greenlight.integrations.database.postgres.PostgresClientProperties;
import dev.greenlight.spec.RunbookProperties;
import dev.greenlight.spec.RunbookSpec;
import dev.greenlight.spec.SpecError;
import dev.greenlight.spec.SpecReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A whole runbook against the server's bounds, every command and file by its path; the defaults; the configuration
 * file {@code greenlight lint --server-config} reads; and a configuration that would let runbooks write what runs.
 */
class RunbookBoundsTest {

  static final String PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
  final SpecReader reader = new SpecReader();

  @Test
  void everyCommandAndFileIsCheckedByItsPath() throws IOException {
    RunbookBounds bounds = RunbookBounds.of(new CommandProperties(null, List.of("alembic")),
        new FileProperties(List.of(Path.of("/var/backups"))), new RunbookProperties(Path.of("runbooks"), false),
        new PostgresClientProperties(null, null), PATH);
    String nginx = Files.readString(Path.of("runbooks/analyzer-canary.yaml")).replace("""
        traffic:
          provider: http
          url: http://deployment-controller.internal:3000/api/traffic-weights
          tokenSecret: ANALYZER_TRAFFIC_TOKEN""", """
        traffic:
          provider: nginx
          nginx:
            upstreamFile: /etc/nginx/conf.d/analyzer.conf
            upstream: analyzer
            stableServer: 10.0.0.1:3000
            canaryServer: 10.0.0.2:3000""");

    List<SpecError> errors = bounds.check(reader.readYaml(nginx, "nginx canary"));

    assertThat(errors).extracting(SpecError::path).containsExactly("traffic.nginx.upstreamFile",
        "traffic.nginx.testCommand", "traffic.nginx.reloadCommand");
    assertThat(errors.get(1).message()).startsWith("'nginx' (").contains("is outside")
        .contains("greenlight.commands.allowed-executables");
    assertThat(bounds.check(read("analyzer-canary"))).as("its scripts are in runbooks/scripts").isEmpty();
    assertThat(bounds.check(read("architect-api-blue-green"))).isEmpty();
    assertThat(bounds.check(read("embedding-staged-flags"))).isEmpty();
  }

  @Test
  void theDefaultsAllowTheRunbooksScriptsAndBackupsUnderTheWorkingDirectory() {
    RunbookBounds bounds = RunbookBounds.of(new CommandProperties(null, null), new FileProperties(null),
        new RunbookProperties(Path.of("runbooks"), false), new PostgresClientProperties(null, null), PATH);

    assertThat(bounds.commands().directories()).containsExactly(Path.of("runbooks/scripts").toAbsolutePath());
    assertThat(bounds.files().roots()).containsExactly(Path.of("backups").toAbsolutePath());
    assertThat(bounds.check(read("analyzer-canary"))).isEmpty();
    assertThat(bounds.check(read("msia-element-system"))).extracting(SpecError::toString).containsExactly(
        "database.backupDirectory: '/var/backups/msia' is outside greenlight.files.allowed-roots ["
            + Path.of("backups").toAbsolutePath() + "]: write it under one of them, or have the operator add a root",
        "database.migrations.command: 'alembic' was not found on Greenlight's PATH (" + PATH + ")",
        "database.migrations.rollbackCommand: 'alembic' was not found on Greenlight's PATH (" + PATH + ")",
        "flags.file: '/srv/msia-api/features.env' is outside greenlight.files.allowed-roots ["
            + Path.of("backups").toAbsolutePath() + "]: write it under one of them, or have the operator add a root");
    assertThat(bounds.commands().refusal(List.of("/usr/bin/pg_dump"))).as("Greenlight's own tool").isEmpty();
  }

  @Test
  void aWritableRootMustStayApartFromWhatGreenlightRuns() {
    assertThatThrownBy(() -> RunbookBounds.of(new CommandProperties(null, null),
        new FileProperties(List.of(Path.of("runbooks"))), new RunbookProperties(Path.of("runbooks"), false),
        new PostgresClientProperties(null, null), PATH))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("greenlight.files.allowed-roots " + Path.of("runbooks").toAbsolutePath()
            + " overlaps " + Path.of("runbooks/scripts").toAbsolutePath())
        .hasMessageContaining("a runbook could write the scripts or runbooks Greenlight runs");
    assertThatThrownBy(() -> RunbookBounds.of(new CommandProperties(null, null),
        new FileProperties(List.of(Path.of("/"))), new RunbookProperties(Path.of("runbooks"), false),
        new PostgresClientProperties(null, null), PATH))
        .hasMessageContaining("overlaps");
  }

  @Test
  void lintReadsTheServersConfigurationFileWithTheEnvironmentOverIt(@TempDir Path directory) throws IOException {
    Path config = Files.writeString(directory.resolve("application.yaml"), """
        greenlight:
          runbooks:
            directory: ${GREENLIGHT_RUNBOOKS:runbooks}
          commands:
            allowed-executables: [nginx]
          files:
            allowed-roots: [/var/backups, /srv]
        """);

    RunbookBounds fromFile = ServerConfigurationFile.bounds(config, Map.of("PATH", PATH));
    RunbookBounds fromEnvironment = ServerConfigurationFile.bounds(config, Map.of("PATH", PATH,
        "GREENLIGHT_RUNBOOKS", directory.toString(), "GREENLIGHT_FILES_ALLOWEDROOTS", "/var/lib/greenlight"));

    assertThat(fromFile.files().roots()).containsExactly(Path.of("/var/backups"), Path.of("/srv"));
    assertThat(fromFile.commands().directories()).containsExactly(Path.of("runbooks/scripts").toAbsolutePath());
    assertThat(fromFile.commands().refusal(List.of("nginx", "-t"))).isEmpty();
    assertThat(fromEnvironment.files().roots()).containsExactly(Path.of("/var/lib/greenlight"));
    assertThat(fromEnvironment.commands().directories()).containsExactly(directory.resolve("scripts"));
    assertThatThrownBy(() -> ServerConfigurationFile.bounds(directory.resolve("missing.yaml"), Map.of()))
        .hasMessage("No server configuration at " + directory.resolve("missing.yaml"));
  }

  private RunbookSpec read(String name) {
    return reader.read(Path.of("runbooks", name + ".yaml"));
  }
}
