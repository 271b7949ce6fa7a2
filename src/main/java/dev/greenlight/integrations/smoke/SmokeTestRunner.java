package dev.greenlight.integrations.smoke;

import dev.greenlight.integrations.JsonHttp;
import dev.greenlight.integrations.JsonHttp.Reply;
import dev.greenlight.integrations.traffic.Side;
import dev.greenlight.spec.SmokeTests;
import dev.greenlight.spec.SmokeTests.Check;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * Runs a spec's smoke checks in parallel under one deadline. A check that gets no answer (refused, timed out) is a
 * failed check, not a technical failure: the service being unreachable is exactly what smoke tests look for.
 */
@Component
public class SmokeTestRunner {

  private final JsonHttp http;

  public SmokeTestRunner(JsonHttp http) {
    this.http = http;
  }

  /**
   * Every check is prepared before the first request goes out. A runbook without smoke tests gets a report that says
   * nothing was checked: the section is optional.
   *
   * @param side blue-green: the side checked, filled into the checks' URLs where they say {@code {{side}}}; null
   *     otherwise
   */
  public SmokeReport run(SmokeTests smokeTests, Side side) {
    if (smokeTests == null) {
      return SmokeReport.nothingToCheck();
    }
    List<PreparedCheck> prepared = smokeTests.checks().stream()
        .map(check -> PreparedCheck.of(check, side, smokeTests.deadline())).toList();
    Duration deadline = smokeTests.deadline();
    List<CompletableFuture<SmokeCheckResult>> running = prepared.stream().map(check -> run(check, deadline)).toList();
    return SmokeReport.of(running.stream().map(CompletableFuture::join).toList());
  }

  private CompletableFuture<SmokeCheckResult> run(PreparedCheck check, Duration deadline) {
    CompletableFuture<Reply> sending = http.sendAsync(check.request());
    return sending
        .handle((response, error) -> error == null ? judge(check, response) : unanswered(check, error, deadline))
        .completeOnTimeout(timedOut(check, deadline), deadline.toNanos(), TimeUnit.NANOSECONDS)
        .whenComplete((result, error) -> sending.cancel(true));
  }

  private static SmokeCheckResult judge(PreparedCheck prepared, Reply response) {
    Check check = prepared.check();
    List<String> failures = new ArrayList<>();
    if (response.status() != prepared.expectedStatus()) {
      failures.add("expected status " + prepared.expectedStatus() + ", got " + response.status());
    }
    failures.addAll(JsonExpectations.mismatches(prepared.expectJson(), response.text()));
    long latencyMillis = response.latency().toMillis();
    if (check.latencyBudget() != null && response.latency().compareTo(check.latencyBudget()) > 0) {
      failures.add("took " + latencyMillis + " ms, over the latency budget of " + check.latencyBudget().toMillis() + " ms");
    }
    return SmokeCheckResult.answered(prepared.name(), prepared.method(), prepared.url(), response.status(),
        latencyMillis, failures);
  }

  private static SmokeCheckResult unanswered(PreparedCheck check, Throwable error, Duration deadline) {
    Throwable cause = error instanceof CompletionException ? error.getCause() : error;
    if (cause instanceof HttpTimeoutException) {
      return timedOut(check, deadline);
    }
    if (cause instanceof ConnectException) {
      return SmokeCheckResult.unanswered(check.name(), check.method(), check.url(),
          "connection refused by " + check.request().uri().getAuthority());
    }
    if (cause instanceof IOException) {
      return SmokeCheckResult.unanswered(check.name(), check.method(), check.url(), "request failed: " + cause);
    }
    throw error instanceof CompletionException completion ? completion : new CompletionException(error);
  }

  private static SmokeCheckResult timedOut(PreparedCheck check, Duration deadline) {
    return SmokeCheckResult.unanswered(check.name(), check.method(), check.url(),
        "no response before the deadline of " + deadline.toMillis() + " ms");
  }

  /** A check with its defaults applied and its request built. */
  private record PreparedCheck(
      Check check, String name, String method, String url, int expectedStatus, Map<String, Object> expectJson,
      HttpRequest request) {

    static PreparedCheck of(Check check, Side side, Duration deadline) {
      String method = check.method() == null || check.method().isBlank() ? "GET" : check.method().toUpperCase();
      String name = check.name() == null || check.name().isBlank() ? method + " " + check.url() : check.name();
      if (check.url() == null || check.url().isBlank()) {
        throw new IllegalArgumentException("smoke check '" + name + "' has no url");
      }
      String url = Side.fill(check.url(), side, "smoke check '" + name + "' (url)");
      Map<String, Object> expectJson = check.expectJson() == null ? Map.of() : check.expectJson();
      JsonExpectations.validate(name, expectJson);
      int expectedStatus = check.expectStatus() == 0 ? 200 : check.expectStatus();
      return new PreparedCheck(check, name, method, url, expectedStatus, expectJson,
          request(name, method, url, check, deadline));
    }

    private static HttpRequest request(String name, String method, String url, Check check, Duration deadline) {
      try {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).timeout(deadline)
            .method(method, check.body() == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(check.body()));
        if (check.headers() != null) {
          check.headers().forEach(builder::header);
        }
        return builder.build();
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("smoke check '" + name + "' cannot be sent: " + e.getMessage(), e);
      }
    }
  }
}
