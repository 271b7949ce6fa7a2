package dev.greenlight.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Issue #8, benchmark 4: {@code java -jar target/greenlight.jar} (serve, embedded engine, every process deployed) as a
 * child process, from its launch to {@code /actuator/health} UP, and its resident memory then; for each JVM variant.
 */
final class StartupBenchmark implements Benchmark {

  private static final Path JAR = Path.of("target", "greenlight.jar");
  private static final double TARGET_SECONDS = 10;
  private static final long TARGET_RSS_MIB = 600;
  private static final Duration HEALTH_DEADLINE = Duration.ofMinutes(2);
  private static final Duration HEALTH_POLL = Duration.ofMillis(20);
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Log lines that mark the start-up's phases, with the name the report gives them. */
  private static final Map<String, String> PHASES = phases();

  /**
   * How the jar is launched: JVM flags, and whether from the fat jar or from the jar Spring Boot's tools extract
   * ({@code java -Djarmode=tools -jar greenlight.jar extract}: the application and its libraries as plain jars on the
   * class path, which class-data sharing can archive; classes nested in the fat jar it cannot).
   */
  record Variant(List<String> flags, boolean extracted) {}

  /**
   * The variants the benchmark knows by name. The class-data-sharing ones get one unmeasured training launch first,
   * which writes the archive when that JVM exits.
   */
  static final Map<String, Variant> VARIANTS = variants();

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

  @Override
  public String name() {
    return "startup";
  }

  @Override
  public String summary() {
    return "java -jar target/greenlight.jar to /actuator/health UP and its RSS, per JVM variant: targets < 10 s, < 600 MB";
  }

  @Override
  public Run plan(BenchmarkOptions options) {
    int runs = options.integer("runs", 5);
    List<String> names = options.words("variants", List.copyOf(VARIANTS.keySet()));
    for (String name : names) {
      if (!VARIANTS.containsKey(name)) {
        throw new IllegalArgumentException("Unknown start-up variant '" + name + "'; choose from " + VARIANTS.keySet());
      }
    }
    return () -> run(runs, names);
  }

  private String run(int runs, List<String> names) throws Exception {
    if (!Files.isRegularFile(JAR)) {
      throw new IllegalStateException(JAR.toAbsolutePath() + " is missing; the bench profile packages it: ./mvnw -B"
          + " -Pbench verify -Dbench=startup");
    }
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Path work = Files.createTempDirectory("greenlight-startup-");
    StringBuilder perRun = new StringBuilder();
    StringBuilder summary = new StringBuilder();
    try {
      Path extracted = null;
      for (String name : names) {
        Variant variant = VARIANTS.get(name);
        List<String> flags = variant.flags().stream()
            .map(flag -> flag.replace("${work}", work.toString())).toList();
        if (variant.extracted() && extracted == null) {
          extracted = extract(java, work);
        }
        Path jar = variant.extracted() ? extracted : JAR.toAbsolutePath();
        if (flags.stream().anyMatch(flag -> flag.startsWith("-XX:SharedArchiveFile"))) {
          Launch training = launch(java, flags, jar, work);
          System.out.printf("%s: training launch %.2f s (writes the archive on exit)%n", name,
              training.seconds());
        }
        Samples seconds = new Samples();
        Samples rss = new Samples();
        Samples hwm = new Samples();
        for (int run = 1; run <= runs; run++) {
          Launch launch = launch(java, flags, jar, work);
          seconds.add(launch.seconds());
          rss.add(launch.rssMiB());
          hwm.add(launch.hwmMiB());
          String line = String.format(Locale.ROOT, "| %s | %d | %.2f | %d | %d | %s |", name, run, launch.seconds(),
              launch.rssMiB(), launch.hwmMiB(), launch.phases());
          System.out.println(line);
          perRun.append(line).append('\n');
        }
        summary.append(String.format(Locale.ROOT, "| %s | `%s` | %.2f s (%s) | %.0f MiB (%s) | %.0f MiB | %s | %s |%n",
            name, describe(variant), seconds.median(),
            seconds.raw("%.2f"), rss.median(), rss.raw("%.0f"), hwm.median(),
            seconds.median() < TARGET_SECONDS ? "met" : "missed", rss.median() < TARGET_RSS_MIB ? "met" : "missed"));
      }
    } finally {
      deleteRecursively(work);
    }
    return String.format(Locale.ROOT, """
        `%s -jar target/greenlight.jar` (the benchmark's own java; the extracted variants launch the jar that
        `java -Djarmode=tools -jar target/greenlight.jar extract` writes) with no command: serve, embedded engine, all
        processes and forms deployed before the web server opens; free loopback ports through `GREENLIGHT_PORT` and
        `GREENLIGHT_ENGINE_PORT`, scratch directories for reports and runbooks. Measured: from just before the child
        process is launched to the first `GET /actuator/health` answering `{"status": "UP"}` (polled every %d ms), by the
        benchmark's `System.nanoTime()`; then VmRSS and VmHWM from `/proc/<pid>/status`. The child is stopped (SIGTERM)
        after each launch. Variants with `-XX:SharedArchiveFile` get one unmeasured training launch that writes the
        archive on exit (`-XX:+AutoCreateSharedArchive`, JDK 19+).

        Phases, seconds after the launch, from the child's log timestamps: jvm = Spring's first line (JVM and the jar's
        launcher up), web = Tomcat initialised (context being built), engine = in-memory Zeebe engine started,
        deployed = all models deployed, listening = the web server accepts requests.

        | variant | JVM flags | start to healthy, median (raw) | VmRSS, median (raw) | VmHWM, median | < %.0f s | < %d MB |
        |---|---|---|---|---|---|---|
        %s
        | variant | run | start to healthy s | VmRSS MiB | VmHWM MiB | phases s |
        |---|---|---|---|---|---|
        %s""", java, HEALTH_POLL.toMillis(), TARGET_SECONDS, TARGET_RSS_MIB, summary, perRun);
  }

