package dev.greenlight.gates;

import dev.greenlight.gates.QueryPreflight.PreflightResult;
import java.util.List;

/** A rollout was not started: some of its runbook's queries failed or saw no series before anything changed. */
public class QueriesNotAnsweredException extends RuntimeException {

  private final List<String> failures;

  public QueriesNotAnsweredException(String service, PreflightResult result) {
    super("The rollout of " + service + " was not started: " + result.failures().size() + " of its "
        + result.readings().size() + " metric queries did not answer " + result.askedAbout()
        + ". Fix the queries in metrics.queries or the metric source, then start again");
    this.failures = result.failures();
  }

  /** "name: what the provider answered" per query. */
  public List<String> failures() {
    return failures;
  }
}
