package dev.greenlight.crash;

import static org.assertj.core.api.Assertions.assertThat;

import dev.greenlight.support.NginxUpstreams;
import dev.greenlight.support.NginxUpstreams.Upstream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The crash suites' runbooks, from the templates in {@code src/test/resources/crash/} with their placeholders filled. */
final class SuiteRunbooks {

  private SuiteRunbooks() {}

  /**
   * A canary through the real nginx whose release commands keep the live version in {@code live} and count their runs
   * in {@code live}{@code .runs}.
   *
   * @param deploy the deploy command as a YAML flow sequence
   * @param stages the stages as a YAML flow sequence
   */
  static String canary(String service, NginxUpstreams nginx, Upstream upstream, Path live, String deploy, URI base,
      String stages) {
    return filled(template("canary.yaml"), Map.of(
        "service", service, "upstreamFile", nginx.upstreamFile(upstream).toString(), "stable", upstream.stable(),
        "canary", upstream.canary(), "nginxTest", flow(nginx.command("-t")),
        "nginxReload", flow(nginx.command("-s", "reload")), "live", live.toString(), "deploy", deploy,
        "base", base.toString(), "stages", stages));
  }

  /** The deploy command that counts its run, then sets the version live. */
  static String countingDeploy(Path live) {
    return flow(List.of("sh", "-c", "echo deploy >> \"$0.runs\"; printf %s \"$GREENLIGHT_VERSION\" > \"$0\"",
        live.toString()));
  }

  static String featureFlag(Map<String, String> values) {
    return filled(template("feature-flag.yaml"), values);
  }

  /** A command as a YAML flow sequence of single-quoted arguments. */
  static String flow(List<String> command) {
    return command.stream().map(part -> "'" + part.replace("'", "''") + "'")
        .collect(Collectors.joining(", ", "[", "]"));
  }

  private static String template(String name) {
    try (InputStream in = SuiteRunbooks.class.getResourceAsStream("/crash/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String filled(String template, Map<String, String> values) {
    String text = template;
    for (Map.Entry<String, String> value : values.entrySet()) {
      text = text.replace("${" + value.getKey() + "}", value.getValue());
    }
    assertThat(text).as("every placeholder filled").doesNotContain("${");
    return text;
  }
}
