package dev.greenlight.rehearsal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.greenlight.spec.RunbookSpec;
import dev.greenlight.spec.SpecReader;
import dev.greenlight.spec.Stage;
import org.junit.jupiter.api.Test;

/** The rehearsal's metric readings: healthy ones meet the stage and fire no trigger, breaching ones break the stage. */
class StageReadingsTest {

  private final RunbookSpec runbook = new SpecReader().readYaml("""
      service: checkout
      strategy: staged-flags
      flags: {provider: http, url: 'http://flags', names: {newSystem: NEW_SYSTEM}}
      release: {provider: command, command: {deploy: [/bin/true], revert: [/bin/true], currentVersion: [/bin/echo, 1.0.0]}}
      metrics:
        provider: prometheus
        url: http://prometheus
        queries:
          errorRate: {query: errors, unit: ratio}
          successRate: {query: successes, unit: ratio}
          latencyP95: {query: latency, unit: seconds}
          queueDepth: {query: depth, unit: count}
          stuckJobs: {query: stuck, unit: count}
      stages:
        - name: first
          weight: 10
          duration: PT1H
          interval: PT10M
          thresholds: {errorRate: "< 1%", successRate: ">= 95%", latencyP95: "< 200ms", queueDepth: "<= 100"}
        - name: last
          weight: 100
          duration: PT1H
          interval: PT10M
          thresholds: {errorRate: "< 0.5%", stuckJobs: "<= 0"}
      rollbackTriggers:
        - {name: errors, when: {errorRate: "> 3%"}, action: full}
        - {name: queue, when: {queueDepth: "> 80"}, action: quick}
      approvals: {deciders: [release-managers]}
      """, "staged.yaml");
  private final Stage first = runbook.stages().get(0);
  private final Stage last = runbook.stages().get(1);

  @Test
  void healthyReadingsLieWellInsideTheStagesThresholds() {
    assertThat(reading(first, false, "errorRate")).isCloseTo(0.005, within(1e-9));
    assertThat(reading(first, false, "successRate")).isCloseTo(0.975, within(1e-9));
    assertThat(reading(first, false, "latencyP95")).isCloseTo(0.1, within(1e-9));
    assertThat(reading(last, false, "errorRate")).isCloseTo(0.0025, within(1e-9));
    assertThat(reading(last, false, "stuckJobs")).isZero();
  }

  @Test
  void healthyReadingsFireNoRollbackTrigger() {
    assertThat(reading(first, false, "queueDepth")).isCloseTo(40, within(1e-9));
    assertThat(reading(last, false, "queueDepth")).isCloseTo(40, within(1e-9));
  }

  @Test
  void betweenStagesAReadingMeetsEveryStage() {
    assertThat(reading(null, false, "errorRate")).isCloseTo(0.0025, within(1e-9));
  }

  @Test
  void breachingReadingsBreakTheStageByTwiceItsLimitWithoutFiringATrigger() {
    assertThat(reading(first, true, "errorRate")).isCloseTo(0.02, within(1e-9));
    assertThat(reading(first, true, "successRate")).isCloseTo(0.475, within(1e-9));
    assertThat(reading(first, true, "latencyP95")).isCloseTo(0.4, within(1e-9));
    assertThat(reading(first, true, "queueDepth")).isGreaterThan(100);
    assertThat(reading(last, true, "stuckJobs")).isGreaterThan(0);
  }

  @Test
  void aBreachStaysInsideTheTriggersWhereItCan() {
    RunbookSpec tight = new SpecReader().readYaml("""
        service: checkout
        strategy: canary
        traffic: {provider: http, url: 'http://router'}
        release: {provider: command, command: {deploy: [deploy], revert: [revert], currentVersion: [version]}}
        metrics: {provider: prometheus, url: 'http://prometheus', queries: {errorRate: {query: e, unit: ratio}}}
        stages:
          - {name: canary, weight: 10, duration: PT1H, interval: PT10M, thresholds: {errorRate: "< 1%"}}
        rollbackTriggers:
          - {name: errors, when: {errorRate: "> 1.5%"}, action: full}
        approvals: {deciders: [release-managers]}
        """, "tight.yaml");

    double breach = StageReadings.reading(tight, tight.stages().get(0), true, "errorRate");

    assertThat(breach).isGreaterThanOrEqualTo(0.01).isLessThanOrEqualTo(0.015);
  }

  private double reading(Stage stage, boolean breach, String query) {
    return StageReadings.reading(runbook, stage, breach, query);
  }
}
