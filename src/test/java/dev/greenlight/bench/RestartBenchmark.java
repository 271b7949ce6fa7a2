package dev.greenlight.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.greenlight.support.GreenlightJvm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Issue 21: Greenlight on a durable data directory, {@code kill -9}ed with N canaries watching their gates, started
 * again on the same directory; how long until every gate is checked again, and what the log and the state snapshot
 * cost on disk per rollout-day.
 */
final class RestartBenchmark implements Benchmark {

  /** The child's engine log line that says how long rebuilding the state took (EmbeddedEngine#start). */
  private static final Pattern RESUMED = Pattern.compile("resumed in (\\d+) ms from (.+) up to log position (\\d+)");
  private static final String STARTER = "alice";
  private static final double SECONDS_PER_DAY = 86_400;
  /** Where the child runs: the project, whose test profile and scripts it reads with relative paths. */
  private static final Path PROJECT = Path.of("").toAbsolutePath();

  @Override
  public String name() {
    return "restart";
  }

  @Override
  public String summary() {
    return "kill -9 with N canaries in their gates, restart on the same data: to healthy, to every gate checked again;"
        + " log and snapshot bytes per rollout-day";
  }

  @Override
  public Run plan(BenchmarkOptions options) {
    List<Integer> sizes = options.integers("sizes", List.of(1, 50, 200));
    Duration interval = options.duration("interval", Duration.ofSeconds(10));
    Duration watch = options.duration("watch", Duration.ofSeconds(120));
    Duration snapshotPeriod = options.duration("snapshotPeriod", Duration.ofHours(1));
    return () -> {
      List<Figures> results = new ArrayList<>();
      for (int size : sizes) {
        System.out.printf("%nN = %d: starting, watching %s, then kill -9%n", size, watch);
        Figures figures = measure(size, interval, watch, snapshotPeriod);
        results.add(figures);
        System.out.println(row(figures));
      }
      return section(interval, watch, snapshotPeriod, results);
    };
  }

  /** What one N measured; sizes in bytes, times in milliseconds. */
  private record Figures(int rollouts, long logBytesAtWatch, long logBytesAtKill, double watchSeconds,
      long snapshotBytes, long stateBytes, long toHealthyMillis, long engineResumeMillis, String resumedFrom,
      long toAllCheckedMillis, double lagP99AfterMillis) {

    double logBytesPerRolloutDay() {
      return (logBytesAtKill - logBytesAtWatch) / (rollouts * watchSeconds) * SECONDS_PER_DAY;
    }
  }

  private Figures measure(int rollouts, Duration interval, Duration watch, Duration snapshotPeriod)
      throws Exception {
    Path work = Files.createTempDirectory("greenlight-bench-restart-");
    Path data = work.resolve("data");
    List<String> properties = List.of(
        "greenlight.engine.embedded.throw-away=false",
        "greenlight.engine.embedded.data-directory=" + data,
        "greenlight.engine.embedded.snapshot-period=" + snapshotPeriod,
        "greenlight.reports.directory=" + work.resolve("reports"));
    ObjectMapper json = new ObjectMapper();
    try (RolloutStandIns standIns = new RolloutStandIns(rollouts)) {
      long watchFrom;
      long logAtWatch;
      long logAtKill;
      long killed;
      long launched = System.nanoTime();
      try (GreenlightJvm first = GreenlightJvm.start(PROJECT, work.resolve("greenlight-1.log"), properties)) {
        for (int i = 0; i < rollouts; i++) {
          ObjectNode request = json.createObjectNode().put("version", RolloutLoad.VERSION);
          request.set("spec", RolloutLoad.spec(json, i, standIns, interval));
          first.call(STARTER, "POST", "/api/rollouts", json.writeValueAsString(request));
        }
        awaitAllChecked(standIns, rollouts, launched, Duration.ofMinutes(5), "reach their monitoring window");
        progress(rollouts, "all in their monitoring window; watching %s", watch);
        watchFrom = System.nanoTime();
        logAtWatch = bytes(data.resolve("log"));
        LockSupport.parkNanos(watch.toNanos());
        logAtKill = bytes(data.resolve("log"));
        first.kill();
        killed = System.nanoTime();
      }
      double watchSeconds = (killed - watchFrom) / 1e9;
      progress(rollouts, "killed; log %d bytes, starting again", logAtKill);
      long toHealthy;
      long toAllChecked;
      String resumedLine;
      try (GreenlightJvm second = GreenlightJvm.start(PROJECT, work.resolve("greenlight-2.log"), properties)) {
        toHealthy = System.nanoTime() - killed;
        toAllChecked = awaitAllChecked(standIns, rollouts, killed, Duration.ofMinutes(5), "be checked again")
            - killed;
        resumedLine = second.log();
        LockSupport.parkNanos(interval.multipliedBy(3).toNanos());
        // every rollout's check after this point follows one of its checks after the restart, none from before the kill
        Samples lag = standIns.arrivals().lags(interval, killed + toAllChecked + 1, System.nanoTime());
        // a clean stop snapshots the state: its size is what a snapshot of N rollouts in flight costs
        second.close();
        second.log().lines().filter(line -> line.contains("snapshot")).forEach(line -> progress(rollouts, "%s", line));
        Matcher resumed = RESUMED.matcher(resumedLine);
        if (!resumed.find()) {
          throw new IllegalStateException("The restarted Greenlight did not log how it resumed:\n" + second.logTail());
        }
        return new Figures(rollouts, logAtWatch, logAtKill, watchSeconds, bytes(data.resolve("state")),
            bytes(data.resolve("runtime")), TimeUnit.NANOSECONDS.toMillis(toHealthy), Long.parseLong(resumed.group(1)),
            resumed.group(2), TimeUnit.NANOSECONDS.toMillis(toAllChecked), lag.percentile(99));
      }
    } finally {
      delete(work);
    }
  }

