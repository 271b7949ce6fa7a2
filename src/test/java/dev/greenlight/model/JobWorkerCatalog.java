package dev.greenlight.model;

import io.camunda.client.annotation.JobWorker;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.stereotype.Component;
import org.springframework.util.ClassUtils;

/** The {@code @JobWorker} methods of a package, by job type: what the BPMN service tasks can rely on. */
public final class JobWorkerCatalog {

  public static final String WORKERS_PACKAGE = "dev.greenlight.workers";

  private final Map<String, List<String>> methodsByType;

  private JobWorkerCatalog(Map<String, List<String>> methodsByType) {
    this.methodsByType = methodsByType;
  }

  public static JobWorkerCatalog scan(String basePackage) {
    var scanner = new ClassPathScanningCandidateComponentProvider(false);
    scanner.addIncludeFilter(new AnnotationTypeFilter(Component.class));
    Map<String, List<String>> methodsByType = new TreeMap<>();
    for (BeanDefinition candidate : scanner.findCandidateComponents(basePackage)) {
      Class<?> type = ClassUtils.resolveClassName(candidate.getBeanClassName(), JobWorkerCatalog.class.getClassLoader());
      for (Method method : type.getDeclaredMethods()) {
        JobWorker worker = method.getAnnotation(JobWorker.class);
        if (worker != null) {
          String jobType = worker.type().isEmpty() ? method.getName() : worker.type();
          methodsByType.computeIfAbsent(jobType, t -> new ArrayList<>()).add(type.getSimpleName() + "." + method.getName());
        }
      }
    }
    return new JobWorkerCatalog(methodsByType);
  }

  /** The worker methods declared for a job type: exactly one is right. */
  public List<String> workersFor(String jobType) {
    return methodsByType.getOrDefault(jobType, List.of());
  }

  public Map<String, List<String>> all() {
    return methodsByType;
  }
}