  /** One launch measured, stopped again. */
  private record Launch(double seconds, long rssMiB, long hwmMiB, String phases) {}

  private static String describe(Variant variant) {
    List<String> parts = new ArrayList<>();
    if (variant.extracted()) {
      parts.add("extracted jar");
    }
    parts.addAll(variant.flags());
    return parts.isEmpty() ? "-jar target/greenlight.jar" : String.join(" ", parts);
  }

  /** Extracts the fat jar as Spring Boot's tools do; returns the application jar to launch. */
  private static Path extract(Path java, Path work) throws IOException, InterruptedException {
    Path destination = work.resolve("extracted");
    Process process = new ProcessBuilder(java.toString(), "-Djarmode=tools", "-jar", JAR.toAbsolutePath().toString(),
        "extract", "--destination", destination.toString())
        .redirectErrorStream(true).redirectOutput(work.resolve("extract.log").toFile()).start();
    if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
      process.destroyForcibly();
      throw new IllegalStateException("Extracting " + JAR + " failed: " + tail(work.resolve("extract.log")));
    }
    return destination.resolve(JAR.getFileName());
  }

  private Launch launch(Path java, List<String> flags, Path jar, Path work) throws IOException, InterruptedException {
    int port = freePort();
    Path log = Files.createTempFile(work, "greenlight-", ".log");
    List<String> command = new ArrayList<>(List.of(java.toString()));
    command.addAll(flags);
    command.addAll(List.of("-jar", jar.toString()));
    ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile())
        .redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().putAll(Map.of(
        "GREENLIGHT_PORT", String.valueOf(port),
        "GREENLIGHT_ENGINE_PORT", String.valueOf(freePort()),
        "GREENLIGHT_REPORTS", work.resolve("reports").toString(),
        "GREENLIGHT_RUNBOOKS", work.resolve("runbooks").toString()));
    Instant launchedAt = Instant.now();
    long launched = System.nanoTime();
    Process process = builder.start();
    try {
      awaitHealthy(process, URI.create("http://127.0.0.1:" + port + "/actuator/health"), log);
      double seconds = (System.nanoTime() - launched) / 1e9;
      Map<String, Long> memory = memoryOf(process.pid());
      return new Launch(seconds, memory.get("VmRSS") / 1024, memory.get("VmHWM") / 1024, phases(log, launchedAt));
    } finally {
      process.destroy();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    }
  }

  private void awaitHealthy(Process process, URI health, Path log) throws IOException, InterruptedException {
    long giveUp = System.nanoTime() + HEALTH_DEADLINE.toNanos();
    HttpRequest request = HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(5)).GET().build();
    while (System.nanoTime() < giveUp) {
      if (!process.isAlive()) {
        throw new IllegalStateException("Greenlight exited with " + process.exitValue() + " before it was healthy; its"
            + " log ends: " + tail(log));
      }
      try {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200 && "UP".equals(JSON.readTree(response.body()).path("status").asText())) {
          return;
        }
      } catch (ConnectException e) {
        // the web server does not listen yet: it opens only after every model is deployed
      }
      Thread.sleep(HEALTH_POLL);
    }
    throw new IllegalStateException("Greenlight was not healthy within " + HEALTH_DEADLINE + "; its log ends: " + tail(log));
  }

  /** VmRSS and VmHWM in KiB. */
  private static Map<String, Long> memoryOf(long pid) throws IOException {
    Map<String, Long> memory = new LinkedHashMap<>();
    for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
      for (String key : List.of("VmRSS", "VmHWM")) {
        if (line.startsWith(key + ":")) {
          memory.put(key, Long.parseLong(line.replaceAll("\\D", "")));
        }
      }
    }
    if (memory.size() != 2) {
      throw new IllegalStateException("/proc/" + pid + "/status has no VmRSS or VmHWM line");
    }
    return memory;
  }

  private static String phases(Path log, Instant launchedAt) throws IOException {
    List<String> found = new ArrayList<>();
    List<String> lines = Files.readAllLines(log);
    for (Map.Entry<String, String> phase : PHASES.entrySet()) {
      lines.stream().filter(line -> line.contains(phase.getKey())).findFirst().flatMap(StartupBenchmark::timestamp)
          .ifPresent(at -> found.add(String.format(Locale.ROOT, "%s %.1f", phase.getValue(),
              Duration.between(launchedAt, at).toMillis() / 1000.0)));
    }
    return String.join(", ", found);
  }

  /** Spring Boot's console lines begin with an ISO local date-time in UTC here ({@code 2026-11-23T18:32:21.916Z}). */
  static Optional<Instant> timestamp(String line) {
    int end = line.indexOf(' ');
    if (end < 20) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.parse(line.substring(0, end)));
    } catch (RuntimeException e) {
      try {
        return Optional.of(LocalDateTime.parse(line.substring(0, end), DateTimeFormatter.ISO_LOCAL_DATE_TIME)
            .toInstant(ZoneOffset.UTC));
      } catch (RuntimeException notADate) {
        return Optional.empty();
      }
    }
  }

  private static String tail(Path log) throws IOException {
    List<String> lines = Files.readAllLines(log);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static void deleteRecursively(Path directory) throws IOException {
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }

  private static Map<String, String> phases() {
    Map<String, String> phases = new LinkedHashMap<>();
    phases.put("Starting Greenlight", "jvm");
    phases.put("Tomcat initialized", "web");
    phases.put("Engine mode: embedded", "engine");
    phases.put("processes and", "deployed");
    phases.put("Tomcat started", "listening");
    return phases;
  }

  private static Map<String, Variant> variants() {
    String cds = "-XX:+AutoCreateSharedArchive";
    Map<String, Variant> variants = new LinkedHashMap<>();
    variants.put("plain", new Variant(List.of(), false));
    variants.put("c1", new Variant(List.of("-XX:TieredStopAtLevel=1"), false));
    variants.put("cds", new Variant(List.of("-XX:SharedArchiveFile=${work}/fat.jsa", cds), false));
    variants.put("serial-256m", new Variant(List.of("-XX:+UseSerialGC", "-Xmx256m"), false));
    variants.put("extracted", new Variant(List.of(), true));
    variants.put("extracted-cds", new Variant(List.of("-XX:SharedArchiveFile=${work}/extracted.jsa", cds), true));
    variants.put("extracted-cds-c1", new Variant(List.of("-XX:SharedArchiveFile=${work}/extracted-c1.jsa", cds,
        "-XX:TieredStopAtLevel=1"), true));
    return variants;
  }
}
