package dev.greenlight.demo;

import dev.greenlight.inbox.Decision;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The end of the demo: the summary table on the terminal and the same, with the details, as a Markdown report. */
final class DemoSummary {

  private final List<ScenarioResult> scenarios;
  private final RollbackTiming rollback;
  private final List<Decision> decisions;
  private final List<NotificationRecorder.Notification> notifications;
  private final Duration total;

  DemoSummary(List<ScenarioResult> scenarios, RollbackTiming rollback, List<Decision> decisions,
      List<NotificationRecorder.Notification> notifications, Duration total) {
    this.scenarios = List.copyOf(scenarios);
    this.rollback = rollback;
    this.decisions = List.copyOf(decisions);
    this.notifications = List.copyOf(notifications);
    this.total = total;
  }

  boolean passed() {
    return scenarios.size() == 2 && scenarios.stream().allMatch(ScenarioResult::asExpected);
  }

  void print(PrintWriter out) {
    out.println();
    table().forEach(out::println);
    if (rollback != null) {
      out.println();
      out.printf("Breach to rollback (measured by the demo service): fault injected → traffic 100 %% stable in %s%n",
          DemoRun.seconds(rollback.faultToTrafficReverted()));
    }
    out.println();
    out.printf("Slack and PagerDuty received %d notifications:%n", notifications.size());
    notifications.forEach(n -> out.printf("  %-9s %s%n", n.channel(), n.text()));
    out.println();
    out.println(passed() ? "DEMO PASSED: both rollouts ended as expected in " + DemoRun.seconds(total)
        : "DEMO FAILED: see the checks above");
  }

  void write(Path file) {
    List<String> lines = new ArrayList<>();
    lines.add("# Greenlight demo report");
    lines.add("");
    lines.add((passed() ? "**Passed**" : "**Failed**") + " in " + DemoRun.seconds(total) + ".");
    lines.add("");
    lines.add("| scenario | rollout | expected | ended | took |");
    lines.add("|---|---|---|---|---|");
    for (ScenarioResult s : scenarios) {
      lines.add("| " + s.title() + " | " + s.rolloutId() + " | " + s.expected().specName() + " | "
          + state(s) + " | " + DemoRun.seconds(s.took()) + " |");
    }
    lines.add("");
    lines.add("## Checks");
    lines.add("");
    for (ScenarioResult s : scenarios) {
      for (ScenarioResult.Check check : s.checks()) {
        lines.add("- " + (check.held() ? "[x] " : "[ ] ") + s.title() + ": " + check.expectation() + " (" + check.evidence() + ")");
      }
    }
    if (rollback != null) {
      lines.add("");
      lines.add("## Rollback timing (measured from the injected fault)");
      lines.add("");
      lines.add("| event | at | after the fault |");
      lines.add("|---|---|---|");
      lines.add("| fault injected into the canary | " + rollback.faultInjected() + " | 0.0 s |");
      lines.add(row("gate breached", rollback.breachDetected()));
      lines.add(row("**traffic 100 % stable (breach to rollback)**", rollback.trafficReverted()));
      lines.add(row("database left as it was, rows kept", rollback.dataKept()));
      lines.add(row("on-call paged", rollback.oncallPaged()));
    }
    lines.add("");
    lines.add("## Decisions");
    lines.add("");
    decisions.forEach(d -> lines.add("- " + d.task() + ": " + d.outcome().word() + " by " + d.decidedBy()
        + " as " + d.role() + " (" + d.comment() + ")"));
    lines.add("");
    lines.add("## Notifications");
    lines.add("");
    notifications.forEach(n -> lines.add("- " + n.at() + " " + n.channel() + ": " + n.text()));
    try {
      Path parent = file.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      Files.write(file, lines);
    } catch (IOException e) {
      throw new UncheckedIOException("Writing the demo report to " + file + " failed", e);
    }
  }

  private List<String> table() {
    List<String> rows = new ArrayList<>();
    String format = "%-36s %-28s %-12s %-12s %8s  %s";
    rows.add(String.format(format, "scenario", "rollout", "expected", "ended", "took", "checks"));
    for (ScenarioResult s : scenarios) {
      long held = s.checks().stream().filter(ScenarioResult.Check::held).count();
      rows.add(String.format(format, s.title(), s.rolloutId(), s.expected().specName(), state(s),
          DemoRun.seconds(s.took()), held + "/" + s.checks().size()));
      s.checks().stream().filter(c -> !c.held())
          .forEach(c -> rows.add("    FAILED: " + c.expectation() + " (" + c.evidence() + ")"));
    }
    if (rollback != null) {
      rows.add(String.format(format, "  fault → gate breached", "", "", "", DemoRun.seconds(rollback.since(rollback.breachDetected())), ""));
      rows.add(String.format(format, "  fault → traffic 100 % stable", "", "", "", DemoRun.seconds(rollback.faultToTrafficReverted()), ""));
      rows.add(String.format(format, "  fault → database kept as it was", "", "", "", DemoRun.seconds(rollback.since(rollback.dataKept())), ""));
      rows.add(String.format(format, "  fault → on-call paged", "", "", "", DemoRun.seconds(rollback.since(rollback.oncallPaged())), ""));
    }
    return rows;
  }

  private String row(String event, java.time.Instant at) {
    return "| " + event + " | " + (at == null ? "-" : at.toString()) + " | " + DemoRun.seconds(rollback.since(at)) + " |";
  }

  private static String state(ScenarioResult s) {
    return s.actual() == null ? "did not end" : s.actual().specName();
  }
}
