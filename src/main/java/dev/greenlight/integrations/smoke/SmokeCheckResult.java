package dev.greenlight.integrations.smoke;

import java.util.List;

/**
 * How one smoke check went.
 *
 * @param name the check's name
 * @param method the HTTP method sent
 * @param url the URL called
 * @param passed whether every expectation held
 * @param status the response status; null when no response came
 * @param latencyMillis time to the whole response; null when no response came
 * @param failures why it failed, one line per broken expectation; empty when it passed
 */
public record SmokeCheckResult(
    String name, String method, String url, boolean passed, Integer status, Long latencyMillis, List<String> failures) {

  static SmokeCheckResult answered(String name, String method, String url, int status, long latencyMillis,
      List<String> failures) {
    return new SmokeCheckResult(name, method, url, failures.isEmpty(), status, latencyMillis, List.copyOf(failures));
  }

  static SmokeCheckResult unanswered(String name, String method, String url, String failure) {
    return new SmokeCheckResult(name, method, url, false, null, null, List.of(failure));
  }
}
