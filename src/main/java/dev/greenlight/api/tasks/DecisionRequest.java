package dev.greenlight.api.tasks;

import java.util.Map;

/**
 * The body of {@code POST /api/tasks/{key}/decision}.
 *
 * @param decision {@code go} or {@code no-go}
 * @param comment why, optional
 * @param fields the form's data, optional
 */
record DecisionRequest(String decision, String comment, Map<String, Object> fields) {

  static final String EXPECTED = "send {\"decision\": \"go\" | \"no-go\", \"comment\": \"...\", \"fields\": {...}}"
      + " (comment and fields are optional)";
}
