package dev.greenlight.rehearsal.standins;

import dev.greenlight.integrations.JsonHttp;
import dev.greenlight.integrations.smoke.SmokeCheckResult;
import dev.greenlight.integrations.smoke.SmokeReport;
import dev.greenlight.integrations.smoke.SmokeTestRunner;
import dev.greenlight.integrations.traffic.Side;
import dev.greenlight.rehearsal.RehearsalApplication;
import dev.greenlight.rehearsal.RehearsalRecorder;
import dev.greenlight.spec.SmokeTests;
import dev.greenlight.spec.SmokeTests.Check;
import java.util.List;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/** Smoke checks in a rehearsal: records the checks a run would send; every one answers as expected. */
@Component
@Profile(RehearsalApplication.PROFILE)
class RecordingSmokeTests extends SmokeTestRunner {

  private final RehearsalRecorder recorder;

  RecordingSmokeTests(JsonHttp http, RehearsalRecorder recorder) {
    super(http);
    this.recorder = recorder;
  }

  @Override
  public SmokeReport run(SmokeTests smokeTests, Side side) {
    if (smokeTests == null) {
      return super.run(null, side);
    }
    List<SmokeCheckResult> results = smokeTests.checks().stream().map(check -> passed(check, side)).toList();
    recorder.call("smoke", results.size() + (results.size() == 1 ? " check" : " checks") + " passed: "
        + String.join(", ", results.stream().map(r -> r.name() + " (" + r.method() + " " + r.url() + ")").toList()));
    return new SmokeReport(true, results, false);
  }

  private static SmokeCheckResult passed(Check check, Side side) {
    String method = check.method() == null || check.method().isBlank() ? "GET" : check.method().toUpperCase();
    String name = check.name() == null || check.name().isBlank() ? method + " " + check.url() : check.name();
    int status = check.expectStatus() == 0 ? 200 : check.expectStatus();
    String url = Side.fill(check.url(), side, "smoke check '" + name + "' (url)");
    return new SmokeCheckResult(name, method, url, true, status, 0L, List.of());
  }
}
