package dev.greenlight.inbox;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Optional;

/** The answer to a go/no-go question or sign-off, as the word the processes compare {@code decision.outcome} with. */
public enum DecisionOutcome {
  GO("go"),
  NO_GO("no-go");

  private final String word;

  DecisionOutcome(String word) {
    this.word = word;
  }

  @JsonValue
  public String word() {
    return word;
  }

  public static Optional<DecisionOutcome> fromWord(String word) {
    return Arrays.stream(values()).filter(outcome -> outcome.word.equals(word)).findFirst();
  }
}
