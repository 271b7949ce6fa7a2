package dev.greenlight.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.greenlight.api.rollouts.RolloutStarter;
import dev.greenlight.api.rollouts.StartRolloutRequest;
import dev.greenlight.security.Channel;
import io.camunda.client.CamundaClient;
import io.camunda.zeebe.logstreams.log.LogStream;
import io.camunda.zeebe.logstreams.log.LogStreamReader;
import io.camunda.zeebe.process.test.api.ZeebeTestEngine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.reflect.Field;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * N canary rollouts at once in their monitoring windows on one fresh Greenlight (embedded engine), against
 * {@link RolloutStandIns}: ramps them in, waits until every gate has been checked, then measures a steady period
 * while a probe process is started at a steady rate. Everything it started is stopped before {@link #run} returns.
 *
 * @param rollouts how many rollouts
 * @param interval the stage's gate interval
 * @param measure the steady period
 * @param ramp the rollouts' starts are spread evenly over this long, so their checks are spread over the interval
 * @param probesPerSecond probe process instances started per second during the steady period
 * @param properties Greenlight properties of this run (a client setting under comparison), on top of the defaults
 */
record RolloutLoad(int rollouts, Duration interval, Duration measure, Duration ramp, int probesPerSecond,
    Map<String, String> properties) {

  private static final String VERSION = "2.0.0";
  private static final Duration STAGE_DURATION = Duration.ofHours(2);

  /** What one run measured. */
  record Figures(int rollouts, int inWindow, Duration rampTook, Samples gateLag, Samples overdueAtEnd,
      double checksPerSecond, double cores, double standInCores, List<String> busiestThreads, long heapStartMiB,
      long heapEndMiB, long maxHeapMiB, double recordsPerSecond, double checkJobsPerSecond, Samples activation,
      String failure) {}

  Figures run() throws Exception {
    try (RolloutStandIns standIns = new RolloutStandIns(rollouts)) {
      // a line per release command and Slack-less notification of N rollouts would measure the console, not Greenlight
      Map<String, String> all = new HashMap<>(Map.of(
          "greenlight.reports.directory", System.getProperty("java.io.tmpdir") + "/greenlight-bench-reports",
          "logging.level.dev.greenlight", "ERROR"));
      all.putAll(properties);
      try (ConfigurableApplicationContext greenlight = BenchGreenlight.start(all, BenchProbeWorker.class)) {
        return run(greenlight, standIns);
      }
    }
  }

  private Figures run(ConfigurableApplicationContext greenlight, RolloutStandIns standIns) throws Exception {
    CamundaClient client = greenlight.getBean(CamundaClient.class);
    BenchProbeWorker probe = greenlight.getBean(BenchProbeWorker.class);
    BenchProbeWorker.deploy(client);
    LogStreamReader log = engineLog(greenlight.getBean(ZeebeTestEngine.class));
    MeterRegistry meters = greenlight.getBean(MeterRegistry.class);
    RolloutStarter starter = greenlight.getBean(RolloutStarter.class);
    ObjectMapper json = greenlight.getBean(ObjectMapper.class);

    long rampStart = System.nanoTime();
    long spacing = rollouts <= 1 ? 0 : ramp.toNanos() / rollouts;
    for (int i = 0; i < rollouts; i++) {
      LockSupport.parkNanos(rampStart + i * spacing - System.nanoTime());
      starter.start(new StartRolloutRequest(null, spec(json, i, standIns), VERSION, null), BenchGreenlight.OPERATOR,
          Channel.API);
    }
    Duration started = Duration.ofNanos(System.nanoTime() - rampStart);
    progress("%d rollouts started in %.1f s", rollouts, started.toMillis() / 1000.0);

    long windowDeadline = System.nanoTime() + ramp.plus(Duration.ofMinutes(5)).toNanos();
    long nextReport = System.nanoTime();
    while (standIns.arrivals().rolloutsChecked() < rollouts && System.nanoTime() < windowDeadline) {
      if (System.nanoTime() >= nextReport) {
        progress("%d of %d rollouts in their monitoring window", standIns.arrivals().rolloutsChecked(), rollouts);
        nextReport += TimeUnit.SECONDS.toNanos(10);
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
    }
    Duration rampTook = Duration.ofNanos(System.nanoTime() - rampStart);
    int inWindow = standIns.arrivals().rolloutsChecked();
    if (inWindow < rollouts) {
      return failed(inWindow, rampTook, "only " + inWindow + " of " + rollouts + " rollouts reached their monitoring"
          + " window within the ramp + 5 min");
    }
    progress("all %d in their window after %.1f s; settling for one interval", rollouts, rampTook.toMillis() / 1000.0);
    LockSupport.parkNanos(interval.toNanos());

    long heapStart = heapAfterGc();
    probe.restart();
    CpuSnapshot cpuStart = CpuSnapshot.take();
    long recordsStart = log.seekToEnd();
    double jobsStart = completedJobs(meters, "check-metrics");
    ScheduledExecutorService probes = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, RolloutStandIns.THREAD_PREFIX + "probe-starter");
      thread.setDaemon(true);
      return thread;
    });
    AtomicLong probesStarted = new AtomicLong();
    if (probesPerSecond > 0) {
      probes.scheduleAtFixedRate(() -> {
        client.newCreateInstanceCommand().bpmnProcessId(BenchProbeWorker.PROCESS_ID).latestVersion().send();
        probesStarted.incrementAndGet();
      }, 0, 1_000_000 / probesPerSecond, TimeUnit.MICROSECONDS);
    }
    long from = System.nanoTime();
    long to = from + measure.toNanos();
    while (System.nanoTime() < to) {
      LockSupport.parkNanos(Math.min(TimeUnit.SECONDS.toNanos(15), to - System.nanoTime()));
      long now = System.nanoTime();
      Samples lag = standIns.arrivals().lags(interval, from, now);
      progress("%3.0f s: gate lag p50 %.0f ms, p99 %.0f ms, max %.0f ms over %d checks; %d probes",
          (now - from) / 1e9, lag.median(), lag.percentile(99), lag.max(), lag.count(), probesStarted.get());
    }
    probes.shutdownNow();
    CpuSnapshot cpuEnd = CpuSnapshot.take();
    long recordsEnd = log.seekToEnd();
    double jobsEnd = completedJobs(meters, "check-metrics");
    Samples activation = probe.restart();
    double seconds = (cpuEnd.wallNanos() - cpuStart.wallNanos()) / 1e9;
    CheckArrivals arrivals = standIns.arrivals();
    long heapEnd = heapAfterGc();
    log.close();
    return new Figures(rollouts, inWindow, rampTook, arrivals.lags(interval, from, to), arrivals.overdue(interval, to),
        arrivals.checksBetween(from, to) / seconds, cpuEnd.coresSince(cpuStart),
        cpuEnd.coresSince(cpuStart, name -> name.startsWith(RolloutStandIns.THREAD_PREFIX)
            || name.equals(RolloutStandIns.DISPATCHER_THREAD)),
        CpuSnapshot.describe(cpuEnd.busiestSince(cpuStart, 6)), heapStart, heapEnd, maxHeapMiB(),
        (recordsEnd - recordsStart) / seconds, (jobsEnd - jobsStart) / seconds, activation, null);
  }

  private Figures failed(int inWindow, Duration rampTook, String why) {
    progress("%s", why);
    return new Figures(rollouts, inWindow, rampTook, new Samples(), new Samples(), 0, 0, 0, List.of(), 0,
        heapAfterGc(), maxHeapMiB(), 0, 0, new Samples(), why);
  }

  /**
   * Rollout {@code i}'s runbook: one canary stage far longer than the run, a healthy gate of two web queries on its own
   * metric path, traffic on its own router path, releases by commands that succeed at once.
   */
  private ObjectNode spec(ObjectMapper json, int i, RolloutStandIns standIns) {
    ObjectNode spec = json.createObjectNode();
    spec.put("service", "bench-" + i);
    spec.put("strategy", "canary");
    spec.putObject("traffic").put("provider", "http").put("url", standIns.uri("/router/" + i).toString());
    ObjectNode release = spec.putObject("release").put("provider", "command").put("deadline", "PT1M");
    ObjectNode commands = release.putObject("command");
    commands.putArray("deploy").add("/bin/true");
    commands.putArray("revert").add("/bin/true");
    commands.putArray("currentVersion").add("/bin/echo").add("1.0.0");
    ObjectNode smoke = spec.putObject("smokeTests").put("deadline", "PT30S");
    smoke.putArray("checks").addObject().put("name", "health").put("url", standIns.uri("/health").toString());
    ObjectNode metrics = spec.putObject("metrics").put("provider", "web");
    ObjectNode queries = metrics.putObject("queries");
    queries.putObject("errorRate").put("url", standIns.uri("/gate/" + i + "/error-rate").toString())
        .put("jsonPath", "$.value").put("unit", "ratio");
    queries.putObject("latencyP99").put("url", standIns.uri("/gate/" + i + "/latency").toString())
        .put("jsonPath", "$.value").put("unit", "seconds");
    ArrayNode stages = spec.putArray("stages");
    ObjectNode stage = stages.addObject().put("name", "canary").put("weight", 10)
        .put("duration", STAGE_DURATION.toString()).put("interval", interval.toString());
    stage.putObject("thresholds").put("errorRate", "< 1%").put("latencyP99", "< 200ms");
    spec.putObject("approvals").putArray("deciders").add("bench-deciders");
    return spec;
  }

  /** Completed jobs of a type, as the Camunda starter counts them. */
  private static double completedJobs(MeterRegistry meters, String type) {
    return meters.find("camunda.job.invocations").tag("action", "completed").tag("type", type).counters().stream()
        .mapToDouble(Counter::count).sum();
  }

  /**
   * A reader of the engine's log: its last position counts the records written, one position per record. The log is
   * a private field of the in-memory engine (as in {@code InMemoryEngineInternals}, whose test guards the name).
   */
  private static LogStreamReader engineLog(ZeebeTestEngine engine) throws ReflectiveOperationException {
    Field field = engine.getClass().getDeclaredField("logStream");
    field.setAccessible(true);
    return ((LogStream) field.get(engine)).newLogStreamReader();
  }

  private static long heapAfterGc() {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    System.gc();
    return memory.getHeapMemoryUsage().getUsed() / (1024 * 1024);
  }

  private static long maxHeapMiB() {
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax() / (1024 * 1024);
  }

  private void progress(String format, Object... values) {
    System.out.printf(Locale.ROOT, "  [N=%d] " + format + "%n", prepend(rollouts, values));
  }

  private static Object[] prepend(Object first, Object[] rest) {
    Object[] all = new Object[rest.length + 1];
    all[0] = first;
    System.arraycopy(rest, 0, all, 1, rest.length);
    return all;
  }
}
