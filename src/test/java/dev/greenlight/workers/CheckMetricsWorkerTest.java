package dev.greenlight.workers;

import dev.greenlight.metrics.GreenlightMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.greenlight.gates.GateCheck;
import dev.greenlight.integrations.compare.HttpCompareStatistics;
import dev.greenlight.gates.GateState;
import dev.greenlight.gates.GateVerdict;
import dev.greenlight.integrations.JsonHttp;
import dev.greenlight.integrations.metrics.MetricProviders;
import dev.greenlight.rollout.RolloutVariables;
import dev.greenlight.secrets.Secrets;
import dev.greenlight.spec.MetricSource;
import dev.greenlight.spec.RollbackTrigger;
import dev.greenlight.spec.RollbackTrigger.RollbackAction;
import dev.greenlight.spec.RunbookSpec;
import dev.greenlight.spec.Stage;
import dev.greenlight.spec.Strategy;
import dev.greenlight.spec.Threshold;
import dev.greenlight.spec.Threshold.Comparison;
import dev.greenlight.support.LocalPrometheus;
import dev.greenlight.support.ScrapedService;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.mock.env.MockEnvironment;

/** check-metrics against the real Prometheus scraping a local service whose error count the test pushes up. */
class CheckMetricsWorkerTest {

  static final String ERROR_RATE = "sum(rate(http_requests_total{service=\"{{service}}\",version=\"{{version}}\","
      + "status=~\"5..\"}[5s])) / sum(rate(http_requests_total{service=\"{{service}}\",version=\"{{version}}\"}[5s]))";
  static final Stage CANARY = new Stage("canary", 1, Duration.ofHours(2), Duration.ofSeconds(1), Duration.ofSeconds(1), 3,
      Map.of("errorRate", new Threshold(Comparison.BELOW, 0.01, "< 1%")), 2, null, Stage.BreachAction.ROLLBACK,
      null, null, null, null);

  @RegisterExtension static final ScrapedService checkout = new ScrapedService();
  static CheckMetricsWorker worker;

  @BeforeAll
  static void connectTheWorker() {
    Secrets secrets = new Secrets(new MockEnvironment()
        .withProperty("greenlight.secrets.prom-user", LocalPrometheus.USERNAME)
        .withProperty("greenlight.secrets.prom-password", LocalPrometheus.PASSWORD));
    JsonHttp http = new JsonHttp(new ObjectMapper());
    MetricProviders providers = new MetricProviders(http, secrets);
    worker = new CheckMetricsWorker(new GateCheck(providers, new HttpCompareStatistics(http), Clock.systemUTC()),
        new GreenlightMetrics(new SimpleMeterRegistry(), Clock.systemUTC()));
  }

  @BeforeEach
  void healthyService() {
    checkout.service().errorsPerScrape(0);
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
        .until(() -> check(runbook(List.of()), null).verdict() == GateVerdict.PASS);
  }

  @Test
  void theGateGoesFromPassToFailAndBreachesAtTheFailureLimit() {
    RunbookSpec runbook = runbook(List.of());
    GateState passing = check(runbook, check(runbook, null));
    assertThat(passing.verdict()).isEqualTo(GateVerdict.PASS);
    assertThat(passing.metrics().get("errorRate").value()).isZero();

    checkout.service().errorsPerScrape(20);
    List<GateState> seen = new ArrayList<>();
    GateState[] gate = {passing};
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> {
      gate[0] = check(runbook, gate[0]);
      seen.add(gate[0]);
      return gate[0].breached();
    });

    GateState breached = gate[0];
    assertThat(seen.stream().filter(g -> !g.breached())).extracting(GateState::verdict).contains(GateVerdict.FAIL);
    assertThat(breached.verdict()).isEqualTo(GateVerdict.FAIL);
    assertThat(breached.consecutiveFailures()).isEqualTo(2);
    assertThat(breached.metrics().get("errorRate").value()).isGreaterThan(0.01);
    assertThat(breached.breachReason()).startsWith("error rate ")
        .endsWith(" % is above the 1 % limit (2 failed readings in a row)");
    assertThat(breached.trigger()).isNull();
  }

  @Test
  void aRedFlagRollsBackAtTheFirstMeasurementThatCrossesIt() {
    RollbackTrigger highErrorRate = new RollbackTrigger("high-error-rate",
        Map.of("errorRate", new Threshold(Comparison.ABOVE, 0.3, "> 30%")), RollbackAction.QUICK, null);
    RunbookSpec runbook = runbook(List.of(highErrorRate));

    checkout.service().errorsPerScrape(60);
    GateState fired = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
        .until(() -> check(runbook, null), gate -> gate.trigger() != null);

    assertThat(fired.breached()).isTrue();
    assertThat(fired.action()).isEqualTo(RollbackAction.QUICK);
    assertThat(fired.breachReason()).startsWith("rollback trigger high-error-rate fired: error rate ")
        .endsWith(" % is above 30 %");
  }

  @Test
  void aThresholdOnAnUndefinedQueryIsABadSpec() {
    Stage stage = new Stage("canary", 1, null, Duration.ofSeconds(1), Duration.ofSeconds(1), 3,
        Map.of("latencyP99", new Threshold(Comparison.BELOW, 0.2, "< 200ms")), 1, null, null, null, null, null, null);

    assertThatThrownBy(() -> worker.checkMetrics(runbook(List.of()), stage, null, "r-1", "2.0.0"))
        .hasMessage("stage 'canary' and the rollback triggers measure [latencyP99], which metrics.queries does not"
            + " define (it defines [errorRate])");
  }

  private static GateState check(RunbookSpec runbook, GateState previous) {
    return worker.checkMetrics(runbook, CANARY, previous, "checkout-20261123-7f3a", "2.0.0").get(RolloutVariables.GATE);
  }

  private static RunbookSpec runbook(List<RollbackTrigger> triggers) {
    MetricSource metrics = new MetricSource(MetricSource.MetricProvider.PROMETHEUS, checkout.prometheusUrl(),
        "prom-user", "prom-password", null,
        Map.of("errorRate", new MetricSource.Query(ERROR_RATE, null, null, MetricSource.Unit.RATIO)), 0);
    return new RunbookSpec("checkout", Strategy.CANARY, null, null, null, null, null, null, metrics, List.of(CANARY), triggers,
        null, null);
  }
}
