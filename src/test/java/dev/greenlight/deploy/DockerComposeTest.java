package dev.greenlight.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.greenlight.GreenlightCommand;
import dev.greenlight.spec.RunbookSpec;
import dev.greenlight.spec.SpecReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The production stack of {@code docker-compose.yml}, read as Compose reads it (no Docker needed). */
class DockerComposeTest {

  private static final Pattern PINNED_IMAGE = Pattern.compile("[^:\\s]+:(?!latest$)[\\w][\\w.-]*");
  private static final Pattern URL_HOST = Pattern.compile("https?://([^/\\s\"']+)");
  private static JsonNode compose;
  private static Map<String, JsonNode> services;

  @BeforeAll
  static void read() throws IOException {
    compose = new YAMLMapper().readTree(Path.of("docker-compose.yml").toFile());
    services = new TreeMap<>();
    compose.path("services").properties().forEach(service -> services.put(service.getKey(), service.getValue()));
  }

  @Test
  void everyServiceHasAPinnedImageOrIsBuilt() {
    assertThat(services).containsKeys("camunda", "elasticsearch", "postgres", "prometheus", "alertmanager", "grafana",
        "greenlight", "demo-service");
    assertThat(services).allSatisfy((name, service) -> {
      if (service.has("build")) {
        assertThat(Path.of(service.path("build").asText(), "Dockerfile")).as("Dockerfile of %s", name).isRegularFile();
      } else {
        assertThat(service.path("image").asText()).as("image of %s", name).matches(PINNED_IMAGE);
      }
    });
    assertThat(services.get("camunda").path("image").asText()).startsWith("camunda/camunda:8.8.");
  }

  @Test
  void everyServiceDependedOnExistsAndIsWaitedForHealthy() {
    assertThat(services).allSatisfy((name, service) -> service.path("depends_on").properties().forEach(dependency -> {
      assertThat(services).as("services %s depends on", name).containsKey(dependency.getKey());
      assertThat(dependency.getValue().path("condition").asText()).isEqualTo("service_healthy");
      assertThat(services.get(dependency.getKey()).has("healthcheck"))
          .as("%s has a health check for %s to wait on", dependency.getKey(), name).isTrue();
    }));
  }

  @Test
  void greenlightRunsInRemoteModeAgainstTheClusterWithPropertiesTheApplicationReads() throws IOException {
    JsonNode environment = services.get("greenlight").path("environment");
    String applicationYaml = Files.readString(Path.of("src/main/resources/application.yaml"));

    assertThat(environment.path("GREENLIGHT_ENGINE_MODE").asText()).isEqualTo("remote");
    assertThat(environment.path("GREENLIGHT_ADDRESS").asText()).isEqualTo("0.0.0.0");
    assertThat(environment.path("CAMUNDA_CLIENT_MODE").asText()).isEqualTo("self-managed");
    assertThat(environment.path("CAMUNDA_CLIENT_GRPCADDRESS").asText()).isEqualTo("http://camunda:26500");
    assertThat(environment.path("CAMUNDA_CLIENT_RESTADDRESS").asText()).isEqualTo("http://camunda:8080");
    assertThat(List.of("GREENLIGHT_ENGINE_MODE", "GREENLIGHT_ADDRESS", "GREENLIGHT_PORT", "GREENLIGHT_RUNBOOKS",
        "GREENLIGHT_REPORTS", "GREENLIGHT_ALERTS_TOKEN_SECRET", "GREENLIGHT_PUBLIC_URL", "GREENLIGHT_WEBHOOK_SIGNING_SECRETS"))
        .allSatisfy(variable -> {
          assertThat(environment.has(variable)).as("greenlight's environment sets %s", variable).isTrue();
          assertThat(applicationYaml).as("application.yaml reads %s", variable).contains("${" + variable + ":");
        });
    String tokenSecret = environment.path("GREENLIGHT_ALERTS_TOKEN_SECRET").asText();
    assertThat(environment.path(tokenSecret).asText()).as("the secret the alerts token names").startsWith("${");
  }

