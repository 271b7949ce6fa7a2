package dev.greenlight.integrations.migrations;

import java.util.Arrays;
import java.util.List;

/** The last lines of a tool's text output, the part worth putting in a process variable. */
final class OutputLines {

  static final int KEPT = 40;

  private OutputLines() {}

  static List<String> lastOf(String text) {
    List<String> lines = Arrays.stream(text.split("\\R")).filter(line -> !line.isBlank()).toList();
    return lines.subList(Math.max(0, lines.size() - KEPT), lines.size());
  }
}
