package dev.greenlight.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code docs/benchmarks.md}: each benchmark owns one section between {@code <!-- benchmark:NAME -->} and
 * {@code <!-- /benchmark:NAME -->} and replaces only that, so the hand-written text around it and the other
 * benchmarks' latest figures stay.
 */
final class BenchmarkReport {

  private final Path file;

  BenchmarkReport(Path file) {
    this.file = file;
  }

  void replaceSection(Benchmark benchmark, BenchmarkOptions options, Machine machine, String body) throws IOException {
    String begin = "<!-- benchmark:" + benchmark.name() + " -->";
    String end = "<!-- /benchmark:" + benchmark.name() + " -->";
    String section = begin + "\n" + header(benchmark, options, machine) + body.strip() + "\n" + end;
    String document = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "# Benchmarks\n";
    int from = document.indexOf(begin);
    int to = document.indexOf(end);
    String updated = from >= 0 && to > from
        ? document.substring(0, from) + section + document.substring(to + end.length())
        : document.stripTrailing() + "\n\n" + section + "\n";
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.writeString(file, updated, StandardCharsets.UTF_8);
  }

  private static String header(Benchmark benchmark, BenchmarkOptions options, Machine machine) {
    Map<String, String> used = new TreeMap<>(options.used());
    StringBuilder command = new StringBuilder("./mvnw -B -Pbench verify -Dbench=" + benchmark.name());
    if (!used.isEmpty()) {
      command.append(" -Dbench.options=\"");
      used.forEach((key, value) -> command.append(key).append('=').append(value).append(' '));
      command.setLength(command.length() - 1);
      command.append('"');
    }
    return "Run " + Instant.now().truncatedTo(ChronoUnit.SECONDS) + " with `" + command + "`  \n"
        + "Machine: " + machine.describe() + "\n\n";
  }
}
