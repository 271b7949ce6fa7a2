package dev.greenlight.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Runs one benchmark by name and writes its section of {@code docs/benchmarks.md}:
 * {@code ./mvnw -B -Pbench verify -Dbench=<name> [-Dbench.options="key=value ..."]}; {@code -Dbench=list} lists them.
 */
public final class Benchmarks {

  static final Path REPORT = Path.of("docs", "benchmarks.md");

  private static final List<Benchmark> ALL = List.of(
      new BreachToRollbackBenchmark(), new AlertPushBenchmark(), new RehearsalBenchmark(), new StartupBenchmark(),
      new ConcurrentRolloutsBenchmark(), new JobActivationBenchmark(), new RestartBenchmark(),
      new DurabilityCostBenchmark());

  private Benchmarks() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 0 || args[0].equals("list")) {
      System.out.println("Benchmarks (./mvnw -B -Pbench verify -Dbench=<name>):");
      ALL.forEach(benchmark -> System.out.printf("  %-22s %s%n", benchmark.name(), benchmark.summary()));
      return;
    }
    Benchmark benchmark = ALL.stream().filter(b -> b.name().equals(args[0])).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("No benchmark named '" + args[0] + "'; choose one of "
            + ALL.stream().map(Benchmark::name).toList()));
    BenchmarkOptions options = BenchmarkOptions.parse(Arrays.asList(args).subList(1, args.length));
    Benchmark.Run run = benchmark.plan(options);
    options.requireAllUsed();
    Machine machine = Machine.current();
    System.out.println("Benchmark " + benchmark.name() + " on " + machine.describe());
    String body;
    try {
      body = run.run();
    } catch (Exception | Error e) {
      e.printStackTrace();
      // a failed benchmark must end too, though the engine and servers it started still hold non-daemon threads
      System.exit(1);
      return;
    }
    new BenchmarkReport(REPORT).replaceSection(benchmark, options, machine, body);
    System.out.println("\n" + body + "\nWritten to " + REPORT.toAbsolutePath());
    // the engine, servers and clients a benchmark started leave non-daemon threads behind
    System.exit(0);
  }
}
