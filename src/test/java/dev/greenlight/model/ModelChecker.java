package dev.greenlight.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.BaseElement;
import io.camunda.zeebe.model.bpmn.instance.Definitions;
import io.camunda.zeebe.model.bpmn.instance.FlowNode;
import io.camunda.zeebe.model.bpmn.instance.Gateway;
import io.camunda.zeebe.model.bpmn.instance.UserTask;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeExecutionListener;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeFormDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeUserTask;
import io.camunda.zeebe.model.bpmn.validation.zeebe.ZeebeDesignTimeValidators;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.camunda.bpm.model.xml.validation.ValidationResultType;

/**
 * Static checks over the BPMN and form files: what Camunda Modeler, Operate, Tasklist and the engine need, and what
 * Greenlight's own conventions promise (a worker for every job type, a form for every form id). How the diagrams are
 * drawn is {@link DiagramChecks}' part.
 */
public final class ModelChecker {

  static final String MODELER_NS = "http://camunda.org/schema/modeler/1.0";
  static final String CAMUNDA_CLOUD = "Camunda Cloud";

  private final ObjectMapper json = new ObjectMapper();
  private final JobWorkerCatalog workers;

  public ModelChecker(JobWorkerCatalog workers) {
    this.workers = workers;
  }

  /** Checks every {@code *.bpmn} under the processes folder and every {@code *.form} under the forms folder. */
  public List<ModelProblem> check(Path projectDir, Path processesDir, Path formsDir) {
    List<ModelProblem> problems = new ArrayList<>();
    Set<String> formIds = checkForms(projectDir, files(formsDir, ".form"), problems);
    List<Path> bpmnFiles = files(processesDir, ".bpmn");
    if (bpmnFiles.isEmpty()) {
      problems.add(new ModelProblem(projectDir.relativize(processesDir).toString(), null, "no BPMN files found"));
    }
    for (Path bpmn : bpmnFiles) {
      checkBpmn(projectDir.relativize(bpmn).toString(), bpmn, formIds, problems);
    }
    return problems;
  }

  private Set<String> checkForms(Path projectDir, List<Path> forms, List<ModelProblem> problems) {
    Map<String, String> fileById = new HashMap<>();
    for (Path form : forms) {
      String file = projectDir.relativize(form).toString();
      JsonNode root;
      try {
        root = json.readTree(form.toFile());
      } catch (IOException e) {
        problems.add(new ModelProblem(file, null, "not valid JSON: " + e.getMessage()));
        continue;
      }
      String id = root.path("id").asText("");
      if (id.isBlank()) {
        problems.add(new ModelProblem(file, null, "the form has no \"id\"; user tasks refer to forms by id"));
      } else if (fileById.containsKey(id)) {
        problems.add(new ModelProblem(file, id, "form id already used by " + fileById.get(id)));
      } else {
        fileById.put(id, file);
      }
      if (!CAMUNDA_CLOUD.equals(root.path("executionPlatform").asText())) {
        problems.add(new ModelProblem(file, id, "\"executionPlatform\" must be \"Camunda Cloud\" (Camunda 8)"));
      }
      if (!root.path("executionPlatformVersion").asText().startsWith("8.")) {
        problems.add(new ModelProblem(file, id, "\"executionPlatformVersion\" must be an 8.x version"));
      }
      if (!root.path("components").isArray() || root.path("components").isEmpty()) {
        problems.add(new ModelProblem(file, id, "the form has no components"));
      }
    }
    return fileById.keySet();
  }

  private void checkBpmn(String file, Path path, Set<String> formIds, List<ModelProblem> problems) {
    BpmnModelInstance model;
    try (InputStream in = Files.newInputStream(path)) {
      model = Bpmn.readModelFromStream(in);
    } catch (IOException | RuntimeException e) {
      problems.add(new ModelProblem(file, null, "does not parse as BPMN: " + rootMessage(e)));
      return;
    }
    checkExecutionPlatform(file, model, problems);
    checkZeebeRules(file, model, problems);
    checkNames(file, model, problems);
    checkJobTypes(file, model, problems);
    checkUserTasks(file, model, formIds, problems);
  }

  private static void checkExecutionPlatform(String file, BpmnModelInstance model, List<ModelProblem> problems) {
    Definitions definitions = model.getDefinitions();
    String platform = definitions.getAttributeValueNs(MODELER_NS, "executionPlatform");
    String version = definitions.getAttributeValueNs(MODELER_NS, "executionPlatformVersion");
    if (!CAMUNDA_CLOUD.equals(platform)) {
      problems.add(new ModelProblem(file, definitions.getId(),
          "modeler:executionPlatform must be \"Camunda Cloud\" so Camunda Modeler opens it as a Camunda 8 diagram"));
    }
    if (version == null || !version.startsWith("8.")) {
      problems.add(new ModelProblem(file, definitions.getId(), "modeler:executionPlatformVersion must be an 8.x version"));
    }
  }

