package dev.greenlight.rehearsal;

import java.time.Duration;
import java.util.List;

/**
 * How a rehearsed rollout went.
 *
 * @param rolloutId the rehearsed rollout's id
 * @param timeline what a person following the rollout would have seen, the last line its end or why it stopped
 * @param endState the rollout's state at its end (e.g. {@code rolled-back}); null when it did not end
 * @param stuck why the rollout could not go on (an incident's message, a question nobody here may answer); null when
 *     it ended
 * @param rolloutTime how much rollout time the rehearsal covered
 * @param wallClock how long the rehearsal took
 */
public record Rehearsal(
    String rolloutId, List<TimelineEntry> timeline, String endState, String stuck, Duration rolloutTime,
    Duration wallClock) {

  public boolean ended() {
    return stuck == null;
  }

  /** The timeline as printed, what recurs folded into its first occurrence and a line that counts the rest. */
  public List<String> lines() {
    return Repeats.folded(timeline).stream().map(TimelineEntry::line).toList();
  }
}