  @Test
  void secretsComeFromTheEnvironmentNeverInline() {
    List<String> values = new ArrayList<>();
    services.values().forEach(service -> service.path("environment").properties().forEach(variable -> {
      if (variable.getKey().matches(".*(PASSWORD|TOKEN|SECRET_KEY)$")) {
        values.add(variable.getKey() + "=" + variable.getValue().asText());
      }
    }));

    assertThat(values).isNotEmpty().allSatisfy(value -> assertThat(value).containsPattern("=\\$\\{[A-Z_]+:\\?"));
    assertThat(compose.path("secrets").path("alertmanager_token").path("environment").asText())
        .isEqualTo("ALERTMANAGER_TOKEN");
  }

  @Test
  void theDemoServiceRunsFromGreenlightsImageOnTheComposePostgresWithSecretsOnlyInItsEnvironment() {
    JsonNode demo = services.get("demo-service");
    List<String> command = new ArrayList<>();
    demo.path("command").forEach(argument -> command.add(argument.asText()));
    JsonNode environment = demo.path("environment");

    assertThat(demo.path("build").asText()).isEqualTo(services.get("greenlight").path("build").asText());
    assertThat(command).startsWith("demo-service").contains("--bind=0.0.0.0", "--port=8081",
        "--database-url=jdbc:postgresql://postgres:5432/${POSTGRES_DB:-catalog}", "--database-user=${POSTGRES_USER:-catalog}",
        "--database-password-env=DEMO_CATALOG_DB_PASSWORD", "--pipeline-secret-env=DEMO_PIPELINE_SECRET");
    assertThat(String.join(" ", command)).as("no secret value on the command line")
        .doesNotContain("PASSWORD}", "PASSWORD:", "SECRET}", "SECRET:");
    assertThat(environment.path("DEMO_CATALOG_DB_PASSWORD").asText()).startsWith("${POSTGRES_PASSWORD:?");
    assertThat(environment.path("DEMO_PIPELINE_SECRET").asText()).startsWith("${DEMO_PIPELINE_SECRET:?");
    assertThat(demo.path("ports").path(0).asText()).isEqualTo("8081:8081");
    assertThat(demo.path("depends_on").path("postgres").path("condition").asText()).isEqualTo("service_healthy");
    assertThat(demo.path("healthcheck").path("test").toString()).contains("/dev/tcp/127.0.0.1/8081", "GET /health");
  }

  @Test
  void theDemoServiceCommandInComposeIsOneTheCommandLineAccepts() {
    List<String> arguments = new ArrayList<>();
    services.get("demo-service").path("command").forEach(argument -> arguments.add(
        argument.asText().replaceAll("\\$\\{[A-Z_]+:-([^}]*)}", "$1")));

    CommandLine.ParseResult parsed = new CommandLine(new GreenlightCommand())
        .parseArgs(arguments.toArray(String[]::new));

    assertThat(parsed.subcommand().commandSpec().name()).isEqualTo("demo-service");
    assertThat(parsed.subcommand().matchedOptionValue("--database-url", "")).isEqualTo(
        "jdbc:postgresql://postgres:5432/catalog");
    assertThat(parsed.subcommand().matchedOptionValue("--port", 0)).isEqualTo(8081);
  }

  @Test
  void prometheusScrapesGreenlightAndTheDemoServiceUnderTheirComposeNames() throws IOException {
    JsonNode prometheus = new YAMLMapper().readTree(Path.of("deploy/prometheus/prometheus.yml").toFile());
    Map<String, JsonNode> jobs = new TreeMap<>();
    prometheus.path("scrape_configs").forEach(job -> jobs.put(job.path("job_name").asText(), job));

    JsonNode demo = jobs.get("demo-service");
    assertThat(demo.path("metrics_path").asText()).isEqualTo("/metrics");
    assertThat(demo.path("static_configs").path(0).path("targets").path(0).asText()).isEqualTo("demo-service:8081");
    assertThat(demo.path("static_configs").path(0).path("labels").path("service").asText())
        .as("the label the alert rules and the dashboard select a service by").isEqualTo("catalog");
    assertThat(jobs.get("greenlight").path("static_configs").path(0).path("targets").path(0).asText())
        .isEqualTo("greenlight:8080");
  }

