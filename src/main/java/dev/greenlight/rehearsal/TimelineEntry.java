package dev.greenlight.rehearsal;

import java.time.Duration;

/**
 * One line of a rehearsal's timeline.
 *
 * @param at rollout time: how long after the start it happened
 * @param kind {@code step}, {@code stage}, {@code gate}, {@code decision}, {@code wait}, {@code event},
 *     {@code report}, {@code incident}, {@code ended}, or the outside system that was asked something
 *     ({@code traffic}, {@code flags}, {@code release}, {@code database}, {@code migrations}, {@code smoke},
 *     {@code probe}, {@code service}, {@code slack}, {@code pagerduty})
 * @param depth how deep in called processes it happened, for indentation
 * @param text what happened, for people
 */
public record TimelineEntry(Duration at, String kind, int depth, String text) {

  /** The line as printed: offset, kind, then the text indented by depth. */
  public String line() {
    return String.format("%-10s %-10s %s%s", HumanTime.offset(at), kind, "  ".repeat(depth), text).stripTrailing();
  }
}
