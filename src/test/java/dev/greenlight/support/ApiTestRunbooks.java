package dev.greenlight.support;

import dev.greenlight.support.LocalHttpServer.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The shipped runbooks of {@code runbooks/} as the API tests start them: the same files and scripts, with
 * {@code metrics.url} pointing at a local stand-in Prometheus, so that the check of every query before a start gets its
 * answers. The stand-in answers each query with one sample, except a query naming {@value #NO_SERIES_METRIC}, which
 * gets no series. Written once per test JVM to a directory of this project's and this JVM's own (the suite runs in
 * parallel JVMs, each with its own stand-in) under the temporary directory, outside the roots the test configuration
 * lets runbooks write to (the server refuses runbooks it could overwrite); the registry reads runbooks on every use.
 */
public final class ApiTestRunbooks {

  /** The directory as a property value (resolved by Spring), the same as {@link #directory()}. */
  public static final String DIRECTORY =
      "${java.io.tmpdir}/greenlight-api-test-runbooks${user.dir}/fork-${greenlight.test.fork:1}";
  /** A metric the stand-in Prometheus has no series of. */
  public static final String NO_SERIES_METRIC = "no_such_metric_total";

  private static final Pattern METRICS_URL = Pattern.compile("(?m)^(metrics:\\n(?:  .*\\n)*?  url: ).*$");
  private static LocalHttpServer prometheus;

  private ApiTestRunbooks() {}

  /** Starts the stand-in and writes the files, the first time; call before the first start. */
  public static synchronized void write() {
    if (prometheus != null) {
      return;
    }
    prometheus = LocalHttpServer.start(ApiTestRunbooks::answer);
    Runtime.getRuntime().addShutdownHook(new Thread(prometheus::close));
    try (Stream<Path> files = Files.list(Path.of("runbooks"));
        Stream<Path> scripts = Files.list(Path.of("runbooks", "scripts"))) {
      Path directory = Files.createDirectories(directory());
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
        Files.writeString(directory.resolve(file.getFileName()), withStandIn(Files.readString(file)));
      }
      Path scriptCopies = Files.createDirectories(directory.resolve("scripts"));
      for (Path script : scripts.toList()) {
        Files.copy(script, scriptCopies.resolve(script.getFileName()), StandardCopyOption.REPLACE_EXISTING,
            StandardCopyOption.COPY_ATTRIBUTES);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A shipped runbook's YAML with the stand-in's URL, for inline specs. */
  public static String yaml(String name) {
    write();
    try {
      return Files.readString(directory().resolve(name + ".yaml"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path directory() {
    return Path.of(System.getProperty("java.io.tmpdir"), "greenlight-api-test-runbooks" + System.getProperty("user.dir"),
        "fork-" + System.getProperty("greenlight.test.fork", "1"));
  }

  private static String withStandIn(String yaml) {
    return METRICS_URL.matcher(yaml).replaceFirst("$1" + prometheus.uri(""));
  }

  private static Response answer(LocalHttpServer.RecordedRequest request) {
    String query = URLDecoder.decode(request.path(), StandardCharsets.UTF_8);
    String series = query.contains(NO_SERIES_METRIC) ? "" : "{\"metric\": {}, \"value\": [1700000000, \"0.001\"]}";
    return Response.json(200, "{\"status\": \"success\", \"data\": {\"resultType\": \"vector\", \"result\": ["
        + series + "]}}");
  }
}
