package dev.greenlight.rehearsal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Folds what a rollout does again and again (an hourly smoke run over a day, a reminder every hour) into its first
 * occurrence and one line that says how often it recurred, so a timeline of days stays readable.
 */
final class Repeats {

  /** Longest run of lines that is looked for as a repeated block. */
  private static final int LONGEST_BLOCK = 6;
  /** A block must occur this often before it is folded. */
  private static final int FOLDED_FROM = 3;

  private Repeats() {}

  static List<TimelineEntry> folded(List<TimelineEntry> entries) {
    List<TimelineEntry> folded = new ArrayList<>();
    int i = 0;
    while (i < entries.size()) {
      int length = 1;
      int occurrences = 1;
      for (int block = 1; block <= LONGEST_BLOCK && occurrences < FOLDED_FROM; block++) {
        length = block;
        occurrences = occurrences(entries, i, block);
      }
      if (occurrences < FOLDED_FROM) {
        folded.add(entries.get(i++));
        continue;
      }
      folded.addAll(entries.subList(i, i + length));
      TimelineEntry last = entries.get(i + (occurrences - 1) * length);
      folded.add(new TimelineEntry(last.at(), "", entries.get(i).depth(), "… " + (length == 1 ? "this" : "these "
          + length + " lines") + " again " + (occurrences - 1) + " times" + spacing(entries, i, length, occurrences)
          + ", the last at " + HumanTime.offset(last.at())));
      i += occurrences * length;
    }
    return folded;
  }

  /** How many times the block of {@code length} lines at {@code start} occurs there in a row. */
  private static int occurrences(List<TimelineEntry> entries, int start, int length) {
    int occurrences = 1;
    while (start + (occurrences + 1) * length <= entries.size()
        && sameBlock(entries, start, start + occurrences * length, length)) {
      occurrences++;
    }
    return occurrences;
  }

  private static boolean sameBlock(List<TimelineEntry> entries, int first, int second, int length) {
    for (int j = 0; j < length; j++) {
      TimelineEntry a = entries.get(first + j);
      TimelineEntry b = entries.get(second + j);
      if (!a.kind().equals(b.kind()) || a.depth() != b.depth() || !a.text().equals(b.text())) {
        return false;
      }
    }
    return true;
  }

  /** {@code , every 1h} when the occurrences are evenly spaced. */
  private static String spacing(List<TimelineEntry> entries, int start, int length, int occurrences) {
    Set<Duration> gaps = new HashSet<>();
    for (int k = 1; k < occurrences; k++) {
      gaps.add(entries.get(start + k * length).at().minus(entries.get(start + (k - 1) * length).at()));
    }
    Duration gap = gaps.iterator().next();
    return gaps.size() == 1 && !gap.isZero() ? ", every " + HumanTime.span(gap) : "";
  }
}