  /** Waits until every rollout's gate has been checked since {@code since}; returns when the last of them was. */
  private static long awaitAllChecked(RolloutStandIns standIns, int rollouts, long since, Duration limit, String what) {
    long deadline = System.nanoTime() + limit.toNanos();
    while (true) {
      OptionalLong all = standIns.arrivals().allCheckedSince(since);
      if (all.isPresent()) {
        return all.getAsLong();
      }
      if (System.nanoTime() - deadline > 0) {
        throw new IllegalStateException("Not all " + rollouts + " rollouts did " + what + " within " + limit);
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
    }
  }

  private static String section(Duration interval, Duration watch, Duration snapshotPeriod, List<Figures> results) {
    StringBuilder md = new StringBuilder(String.format(Locale.ROOT, """
        Greenlight in a JVM of its own (`GreenlightJvm`, as the crash suite runs it: `-Xmx384m -XX:TieredStopAtLevel=1
        -XX:+UseSerialGC`) on a fresh durable data directory, snapshot period %s. N canary rollouts of
        `concurrent-rollouts`' inline spec (command releases, a smoke check, one 2 h stage with a gate every %s against
        the benchmark's stand-in metric source) are started through `POST /api/rollouts`; once every gate has been
        checked, Greenlight watches them for %s, is killed with SIGKILL and started again on the same directory.
        No snapshot was taken before the kill (the period is longer than the run), so the restart replays the whole
        log: the worst case within a snapshot period.

        - **Kill → healthy**: from the kill to `/actuator/health` answering UP in the new JVM (JVM and Spring start,
          the engine rebuilding its state from the log, the read models from their checkpoint, processes deployed).
        - **Engine resumed**: the engine's own figure from its start-up line (replay of the log).
        - **Kill → every gate checked again**: until the stand-in has received a check of every rollout after the kill.
        - **Gate lag p99 after**: over the three intervals after that, as `concurrent-rollouts` measures it (a check's
          lateness against its rollout's previous check): whether the gates are back on time.
        - **Log per rollout-day**: growth of `data/log` during the watch ÷ (N × watch) × 86 400 s, i.e. what a rollout
          watching a gate every %s writes a day before compaction; a snapshot compacts the log.
        - **Snapshot**: `data/state` (the state snapshot) after the new JVM stopped cleanly (a stop snapshots);
          `data/runtime` is the live RocksDB state at that moment.

        | N | kill → healthy s | engine resumed ms (from) | kill → every gate checked again s | gate lag p99 after ms | log at kill MiB | log per rollout-day MiB | snapshot MiB | live state MiB |
        |---|---|---|---|---|---|---|---|---|
        """, snapshotPeriod, interval, watch, interval));
    results.forEach(figures -> md.append(row(figures)).append('\n'));
    List<Figures> snapshotted = results.stream().filter(figures -> figures.snapshotBytes() > 0).toList();
    results.stream().filter(figures -> figures.snapshotBytes() == 0).forEach(figures -> md.append(String.format(
        Locale.ROOT, "%nN = %d: the new JVM took no snapshot before it stopped (SIGTERM, SIGKILL after 60 s).%n",
        figures.rollouts())));
    Figures fewest = snapshotted.isEmpty() ? null : snapshotted.getFirst();
    Figures most = snapshotted.isEmpty() ? null : snapshotted.getLast();
    if (fewest != null && most.rollouts() > fewest.rollouts()) {
      md.append(String.format(Locale.ROOT, "%nEach rollout in flight adds %.1f KiB to the snapshot (N = %d → %d); the rest"
          + " is the deployed processes and forms.%n", (most.snapshotBytes() - fewest.snapshotBytes()) / 1024.0
          / (most.rollouts() - fewest.rollouts()), fewest.rollouts(), most.rollouts()));
    }
    return md.toString();
  }

  private static String row(Figures f) {
    return String.format(Locale.ROOT, "| %d | %.1f | %d (%s) | %.1f | %.0f | %.1f | %.1f | %s | %.1f |",
        f.rollouts(), f.toHealthyMillis() / 1000.0, f.engineResumeMillis(), f.resumedFrom(),
        f.toAllCheckedMillis() / 1000.0, f.lagP99AfterMillis(), mib(f.logBytesAtKill()),
        mib((long) f.logBytesPerRolloutDay()), f.snapshotBytes() == 0 ? "none"
        : String.format(Locale.ROOT, "%.1f", mib(f.snapshotBytes())),
        mib(f.stateBytes()));
  }

  private static double mib(long bytes) {
    return bytes / (1024.0 * 1024.0);
  }

  private static long bytes(Path directory) {
    if (!Files.exists(directory)) {
      return 0;
    }
    try (Stream<Path> files = Files.walk(directory)) {
      return files.filter(Files::isRegularFile).mapToLong(file -> {
        try {
          return Files.size(file);
        } catch (IOException gone) {
          return 0; // compacted or replaced while walking
        }
      }).sum();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void delete(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }

  private static void progress(int rollouts, String format, Object... values) {
    System.out.printf(Locale.ROOT, "  [N=%d] " + format + "%n", prepend(rollouts, values));
  }

  private static Object[] prepend(Object first, Object[] rest) {
    Object[] all = new Object[rest.length + 1];
    all[0] = first;
    System.arraycopy(rest, 0, all, 1, rest.length);
    return all;
  }
}
