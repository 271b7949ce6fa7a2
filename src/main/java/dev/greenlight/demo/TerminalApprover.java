package dev.greenlight.demo;

import dev.greenlight.inbox.ApprovalTask;
import dev.greenlight.inbox.DecisionOutcome;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;

/** {@code greenlight demo --interactive}: each go/no-go question is asked at the terminal; Enter means go. */
final class TerminalApprover implements Approver {

  private final BufferedReader in;
  private final PrintWriter out;

  TerminalApprover(BufferedReader in, PrintWriter out) {
    this.in = in;
    this.out = out;
  }

  @Override
  public Answer answer(ApprovalTask task) {
    while (true) {
      out.printf("%n  ? %s (%s) — go or no-go? [go] ", task.name(), task.rolloutId());
      out.flush();
      String line;
      try {
        line = in.readLine();
      } catch (IOException e) {
        throw new UncheckedIOException("Reading the answer from the terminal failed", e);
      }
      String word = line == null || line.isBlank() ? "go" : line.strip().toLowerCase(java.util.Locale.ROOT);
      var outcome = DecisionOutcome.fromWord(word);
      if (outcome.isPresent()) {
        return new Answer(outcome.get(), "answered at the terminal");
      }
      if (line == null) {
        return new Answer(DecisionOutcome.GO, "no terminal input; went ahead");
      }
      out.println("    answer go or no-go");
    }
  }
}
