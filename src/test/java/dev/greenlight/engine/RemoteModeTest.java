package dev.greenlight.engine;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.greenlight.GreenlightServer;
import dev.greenlight.support.EngineRecords;
import dev.greenlight.support.LocalEngine;
import io.camunda.client.CamundaClient;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.process.test.api.ZeebeTestEngine;
import io.camunda.zeebe.protocol.record.Record;
import io.camunda.zeebe.protocol.record.ValueType;
import io.camunda.zeebe.protocol.record.intent.DeploymentIntent;
import io.camunda.zeebe.protocol.record.intent.FormIntent;
import io.camunda.zeebe.protocol.record.intent.JobIntent;
import io.camunda.zeebe.protocol.record.intent.ProcessIntent;
import io.camunda.zeebe.protocol.record.value.DeploymentRecordValue;
import io.camunda.zeebe.protocol.record.value.JobRecordValue;
import io.camunda.zeebe.protocol.record.value.deployment.Process;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.Resource;

/**
 * Remote mode with the starter's own Self-Managed properties, as several Greenlight instances run it: two applications
 * connect to one cluster (here an engine outside the applications, reached over gRPC like a real gateway), no engine
 * starts inside either, the models are deployed once per version, and the instances share the jobs.
 */
class RemoteModeTest {

  static final String TALLY_JOB = "tally-job";
  static LocalEngine cluster;
  static ConfigurableApplicationContext first;
  static ConfigurableApplicationContext second;

  @BeforeAll
  static void startTwoInstances() {
    cluster = LocalEngine.start();
    first = instance("greenlight-1");
    second = instance("greenlight-2");
  }

  static ConfigurableApplicationContext instance(String name) {
    return new SpringApplicationBuilder(GreenlightServer.class, JobTally.class)
        .profiles("test")
        .run("--greenlight.engine.mode=remote",
            "--camunda.client.mode=self-managed",
            "--camunda.client.grpc-address=http://127.0.0.1:" + cluster.port(),
            "--camunda.client.rest-address=http://127.0.0.1:1",
            "--camunda.client.prefer-rest-over-grpc=false",
            "--camunda.client.worker.defaults.name=" + name,
            "--camunda.client.worker.override." + TALLY_JOB + ".stream-enabled=false",
            "--management.health.camunda.enabled=false");
  }