  @Test
  void greenlightsRunbooksAreValidAndReachTheStackByComposeNamesWithSecretsFromTheEnvironment() throws IOException {
    JsonNode environment = services.get("greenlight").path("environment");
    String runbooksMount = "./deploy/runbooks:" + environment.path("GREENLIGHT_RUNBOOKS").asText() + ":ro";
    assertThat(services.get("greenlight").path("volumes").toString()).contains(runbooksMount);
    List<Path> runbooks;
    try (Stream<Path> files = Files.list(Path.of("deploy/runbooks"))) {
      runbooks = files.filter(file -> file.toString().endsWith(".yaml")).sorted().toList();
    }

    assertThat(runbooks).isNotEmpty().allSatisfy(file -> {
      RunbookSpec runbook = new SpecReader().read(file);
      String text = Files.readString(file);
      assertThat(URL_HOST.matcher(text).results().map(match -> match.group(1)).toList())
          .as("hosts %s reaches", file).isNotEmpty().allSatisfy(host -> assertThat(host).isIn(
              "demo-service:8081", "prometheus:9090"));
      assertThat(runbook.release().webhook().url()).startsWith("http://demo-service:8081/pipeline/");
      String signingSecret = runbook.release().webhook().signingSecret();
      assertThat(environment.path("GREENLIGHT_WEBHOOK_SIGNING_SECRETS").asText()).contains(signingSecret);
      assertThat(environment.path(signingSecret).asText()).startsWith("${" + signingSecret + ":?");
    });
    assertThat(services.get("demo-service").path("command").toString()).contains("--port=8081");
    assertThat(services.get("prometheus").path("ports").path(0).asText()).endsWith(":9090");
  }

  @Test
  void everyVariableComposeRequiresIsListedInEnvExample() throws IOException {
    String composeText = Files.readString(Path.of("docker-compose.yml"));
    String envExample = Files.readString(Path.of(".env.example"));
    List<String> required = Pattern.compile("\\$\\{([A-Z_]+):\\?").matcher(composeText).results()
        .map(match -> match.group(1)).distinct().toList();

    assertThat(required).contains("POSTGRES_PASSWORD", "DEMO_PIPELINE_SECRET")
        .allSatisfy(variable -> assertThat(envExample).containsPattern("(?m)^" + variable + "="));
  }

  @Test
  void everyMountedFileUnderDeployExists() {
    List<String> mounts = new ArrayList<>();
    services.values().forEach(service -> service.path("volumes").forEach(volume -> mounts.add(volume.asText())));
    List<Path> sources = mounts.stream().map(mount -> mount.split(":")[0]).filter(source -> source.startsWith("./"))
        .map(Path::of).toList();

    assertThat(sources).hasSizeGreaterThanOrEqualTo(6).allSatisfy(source -> {
      assertThat(source.normalize().toString()).startsWith("deploy/");
      assertThat(source).exists();
    });
  }

  @Test
  void prometheusLoadsTheAlertRulesAndAlertmanagerCallsGreenlightWithTheSecretToken() throws IOException {
    YAMLMapper yaml = new YAMLMapper();
    JsonNode prometheus = yaml.readTree(Path.of("deploy/prometheus/prometheus.yml").toFile());
    JsonNode alertmanager = yaml.readTree(Path.of("deploy/alertmanager/alertmanager.yml").toFile());

    assertThat(prometheus.path("rule_files").path(0).asText()).isEqualTo("/etc/prometheus/alerts.yml");
    assertThat(services.get("prometheus").path("volumes").toString())
        .contains("./deploy/prometheus/alerts.yml:/etc/prometheus/alerts.yml");
    JsonNode webhook = alertmanager.path("receivers").path(0).path("webhook_configs").path(0);
    assertThat(webhook.path("url").asText()).isEqualTo("http://greenlight:8080/api/alerts/alertmanager");
    assertThat(webhook.path("http_config").path("authorization").path("credentials_file").asText())
        .isEqualTo("/run/secrets/alertmanager_token");
  }
}
