package dev.greenlight.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.greenlight.support.LocalEngine;
import io.camunda.client.CamundaClient;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.process.test.api.ZeebeTestEngine;
import io.camunda.zeebe.protocol.record.Record;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each record reaches each subscriber exactly once, in log order, including subscribers that join late.
 */
class EmbeddedRecordFeedTest {

  @Test
  void deliversEveryRecordOnceInOrder() throws Exception {
    try (LocalEngine local = LocalEngine.start()) {
      ZeebeTestEngine engine = local.engine();
      CamundaClient client = local.client();
      EmbeddedRecordFeed feed = new EmbeddedRecordFeed(local.engine(), null);
      List<Long> early = new ArrayList<>();
      feed.subscribe(record -> early.add(record.getPosition()));

      client.newDeployResourceCommand()
          .addProcessModel(Bpmn.createExecutableProcess("p").startEvent().endEvent().done(), "p.bpmn")
          .send().join();
      engine.waitForIdleState(Duration.ofSeconds(5));
      feed.catchUp();
      feed.catchUp();
      int afterDeployment = early.size();

      List<Long> late = new ArrayList<>();
      feed.subscribe(record -> late.add(record.getPosition()));
      client.newCreateInstanceCommand().bpmnProcessId("p").latestVersion().send().join();
      engine.waitForIdleState(Duration.ofSeconds(5));
      feed.catchUp();

      List<Long> all = new ArrayList<>();
      engine.getRecordStreamSource().getRecords().forEach((Record<?> r) -> all.add(r.getPosition()));
      assertThat(afterDeployment).isPositive();
      assertThat(early).isEqualTo(all);
      assertThat(late).isEqualTo(all);
    }
  }
}
