package dev.greenlight.integrations.traffic.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;

/** The cluster connection: kubeconfig or in-cluster service account, created only when a runbook first needs it. */
@Configuration
public class KubernetesClientConfiguration {

  @Bean(destroyMethod = "close")
  @Lazy
  public KubernetesClient kubernetesClient() {
    return new KubernetesClientBuilder().build();
  }
}
