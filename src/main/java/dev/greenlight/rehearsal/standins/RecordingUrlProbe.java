package dev.greenlight.rehearsal.standins;

import dev.greenlight.integrations.JsonHttp;
import dev.greenlight.integrations.smoke.UrlProbe;
import dev.greenlight.rehearsal.RehearsalApplication;
import dev.greenlight.rehearsal.RehearsalRecorder;
import java.net.URI;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/** URL probes in a rehearsal: recorded; the service answers 200 at once. */
@Component
@Profile(RehearsalApplication.PROFILE)
class RecordingUrlProbe extends UrlProbe {

  private final RehearsalRecorder recorder;

  RecordingUrlProbe(JsonHttp http, RehearsalRecorder recorder) {
    super(http);
    this.recorder = recorder;
  }

  @Override
  public ProbeResult probe(URI url) {
    recorder.call("probe", "GET " + url + ": 200");
    return new ProbeResult(200, 0);
  }
}
