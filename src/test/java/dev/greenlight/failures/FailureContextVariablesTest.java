package dev.greenlight.failures;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.annotation.customizer.JobWorkerValueCustomizer;
import io.camunda.client.annotation.value.JobWorkerValue;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.bean.MethodInfo;
import io.camunda.client.bean.ParameterInfo;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;

/** Every worker fetches what a failure message and its channels need, and a worker that fetches all keeps doing so. */
class FailureContextVariablesTest {

  final JobWorkerValueCustomizer customizer = new JobHandlingConfiguration().failureContextVariables();

  @Test
  void aWorkerThatFetchesSomeVariablesAlsoFetchesTheRolloutIdRunbookAndVersion() {
    JobWorkerValue worker = worker(new ArrayList<>(List.of("runbook", "weight")), String.class);

    customizer.customize(worker);

    assertThat(worker.getFetchVariables()).containsExactly("runbook", "weight", "rolloutId", "version");
  }

  @Test
  void aWorkerThatFetchesEverythingKeepsFetchingEverything() {
    JobWorkerValue withJob = worker(new ArrayList<>(), ActivatedJob.class);
    JobWorkerValue forced = worker(new ArrayList<>(), String.class);
    forced.setForceFetchAllVariables(true);

    customizer.customize(withJob);
    customizer.customize(forced);

    assertThat(withJob.getFetchVariables()).isEmpty();
    assertThat(forced.getFetchVariables()).isEmpty();
  }

  @Test
  void aWorkerWhoseVariablesAreNotDerivedYetGetsThemAddedToWhatTheStarterDerives() {
    JobWorkerValue worker = worker(new ArrayList<>(), String.class);

    customizer.customize(worker);

    assertThat(worker.getFetchVariables()).containsExactly("rolloutId", "runbook", "version");
  }

  private static JobWorkerValue worker(List<String> fetchVariables, Class<?> parameterType) {
    JobWorkerValue worker = new JobWorkerValue();
    worker.setType("shift-traffic");
    worker.setFetchVariables(fetchVariables);
    MethodInfo method = Mockito.mock(MethodInfo.class);
    ParameterInfo parameter = Mockito.mock(ParameterInfo.class);
    java.lang.reflect.Parameter reflected = Mockito.mock(java.lang.reflect.Parameter.class);
    Mockito.doReturn(parameterType).when(reflected).getType();
    Mockito.when(parameter.getParameter()).thenReturn(reflected);
    Mockito.when(method.getParameters()).thenReturn(List.of(parameter));
    worker.setMethodInfo(method);
    return worker;
  }
}
