package dev.greenlight.integrations.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;

/**
 * The Kubernetes client, configured the usual way (in-cluster service account, {@code KUBECONFIG} or
 * {@code ~/.kube/config}), shared by the traffic and release providers. Created on first use: runbooks that do not
 * use Kubernetes never touch a cluster.
 */
@Configuration(proxyBeanMethods = false)
public class KubernetesClientConfiguration {

  @Bean(destroyMethod = "close")
  @Lazy
  KubernetesClient kubernetesClient() {
    return new KubernetesClientBuilder().build();
  }
}
