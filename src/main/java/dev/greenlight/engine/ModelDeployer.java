package dev.greenlight.engine;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.DeployResourceCommandStep1;
import io.camunda.client.api.command.DeployResourceCommandStep1.DeployResourceCommandStep2;
import io.camunda.client.api.response.DeploymentEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * Deploys every BPMN in {@code processes/} and every form in {@code forms/} in one deployment at start-up.
 * It runs before the web server opens, so a healthy server has its models deployed; a rejected deployment stops
 * start-up with the engine's reason, and nothing of it is deployed. Deploying the same files again (a restart, a
 * second instance) creates no new versions; when any file changed, Zeebe gives every process and form of the
 * deployment a new version, so the models of one Greenlight release always share one deployment.
 */
@Component
public class ModelDeployer implements SmartInitializingSingleton {

  static final String[] LOCATIONS = {"classpath*:processes/*.bpmn", "classpath*:forms/*.form"};
  private static final Logger log = LoggerFactory.getLogger(ModelDeployer.class);
  /** Parsing and validating every model takes the engine a few seconds, more on a busy machine. */
  private static final Duration DEPLOY_TIMEOUT = Duration.ofSeconds(60);

  private final CamundaClient client;

  public ModelDeployer(CamundaClient client) {
    this.client = client;
  }

  @Override
  public void afterSingletonsInstantiated() {
    deploy(modelResources());
  }

  DeploymentEvent deploy(List<Resource> resources) {
    if (resources.isEmpty()) {
      throw new IllegalStateException("No BPMN or form found on the classpath under processes/ and forms/");
    }
    List<String> names = resources.stream().map(ModelDeployer::resourceName).toList();
    DeployResourceCommandStep1 command = client.newDeployResourceCommand();
    DeployResourceCommandStep2 withResources = null;
    for (Resource resource : resources) {
      withResources = (withResources == null ? command : withResources)
          .addResourceBytes(bytes(resource), resourceName(resource));
    }
    DeploymentEvent deployment;
    try {
      deployment = withResources.requestTimeout(DEPLOY_TIMEOUT).send().join();
    } catch (RuntimeException e) {
      throw new ModelDeploymentException(names, e);
    }
    deployment.getProcesses().forEach(process -> log.info("Deployed process {} version {} ({})",
        process.getBpmnProcessId(), process.getVersion(), process.getResourceName()));
    deployment.getForm().forEach(form -> log.info("Deployed form {} version {} ({})",
        form.getFormId(), form.getVersion(), form.getResourceName()));
    log.info("Deployment {}: {} processes and {} forms", deployment.getKey(),
        deployment.getProcesses().size(), deployment.getForm().size());
    return deployment;
  }

  /** The BPMN files and forms Greenlight deploys, from {@code processes/} and {@code forms/} on the classpath. */
  public static List<Resource> modelResources() {
    PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
    List<Resource> resources = new ArrayList<>();
    for (String location : LOCATIONS) {
      try {
        resources.addAll(Arrays.asList(resolver.getResources(location)));
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot list " + location, e);
      }
    }
    resources.sort(Comparator.comparing(ModelDeployer::resourceName));
    return resources;
  }

  private static String resourceName(Resource resource) {
    return resource.getFilename();
  }

  private static byte[] bytes(Resource resource) {
    try (InputStream in = resource.getInputStream()) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + resource.getDescription(), e);
    }
  }

  /** The engine rejected the deployment; its message names the resource and element at fault. */
  public static class ModelDeploymentException extends RuntimeException {
    ModelDeploymentException(List<String> resources, RuntimeException cause) {
      super("Deploying " + String.join(", ", resources) + " failed: " + cause.getMessage(), cause);
    }
  }
}
