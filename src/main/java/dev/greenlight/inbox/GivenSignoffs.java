package dev.greenlight.inbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The sign-offs a sign-offs process instance has been given so far, for the rule that each needs a different person
 * (the runbook's {@code approvals.distinctSigners}). Read from the instance's {@value #DISTINCT_SIGNERS} and
 * {@value #GIVEN} variables, which {@code processes/sign-offs.bpmn} keeps.
 *
 * @param distinctSigners whether each sign-off of the instance needs a different person
 * @param roleBySigner who signed which role so far; a sign-off made in Tasklist, which names nobody, is not in it
 */
public record GivenSignoffs(boolean distinctSigners, Map<String, String> roleBySigner) {

  public static final String DISTINCT_SIGNERS = "distinctSigners";
  public static final String GIVEN = "givenSignoffs";
  /** Any other process instance: no sign-off rule applies. */
  public static final GivenSignoffs NONE = new GivenSignoffs(false, Map.of());

  private static final ObjectMapper JSON = new ObjectMapper();

  public GivenSignoffs {
    roleBySigner = Map.copyOf(roleBySigner);
  }

  /** From the variables' JSON as the engine hands it out; either may be null (not set). */
  static GivenSignoffs fromVariables(String distinctSignersJson, String givenJson) {
    if (distinctSignersJson == null) {
      return NONE;
    }
    Map<String, String> roles = new LinkedHashMap<>();
    for (JsonNode given : parse(GIVEN, givenJson)) {
      if (given.hasNonNull("decidedBy") && given.hasNonNull("role")) {
        roles.putIfAbsent(given.get("decidedBy").asText(), given.get("role").asText());
      }
    }
    return new GivenSignoffs(parse(DISTINCT_SIGNERS, distinctSignersJson).asBoolean(false), roles);
  }

  /** The role this person signed already, when the rule forbids them another. */
  public Optional<String> forbiddenFor(String person) {
    return distinctSigners ? Optional.ofNullable(roleBySigner.get(person)) : Optional.empty();
  }

  /** With one more sign-off, given through this Greenlight and perhaps not yet visible in the engine's variables. */
  GivenSignoffs with(String person, String role) {
    Map<String, String> roles = new LinkedHashMap<>(roleBySigner);
    roles.putIfAbsent(person, role);
    return new GivenSignoffs(distinctSigners, roles);
  }

  private static JsonNode parse(String name, String json) {
    if (json == null) {
      return JSON.nullNode();
    }
    try {
      return JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("The engine returned variable " + name + " as something other than JSON: " + json, e);
    }
  }
}