  @AfterAll
  static void stop() {
    for (ConfigurableApplicationContext instance : new ConfigurableApplicationContext[] {second, first}) {
      if (instance != null) {
        instance.close();
      }
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void noEmbeddedEngineStartsAndTheClientUsesTheConfiguredCluster() {
    assertThat(first.getBeanProvider(ZeebeTestEngine.class).getIfAvailable()).isNull();
    assertThat(first.getBean(CamundaClient.class).getConfiguration().getGrpcAddress())
        .hasToString("http://127.0.0.1:" + cluster.port());
  }

  @Test
  void healthShowsRemoteModeAndTheClusterAnswering() throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
        "http://127.0.0.1:" + first.getEnvironment().getProperty("local.server.port") + "/actuator/health")).build(),
        HttpResponse.BodyHandlers.ofString());
    JsonNode engine = new ObjectMapper().readTree(response.body()).path("components").path("engine");

    assertThat(engine.path("status").asText()).as(response.body()).isEqualTo("UP");
    assertThat(engine.path("details").path("mode").asText()).isEqualTo("remote");
  }

  @Test
  void infoSaysTheClustersOwnLicenceAppliesAndGivesTheClustersVersion() throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
        "http://127.0.0.1:" + first.getEnvironment().getProperty("local.server.port") + "/api/info"))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("alice:alice-pw".getBytes(UTF_8)))
        .build(), HttpResponse.BodyHandlers.ofString());
    JsonNode engine = new ObjectMapper().readTree(response.body()).path("engine");

    assertThat(engine.path("mode").asText()).as(response.body()).isEqualTo("remote");
    assertThat(engine.path("version").asText()).as("the cluster's version")
        .isEqualTo(cluster.client().newTopologyRequest().send().join().getGatewayVersion());
    assertThat(engine.path("licence").path("scope").asText()).isEqualTo("cluster");
    assertThat(engine.path("licence").path("name").isNull()).isTrue();
    assertThat(engine.path("licence").path("notice").asText())
        .startsWith("Remote Camunda 8 cluster: the cluster's own licence applies");
  }

  @Test
  void twoStartsDeployTheModelsOnceAndAChangedModelGivesTheWholeDeploymentANewVersion() {
    List<Resource> models = ModelDeployer.modelResources();
    Set<String> processIds = processIdsOf(models);
    int forms = (int) models.stream().filter(model -> model.getFilename().endsWith(".form")).count();

    assertThat(records(ValueType.DEPLOYMENT, DeploymentIntent.CREATED).stream()
        .map(record -> (DeploymentRecordValue) record.getValue())
        .filter(deployment -> deployment.getProcessesMetadata().stream()
            .anyMatch(process -> processIds.contains(process.getBpmnProcessId()))))
        .as("Greenlight's deployments: one by each instance").hasSize(2);
    assertThat(createdProcessVersions(processIds)).as("process versions created by the two starts")
        .hasSize(processIds.size()).allSatisfy((id, versions) -> assertThat(versions).as(id).containsExactly(1));
    assertThat(records(ValueType.FORM, FormIntent.CREATED)).as("forms created by the two starts").hasSize(forms);

    List<Resource> changed = models.stream().map(model -> "canary-rollout.bpmn".equals(model.getFilename())
        ? renamed(model, "name=\"Canary rollout\"", "name=\"Canary rollout, changed\"") : model).toList();
    second.getBean(ModelDeployer.class).deploy(changed);

    // Zeebe 8.6+ versions the resources of one deployment together (camunda/camunda#19859): one changed file gives
    // every process and form of the release a new version, so one Greenlight release is one set of versions
    assertThat(createdProcessVersions(processIds)).hasSize(processIds.size())
        .allSatisfy((id, versions) -> assertThat(versions).as(id).containsExactly(1, 2));
    assertThat(records(ValueType.FORM, FormIntent.CREATED)).hasSize(2 * forms);
  }

  @Test
  void bothInstancesWorkJobsOfOneTypeAndEveryJobIsCompletedExactlyOnce() {
    int jobs = 40;
    CamundaClient client = cluster.client();
    client.newDeployResourceCommand()
        .addProcessModel(Bpmn.createExecutableProcess("tally").startEvent()
            .serviceTask("tally-task", task -> task.zeebeJobType(TALLY_JOB)).endEvent().done(), "tally.bpmn")
        .send().join();
    List<Long> instances = IntStream.range(0, jobs).mapToObj(i -> client.newCreateInstanceCommand()
        .bpmnProcessId("tally").latestVersion().send().join().getProcessInstanceKey()).toList();

    await("every tally instance completed").atMost(Duration.ofSeconds(60))
        .until(() -> instances.stream().allMatch(new EngineRecords(cluster.engine())::isCompleted));

    List<Long> workedByFirst = List.copyOf(first.getBean(JobTally.class).jobKeys);
    List<Long> workedBySecond = List.copyOf(second.getBean(JobTally.class).jobKeys);
    List<Long> worked = new ArrayList<>(workedByFirst);
    worked.addAll(workedBySecond);
    List<Record<?>> completed = records(ValueType.JOB, JobIntent.COMPLETED).stream()
        .filter(record -> ((JobRecordValue) record.getValue()).getType().equals(TALLY_JOB)).toList();

    assertThat(worked).as("jobs handled, over both instances").hasSize(jobs).doesNotHaveDuplicates();
    assertThat(completed.stream().map(Record::getKey).toList()).as("jobs completed in the engine").hasSize(jobs).doesNotHaveDuplicates()
        .containsExactlyInAnyOrderElementsOf(worked);
    assertThat(workedByFirst).as("jobs greenlight-1 did").isNotEmpty();
    assertThat(workedBySecond).as("jobs greenlight-2 did").isNotEmpty();
    assertThat(completed.stream().collect(Collectors.groupingBy(
        record -> ((JobRecordValue) record.getValue()).getWorker(), Collectors.counting())))
        .as("completed jobs by worker name").containsOnlyKeys("greenlight-1", "greenlight-2")
        .containsEntry("greenlight-1", (long) workedByFirst.size())
        .containsEntry("greenlight-2", (long) workedBySecond.size());
  }

  /** A worker each instance runs, as Greenlight's own are run: it only notes which jobs this instance handled. */
  public static class JobTally {
    final ConcurrentLinkedQueue<Long> jobKeys = new ConcurrentLinkedQueue<>();

    /**
     * Few jobs at a time, so one instance's first poll cannot take them all. It polls (the instances override
     * streaming for it): this stand-in cluster's in-memory job streamer pushes every job to the first stream it knows,
     * where a Camunda cluster picks one of the instances' streams at random. Each job takes a moment, as real work
     * does, so one instance cannot drain all of them between two polls of the other on a busy machine.
     */
    @JobWorker(type = TALLY_JOB, maxJobsActive = 4)
    public void tally(ActivatedJob job) throws InterruptedException {
      jobKeys.add(job.getKey());
      Thread.sleep(100);
    }
  }

  private static List<Record<?>> records(ValueType type, Enum<?> intent) {
    return new EngineRecords(cluster.engine()).all().stream()
        .filter(record -> record.getValueType() == type && record.getIntent() == intent).toList();
  }

  /** Versions created per process of processes/, in order. */
  private static Map<String, List<Integer>> createdProcessVersions(Set<String> processIds) {
    Map<String, List<Integer>> versions = new TreeMap<>();
    records(ValueType.PROCESS, ProcessIntent.CREATED).stream().map(record -> (Process) record.getValue())
        .filter(process -> processIds.contains(process.getBpmnProcessId()))
        .forEach(process -> versions.computeIfAbsent(process.getBpmnProcessId(), id -> new ArrayList<>())
            .add(process.getVersion()));
    return versions;
  }

  private static Set<String> processIdsOf(List<Resource> models) {
    return models.stream().filter(model -> model.getFilename().endsWith(".bpmn"))
        .flatMap(model -> Bpmn.readModelFromStream(new ByteArrayInputStream(bytes(model)))
            .getModelElementsByType(io.camunda.zeebe.model.bpmn.instance.Process.class).stream())
        .map(process -> process.getId())
        .collect(Collectors.toSet());
  }

  private static byte[] bytes(Resource resource) {
    try (InputStream in = resource.getInputStream()) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Resource renamed(Resource model, String from, String to) {
    String text = new String(bytes(model), StandardCharsets.UTF_8);
    assertThat(text).contains(from);
    return new ByteArrayResource(text.replace(from, to).getBytes(StandardCharsets.UTF_8)) {
      @Override
      public String getFilename() {
        return model.getFilename();
      }
    };
  }
}
