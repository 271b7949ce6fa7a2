package dev.greenlight.model;

/**
 * One thing wrong with a BPMN or form file.
 *
 * @param file the file, as a path relative to the project (e.g. {@code processes/canary-rollout.bpmn})
 * @param element the id of the element at fault, or null when the file as a whole is wrong
 * @param message what is wrong and what to do about it
 */
public record ModelProblem(String file, String element, String message) {

  @Override
  public String toString() {
    return element == null ? file + ": " + message : file + ": element '" + element + "': " + message;
  }
}
