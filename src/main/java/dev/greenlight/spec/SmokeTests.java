package dev.greenlight.spec;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * HTTP checks run in parallel after a change.
 *
 * @param deadline the whole run's deadline
 * @param checks the checks
 */
public record SmokeTests(Duration deadline, List<Check> checks) {

  /**
   * @param name short name shown in results
   * @param method HTTP method, default GET
   * @param url the URL
   * @param headers request headers
   * @param body request body, optional
   * @param expectStatus expected status, default 200
   * @param expectJson JSON-path → expected value, e.g. {@code $.status: UP}
   * @param latencyBudget slowest acceptable response
   */
  public record Check(
      String name,
      String method,
      String url,
      Map<String, String> headers,
      String body,
      int expectStatus,
      Map<String, Object> expectJson,
      Duration latencyBudget) {}
}
