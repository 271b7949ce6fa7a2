package dev.greenlight.failures;

import dev.greenlight.rollout.RolloutVariables;
import io.camunda.client.CamundaClient;
import io.camunda.client.annotation.customizer.JobWorkerValueCustomizer;
import io.camunda.client.annotation.value.JobWorkerValue;
import io.camunda.client.api.JsonMapper;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.bean.MethodInfo;
import io.camunda.client.bean.ParameterInfo;
import io.camunda.client.jobhandling.parameter.DefaultParameterResolverStrategy;
import io.camunda.client.jobhandling.parameter.ParameterResolver;
import io.camunda.client.jobhandling.parameter.ParameterResolverStrategy;
import io.camunda.client.jobhandling.result.DefaultResultProcessorStrategy;
import io.camunda.client.jobhandling.result.DocumentResultProcessorFailureHandlingStrategy;
import io.camunda.client.jobhandling.result.ResultProcessor;
import io.camunda.client.jobhandling.result.ResultProcessorContext;
import io.camunda.client.jobhandling.result.ResultProcessorStrategy;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Puts {@link JobFailures} around every job worker, next to the Camunda Spring starter's own job handling (each bean
 * here replaces the starter's default of its type, which it wraps):
 *
 * <ul>
 *   <li>variables that cannot be read for a worker (the starter resolves them before it calls the worker, outside its
 *       exception handling) fail the job through {@link JobFailures} too, with its backoff and a readable message;
 *   <li>a job that completes tells {@link JobFailures}, so a step that had failed can resolve its page;
 *   <li>every worker fetches the variables a failure message and its channels need (rollout id, runbook, version),
 *       besides its own.
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
public class JobHandlingConfiguration {

  /** What {@link JobFailures} reads from a failed job. */
  static final List<String> FAILURE_CONTEXT =
      List.of(RolloutVariables.ROLLOUT_ID, RolloutVariables.RUNBOOK, RolloutVariables.VERSION);

  @Bean
  ParameterResolverStrategy failingParameterResolverStrategy(JsonMapper jsonMapper, CamundaClient client,
      ObjectProvider<JobFailures> failures) {
    ParameterResolverStrategy starter = new DefaultParameterResolverStrategy(jsonMapper, client);
    return parameter -> guarded(starter.createResolver(parameter), parameter, failures);
  }

  @Bean
  ResultProcessorStrategy completionWatchingResultProcessorStrategy(CamundaClient client,
      DocumentResultProcessorFailureHandlingStrategy documentFailures, ObjectProvider<JobFailures> failures) {
    ResultProcessorStrategy starter = new DefaultResultProcessorStrategy(client, documentFailures);
    return new ResultProcessorStrategy() {
      @Override
      public ResultProcessor createProcessor(MethodInfo method) {
        return watched(starter.createProcessor(method), failures);
      }

      @Override
      public ResultProcessor createProcessor(Class<?> resultType) {
        return watched(starter.createProcessor(resultType), failures);
      }
    };
  }

  private static ResultProcessor watched(ResultProcessor processor, ObjectProvider<JobFailures> failures) {
    return new ResultProcessor() {
      @Override
      public Object process(ResultProcessorContext context) {
        failures.getObject().succeeded(context.getJob());
        return processor.process(context);
      }
    };
  }

  /**
   * Adds {@link #FAILURE_CONTEXT} to every worker that fetches only some variables. A worker that fetches all (an empty
   * list with {@code ActivatedJob} injected or fetch-all forced) keeps doing so; the starter's own customizer may run
   * before or after this one, and this rule holds either way.
   */
  @Bean
  JobWorkerValueCustomizer failureContextVariables() {
    return worker -> {
      List<String> fetched = worker.getFetchVariables() == null ? List.of() : worker.getFetchVariables();
      if (fetched.isEmpty() && fetchesAll(worker)) {
        return;
      }
      Set<String> variables = new LinkedHashSet<>(fetched);
      variables.addAll(FAILURE_CONTEXT);
      worker.setFetchVariables(new ArrayList<>(variables));
    };
  }

  private static boolean fetchesAll(JobWorkerValue worker) {
    return Boolean.TRUE.equals(worker.getForceFetchAllVariables()) || worker.getMethodInfo() != null
        && worker.getMethodInfo().getParameters().stream()
            .anyMatch(parameter -> ActivatedJob.class.isAssignableFrom(parameter.getParameter().getType()));
  }

  /**
   * A resolver that, when the variable cannot be read, fails the job through {@link JobFailures} before the starter's
   * fallback does. The engine then refuses the fallback's own fail command (the job is no longer active), so the
   * readable message and the backoff stand.
   */
  private static ParameterResolver guarded(ParameterResolver resolver, ParameterInfo parameter,
      ObjectProvider<JobFailures> failures) {
    return (client, job) -> {
      try {
        return resolver.resolve(client, job);
      } catch (RuntimeException unreadable) {
        failures.getObject().fail(client, job, new IllegalArgumentException("The job's variables do not fit "
            + job.getType() + " (parameter " + parameter.getParameterName() + "): " + unreadable.getMessage(),
            unreadable));
        throw new VariablesUnreadableException(unreadable);
      }
    };
  }

  /** Stops the worker after {@link JobFailures} has failed the job for variables it cannot read. */
  static final class VariablesUnreadableException extends RuntimeException {
    VariablesUnreadableException(RuntimeException cause) {
      super("The job was failed for variables that could not be read: " + cause.getMessage(), cause);
    }
  }
}
