package dev.greenlight.processes;

import static dev.greenlight.support.PrometheusScrape.value;
import static dev.greenlight.support.PrometheusScrape.valueOr0;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;

/**
 * Greenlight's rollout metrics on {@code /actuator/prometheus} while a real canary rollout runs on the embedded engine:
 * started, the active rollout's stage and traffic weight, gate measurements, breach to rollback, and the end by
 * outcome, after which the rollout's gauges are gone. Counters are compared with their value before the rollout,
 * since the process tests share one application.
 */
class RolloutMetricsProcessTest extends RunbookProcessTest {

  static final String STARTED = "greenlight_rollouts_started_total{service=\"checkout\",strategy=\"canary\"}";
  static final String ROLLED_BACK =
      "greenlight_rollouts_ended_total{outcome=\"rolled-back\",service=\"checkout\",strategy=\"canary\"}";
  static final String WEIGHT = "greenlight_rollout_traffic_weight_percent{service=\"checkout\",strategy=\"canary\"}";
  static final String FAILED_GATES = "greenlight_gate_evaluations_total{verdict=\"fail\"}";
  static final String ROLLBACKS_TIMED = "greenlight_breach_to_rollback_seconds_count";

  @Autowired TestRestTemplate http;

  @Test
  void aCanaryShowsItsStageAndWeightWhileActiveAndIsCountedByOutcomeWhenItEnds() {
    String before = scrape();

    Rollout rollout = start("canary", CanaryRolloutProcessTest.DEFAULTS);
    String inCanaryStage = scrape();
    assertThat(value(inCanaryStage, STARTED)).isEqualTo(valueOr0(before, STARTED) + 1);
    assertThat(value(inCanaryStage, stage("canary"))).isEqualTo(1);
    assertThat(value(inCanaryStage, WEIGHT)).isEqualTo(1);

    driver.advance(Duration.ofHours(2), Duration.ofMinutes(30));
    String inRampStage = scrape();
    assertThat(value(inRampStage, stage("ramp"))).isEqualTo(2);
    assertThat(inRampStage).doesNotContain(stage("canary"));
    assertThat(value(inRampStage, WEIGHT)).isEqualTo(10);

    SERVICE.set("errorRate", 0.02);
    driver.advance(Duration.ofMinutes(30), Duration.ofMinutes(30));
    assertThat(driver.completed(rollout.key())).as(driver.describe(rollout.key())).isTrue();

    String ended = scrape();
    assertThat(value(ended, ROLLED_BACK)).isEqualTo(valueOr0(before, ROLLED_BACK) + 1);
    assertThat(value(ended, FAILED_GATES)).isEqualTo(valueOr0(before, FAILED_GATES) + 1);
    assertThat(value(ended, ROLLBACKS_TIMED)).isEqualTo(valueOr0(before, ROLLBACKS_TIMED) + 1);
    assertThat(ended).doesNotContain("greenlight_rollout_stage{service=\"checkout\"", WEIGHT, rollout.id());
  }

  private static String stage(String name) {
    return "greenlight_rollout_stage{service=\"checkout\",stage=\"" + name + "\",strategy=\"canary\"}";
  }

  private String scrape() {
    return http.getForObject("/actuator/prometheus", String.class);
  }
}
