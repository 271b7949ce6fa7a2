package dev.greenlight.rehearsal.standins;

import dev.greenlight.integrations.JsonHttp;
import dev.greenlight.integrations.metrics.Measurement;
import dev.greenlight.integrations.metrics.MetricProvider;
import dev.greenlight.integrations.metrics.MetricProviders;
import dev.greenlight.rehearsal.RehearsalApplication;
import dev.greenlight.rehearsal.RehearsalRecorder;
import dev.greenlight.secrets.Secrets;
import dev.greenlight.spec.MetricSource;
import java.util.concurrent.CompletableFuture;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * The metric source in a rehearsal, whatever the provider: each query reads what the recorder says the stage being
 * watched gets (healthy, or breaking its thresholds for the stage to breach). The gate judges the readings as it
 * would real ones; the timeline shows them through the gate's verdicts, not reading by reading.
 */
@Component
@Profile(RehearsalApplication.PROFILE)
class RehearsalMetricSource extends MetricProviders {

  private final RehearsalRecorder recorder;

  RehearsalMetricSource(JsonHttp http, Secrets secrets, RehearsalRecorder recorder) {
    super(http, secrets);
    this.recorder = recorder;
  }

  @Override
  public MetricProvider forSource(MetricSource source) {
    if (source.provider() == null) {
      return super.forSource(source);
    }
    return (name, query, context) -> {
      var reading = recorder.reading(name);
      return CompletableFuture.completedFuture(reading.isPresent()
          ? Measurement.of(reading.getAsDouble())
          : Measurement.inconclusive("no rehearsal is running"));
    };
  }
}
