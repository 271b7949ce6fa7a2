package dev.greenlight.bench;

import java.util.Map;

/**
 * One benchmark: runs, prints its figures as it goes, and returns them as the Markdown section of
 * {@code docs/benchmarks.md} that it owns. Not a test: nothing here asserts a target, the document compares.
 */
interface Benchmark {

  /** The name on the command line, {@code -Dbench=<name>}. */
  String name();

  /** One line: what is measured and against which target. */
  String summary();

  /**
   * Reads every option the benchmark takes (so a misspelt one is refused before a long run) and returns the run.
   *
   * @param options {@code key=value} pairs from {@code -Dbench.options="runs=20 interval=PT10S"}
   */
  Run plan(BenchmarkOptions options);

  /** A planned run. */
  @FunctionalInterface
  interface Run {
    /** Runs the benchmark; returns the section's body in Markdown: setup, raw numbers, medians, targets met or not. */
    String run() throws Exception;
  }
}
