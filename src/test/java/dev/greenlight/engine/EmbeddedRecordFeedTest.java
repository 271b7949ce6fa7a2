package dev.greenlight.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.greenlight.support.LocalEngine;
import io.camunda.client.CamundaClient;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.process.test.api.RecordStreamSource;
import io.camunda.zeebe.process.test.api.ZeebeTestEngine;
import io.camunda.zeebe.protocol.record.Record;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each record reaches each subscriber exactly once, in log order, including subscribers that join late, also when a
 * read races the engine appending to its log.
 */
class EmbeddedRecordFeedTest {

  @Test
  void deliversEveryRecordOnceInOrder() throws Exception {
    try (LocalEngine local = LocalEngine.start()) {
      ZeebeTestEngine engine = local.engine();
      CamundaClient client = local.client();
      EmbeddedRecordFeed feed = new EmbeddedRecordFeed(engine);
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

  @Test
  @SuppressWarnings("unchecked")
  void aReadRacingTheEnginesAppendIsReadAgainAndLosesNothing() {
    ZeebeTestEngine engine = mock(ZeebeTestEngine.class);
    RecordStreamSource source = mock(RecordStreamSource.class);
    Record<?> first = mock(Record.class);
    Record<?> second = mock(Record.class);
    when(engine.getRecordStreamSource()).thenReturn(source);
    when(source.getRecords())
        .thenThrow(new NullPointerException("log entry not yet visible"))
        .thenReturn(List.of(first, second));
    List<Record<?>> delivered = new ArrayList<>();
    EmbeddedRecordFeed feed = new EmbeddedRecordFeed(engine);

    feed.subscribe(delivered::add);
    feed.catchUp();

    assertThat(delivered).containsExactly(first, second);
  }
}
