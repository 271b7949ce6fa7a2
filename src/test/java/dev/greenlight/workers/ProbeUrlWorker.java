package dev.greenlight.workers;

import dev.greenlight.integrations.smoke.UrlProbe;
import dev.greenlight.integrations.smoke.UrlProbe.ProbeResult;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import java.net.URI;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * {@code probe-url}: GET {@code url}, result in {@code probe} (status, latencyMillis). Serves only the smoke-check
 * process the tests deploy (src/test/resources/processes), so neither is in the jar. Run twice: a GET, nothing changes.
 */
@Component
public class ProbeUrlWorker {

  public static final String URL = "url";
  public static final String PROBE = "probe";

  private final UrlProbe urlProbe;

  public ProbeUrlWorker(UrlProbe urlProbe) {
    this.urlProbe = urlProbe;
  }

  @JobWorker(type = "probe-url")
  public Map<String, ProbeResult> probeUrl(@Variable(name = URL) String url) {
    return Map.of(PROBE, urlProbe.probe(URI.create(url)));
  }
}
