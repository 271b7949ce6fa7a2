package dev.greenlight.rollout;

import dev.greenlight.engine.ModelDeployer;
import dev.greenlight.spec.Strategy;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.core.io.Resource;
import org.springframework.stereotype.Component;

/**
 * Where a step of a rollout is, in the names of the processes Greenlight deploys: "Release a version › Deploy the
 * version" for a step of a called process, "Run the stages › Shift traffic to the stage weight" for one of a rollout's
 * own process. Job failure messages and notifications use it; they know the job's process, not who called it.
 */
@Component
public class StepNames {

  private static final Set<String> ROLLOUT_PROCESSES =
      Arrays.stream(Strategy.values()).map(Strategy::processId).collect(Collectors.toSet());

  private final Map<String, ProcessNames> processes = new HashMap<>();

  public StepNames() {
    for (Resource resource : ModelDeployer.modelResources()) {
      String file = resource.getFilename();
      if (file != null && file.endsWith(".bpmn")) {
        ProcessNames.readAll(bytes(resource)).forEach(names -> processes.put(names.processId(), names));
      }
    }
  }

  /** The step's name alone, e.g. "Deploy the version". */
  public String name(String processId, String elementId) {
    ProcessNames names = processes.get(processId);
    return names == null ? elementId : names.name(elementId);
  }

  /** The step with the called process it belongs to and the sub-processes around it, joined for reading. */
  public String path(String processId, String elementId) {
    ProcessNames names = processes.get(processId);
    if (names == null) {
      return elementId;
    }
    List<String> path = new ArrayList<>();
    if (!ROLLOUT_PROCESSES.contains(processId)) {
      path.add(names.processName());
    }
    path.addAll(names.path(elementId));
    return String.join(ProcessNames.SEPARATOR, path);
  }

  /** Whether a BPMN error with this code, thrown by the step, is caught within the step's process. */
  public boolean catches(String processId, String elementId, String errorCode) {
    ProcessNames names = processes.get(processId);
    return names != null && names.catches(elementId, errorCode);
  }

  private static byte[] bytes(Resource resource) {
    try (InputStream in = resource.getInputStream()) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + resource.getDescription(), e);
    }
  }
}
