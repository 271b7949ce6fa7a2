package dev.greenlight.support;

import io.camunda.client.CamundaClient;

/** Deploys the stand-in canary process of the API tests; deploying it again is a no-op for the engine. */
public final class RolloutTestProcess {

  private RolloutTestProcess() {}

  public static void deploy(CamundaClient client) {
    client.newDeployResourceCommand().addResourceFromClasspath("rollout-api/canary-rollout.bpmn").send().join();
  }
}
