package dev.greenlight.processes.model;

import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;

/**
 * Call activity {@code monitoring-window}: measures the stage's gate {@code stage.initialDelay} after the stage starts,
 * then every {@code stage.interval}, until {@code stage.duration} has passed; then the stage passes only on evidence
 * (its {@code stage.minMeasurements} valid readings and a valid last one), else it breaches or, where the stage says
 * ask, a person chooses between watching it again and rolling back. The {@code gate} it starts from is the previous
 * stage's, so readings without a number count on across stages. Ends with {@code stageOutcome} = passed, breached or
 * alert, and the last {@code gate}. An Alertmanager alert for the rollout (message {@code stage-alert}) interrupts at
 * once instead of waiting for a poll.
 */
final class MonitoringWindowModel {

  static final String PROCESS_ID = "monitoring-window";

  private MonitoringWindowModel() {}

  static BpmnModelInstance build() {
    return Bpmn.createExecutableProcess(PROCESS_ID).name("Monitoring window")
        .startEvent("window-opened").name("Window opened")
        .exclusiveGateway("watch-joined")
        .subProcess("watch-gate").name("Watch the gate")
          .embeddedSubProcess()
          .startEvent("watch-started").name("Watch started")
          .intermediateCatchEvent("wait-for-first-check").name("Wait for the first check")
            .timerWithDurationExpression("stage.initialDelay")
          .serviceTask("measure-gate").name("Measure the gate").zeebeJobType("check-metrics")
          .exclusiveGateway("gate-verdict").name("Gate verdict?")
            .condition("breached", "=gate.breached = true")
            .endEvent("breach-found").name("Breach found")
          .moveToNode("gate-verdict")
            .condition("inconclusive, ask", "=gate.verdict = \"inconclusive\" and stage.onInconclusive = \"ask\"")
            .userTask("decide-inconclusive", task -> Flows.decisionTask(task.name("Decide on inconclusive measurements"),
                Flows.DECIDERS, "\"Measurements of stage \" + stage.name + \" are inconclusive. Keep watching?\"",
                "\"The metric source gave no usable numbers; see the gate's measurements in Operate.\""))
            .exclusiveGateway("keep-watching").name("Keep watching?")
              .condition("no-go", Flows.DECIDED_NO_GO)
              .endEvent("stopped-by-decision").name("Stopped by decision")
          .moveToNode("gate-verdict")
            .intermediateCatchEvent("wait-for-next-check").name("Wait for the next check")
              .timerWithDurationExpression("stage.interval")
            .connectTo("measure-gate")
          .moveToNode("keep-watching")
            .connectTo("wait-for-next-check")
          .subProcessDone()
        .exclusiveGateway("breach-joined")
        .endEvent("stage-breached").name("Stage breached")
          .zeebeOutputExpression("\"breached\"", "stageOutcome")
        .moveToActivity("watch-gate")
          .boundaryEvent("stage-duration-elapsed").name("Stage duration elapsed")
            .timerWithDurationExpression("stage.duration")
          .serviceTask("judge-evidence").name("Judge the stage's evidence").zeebeJobType("conclude-stage")
          .exclusiveGateway("enough-evidence").name("Enough valid readings?")
          .endEvent("stage-passed").name("Stage passed")
            .zeebeOutputExpression("\"passed\"", "stageOutcome")
          .moveToNode("enough-evidence")
            .condition("no, ask", "=gate.breached != true and gate.verdict = \"inconclusive\"")
            .userTask("decide-without-evidence", task -> Flows.decisionTask(
                task.name("Decide on a stage without enough valid readings"), Flows.DECIDERS,
                "\"Stage \" + stage.name + \" ended without enough valid readings. Watch it again?\"",
                "gate.breachReason + \". No means roll back.\""))
            .exclusiveGateway("watch-again").name("Watch the stage again?")
              .condition("go", Flows.DECIDED_GO)
              .connectTo("watch-joined")
            .moveToNode("watch-again")
              .connectTo("breach-joined")
          .moveToNode("enough-evidence")
            .condition("no", "=gate.breached = true")
            .connectTo("breach-joined")
        .moveToActivity("watch-gate")
          .boundaryEvent("alert-fired").name("Alert fired")
            .message(m -> m.name(Flows.ALERT_MESSAGE).zeebeCorrelationKeyExpression("rolloutId"))
          .endEvent("stage-alerted").name("Stage alerted")
            .zeebeOutputExpression("\"alert\"", "stageOutcome")
            .zeebeOutputExpression("context merge(if gate = null then {} else gate, {breached: true, breachReason: "
                + "\"Alertmanager alert \" + alert.name + \" fired: \" + alert.summary})", "gate")
        .done();
  }
}
