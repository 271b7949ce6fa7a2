package dev.greenlight.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.greenlight.support.EngineRecords;
import dev.greenlight.support.GreenlightSpringTest;
import io.camunda.client.CamundaClient;
import io.camunda.zeebe.process.test.api.ZeebeTestEngine;
import io.camunda.zeebe.protocol.record.RecordType;
import io.camunda.zeebe.protocol.record.ValueType;
import io.camunda.zeebe.protocol.record.intent.DeploymentIntent;
import io.camunda.zeebe.protocol.record.value.DeploymentRecordValue;
import io.camunda.zeebe.protocol.record.value.deployment.ProcessMetadataValue;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.Resource;

/** The server on the embedded engine: healthy with the engine in its health, models deployed before it serves. */
@GreenlightSpringTest
class ServerStartupTest {

  @Autowired TestRestTemplate http;
  @Autowired ZeebeTestEngine engine;
  @Autowired CamundaClient client;

  @Test
  @SuppressWarnings("unchecked")
  void healthIncludesTheEngine() {
    Map<String, Object> health = http.getForObject("/actuator/health", Map.class);

    assertThat(health).containsEntry("status", "UP");
    Map<String, Object> engineHealth = (Map<String, Object>) ((Map<String, Object>) health.get("components")).get("engine");
    assertThat(engineHealth).containsEntry("status", "UP");
    assertThat((Map<String, Object>) engineHealth.get("details"))
        .containsEntry("mode", "embedded")
        .containsEntry("partitions", 1);
  }

  @Test
  void everyProcessAndFormIsDeployedInOneDeploymentAtStartUp() {
    List<DeploymentRecordValue> deployments = new EngineRecords(engine).all().stream()
        .filter(r -> r.getValueType() == ValueType.DEPLOYMENT && r.getRecordType() == RecordType.EVENT)
        .filter(r -> r.getIntent() == DeploymentIntent.CREATED)
        .map(r -> (DeploymentRecordValue) r.getValue())
        .toList();

    assertThat(deployments).isNotEmpty();
    DeploymentRecordValue first = deployments.get(0);
    assertThat(first.getProcessesMetadata()).extracting(ProcessMetadataValue::getBpmnProcessId).contains("smoke-check");
    assertThat(first.getFormMetadata()).extracting(form -> form.getFormId()).contains("smoke-check-review");
    List<String> deployedFiles = java.util.stream.Stream.concat(
        first.getProcessesMetadata().stream().map(ProcessMetadataValue::getResourceName),
        first.getFormMetadata().stream().map(form -> form.getResourceName())).toList();
    assertThat(deployedFiles).containsExactlyInAnyOrderElementsOf(ModelDeployer.modelResources().stream().map(Resource::getFilename).toList());
  }

  @Test
  void aRejectedModelStopsWithTheEnginesReasonAndTheFileName() {
    String broken = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t">
          <bpmn:process id="broken-process" isExecutable="true">
            <bpmn:startEvent id="start" />
            <bpmn:serviceTask id="task-without-type" />
          </bpmn:process>
        </bpmn:definitions>
        """;
    Resource resource = new ByteArrayResource(broken.getBytes(StandardCharsets.UTF_8)) {
      @Override
      public String getFilename() {
        return "broken-process.bpmn";
      }
    };

    assertThatThrownBy(() -> new ModelDeployer(client).deploy(List.of(resource)))
        .isInstanceOf(ModelDeployer.ModelDeploymentException.class)
        .hasMessageContaining("Deploying broken-process.bpmn failed")
        .hasMessageContaining("task-without-type");
  }
}