  private static void checkZeebeRules(String file, BpmnModelInstance model, List<ModelProblem> problems) {
    model.validate(ZeebeDesignTimeValidators.VALIDATORS).getResults().forEach((element, results) -> results.stream()
        .filter(result -> result.getType() == ValidationResultType.ERROR)
        .forEach(result -> problems.add(new ModelProblem(file, idOf(element), result.getMessage()))));
  }

  /** Operate shows element names to the people following a rollout; only a converging gateway may stay unnamed. */
  private static void checkNames(String file, BpmnModelInstance model, List<ModelProblem> problems) {
    for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
      boolean convergingGateway = node instanceof Gateway && node.getOutgoing().size() <= 1;
      if (!convergingGateway && (node.getName() == null || node.getName().isBlank())) {
        problems.add(new ModelProblem(file, node.getId(), "has no name; give it one a person reads in Operate"));
      }
    }
  }

  /** Every job the models create, by service tasks and by execution listeners, needs exactly one worker. */
  private void checkJobTypes(String file, BpmnModelInstance model, List<ModelProblem> problems) {
    Map<String, String> jobs = new LinkedHashMap<>();
    for (ZeebeTaskDefinition task : model.getModelElementsByType(ZeebeTaskDefinition.class)) {
      jobs.put(idOf(owner(task)), task.getType());
    }
    for (ZeebeExecutionListener listener : model.getModelElementsByType(ZeebeExecutionListener.class)) {
      jobs.put(idOf(owner(listener.getParentElement())) + " (" + listener.getEventType() + " listener)",
          listener.getType());
    }
    jobs.forEach((element, type) -> checkJobType(file, element, type, problems));
  }

  private void checkJobType(String file, String element, String type, List<ModelProblem> problems) {
    if (type == null || type.startsWith("=")) {
      problems.add(new ModelProblem(file, element, "job type must be a fixed name, not an expression: " + type));
      return;
    }
    List<String> declared = workers.workersFor(type);
    if (declared.isEmpty()) {
      problems.add(new ModelProblem(file, element,
          "job type '" + type + "' has no @JobWorker in workers/; add one or fix the type"));
    } else if (declared.size() > 1) {
      problems.add(new ModelProblem(file, element,
          "job type '" + type + "' has " + declared.size() + " @JobWorker methods " + declared + "; keep exactly one"));
    }
  }

  private static void checkUserTasks(String file, BpmnModelInstance model, Set<String> formIds, List<ModelProblem> problems) {
    for (UserTask task : model.getModelElementsByType(UserTask.class)) {
      if (task.getSingleExtensionElement(ZeebeUserTask.class) == null) {
        problems.add(new ModelProblem(file, task.getId(),
            "is a job-based user task; add <zeebe:userTask/> so it is a Camunda user task"));
      }
      if (task.getSingleExtensionElement(ZeebeFormDefinition.class) == null) {
        problems.add(new ModelProblem(file, task.getId(), "has no form (zeebe:formDefinition formId)"));
      }
    }
    for (ZeebeFormDefinition form : model.getModelElementsByType(ZeebeFormDefinition.class)) {
      String formId = form.getFormId();
      if (formId == null || formId.isBlank()) {
        problems.add(new ModelProblem(file, idOf(owner(form)), "zeebe:formDefinition must name a formId from forms/"));
      } else if (!formIds.contains(formId)) {
        problems.add(new ModelProblem(file, idOf(owner(form)), "form id '" + formId + "' is not defined in forms/"));
      }
    }
  }

  /** The BPMN element an extension element belongs to (extension → extensionElements → element). */
  private static ModelElementInstance owner(ModelElementInstance extension) {
    ModelElementInstance parent = extension.getParentElement();
    return parent == null || parent.getParentElement() == null ? parent : parent.getParentElement();
  }

  private static String idOf(ModelElementInstance element) {
    if (element instanceof BaseElement base) {
      return base.getId();
    }
    return element == null ? null : element.getAttributeValue("id");
  }

  private static List<Path> files(Path dir, String suffix) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      return paths.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
    } catch (IOException e) {
      throw new IllegalStateException("Cannot list " + dir, e);
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    return cause.getMessage() == null ? e.toString() : cause.getMessage();
  }
}
