package dev.greenlight.integrations.smoke;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.InvalidJsonException;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.PathNotFoundException;
import com.jayway.jsonpath.spi.json.JacksonJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Checks a response body against a smoke check's JSON-path expectations ({@code $.status: UP}). */
final class JsonExpectations {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Configuration JSON_PATH = Configuration.builder()
      .jsonProvider(new JacksonJsonProvider(JSON))
      .mappingProvider(new JacksonMappingProvider(JSON))
      .build();

  private JsonExpectations() {}

  /** Fails with a message naming the check when an expectation's path is not a valid JSON path. */
  static void validate(String checkName, Map<String, Object> expectations) {
    for (String path : expectations.keySet()) {
      try {
        JsonPath.compile(path);
      } catch (RuntimeException e) {
        throw new IllegalArgumentException("smoke check '" + checkName + "': expectJson path '" + path
            + "' is not a valid JSON path: " + e.getMessage(), e);
      }
    }
  }

  /** One line per expectation the body does not meet. */
  static List<String> mismatches(Map<String, Object> expectations, String body) {
    if (expectations.isEmpty()) {
      return List.of();
    }
    DocumentContext document;
    try {
      document = JsonPath.using(JSON_PATH).parse(body);
    } catch (InvalidJsonException e) {
      return List.of("the body was not JSON, expected " + String.join(", ", expectations.keySet()));
    }
    List<String> mismatches = new ArrayList<>();
    expectations.forEach((path, expected) -> {
      try {
        Object actual = document.read(path);
        if (!sameValue(expected, actual)) {
          mismatches.add(path + " was " + render(actual) + ", expected " + render(expected));
        }
      } catch (PathNotFoundException e) {
        mismatches.add(path + " was missing, expected " + render(expected));
      }
    });
    return mismatches;
  }

  /** Numbers compare by value (YAML's 1 equals JSON's 1.0); everything else by equality. */
  private static boolean sameValue(Object expected, Object actual) {
    if (expected instanceof Number e && actual instanceof Number a) {
      return e.doubleValue() == a.doubleValue();
    }
    return Objects.equals(expected, actual);
  }

  private static String render(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      return String.valueOf(value);
    }
  }
}
