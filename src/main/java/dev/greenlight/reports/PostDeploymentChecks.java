package dev.greenlight.reports;

import dev.greenlight.gates.GateCheck;
import dev.greenlight.gates.GateState;
import dev.greenlight.gates.GateVerdict;
import dev.greenlight.gates.MetricVerdict;
import dev.greenlight.integrations.metrics.QueryContext;
import dev.greenlight.spec.RunbookSpec;
import dev.greenlight.spec.Stage;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * {@code post-deployment-check}: seed 001's checks at T+1 h, T+24 h and T+7 d. The metrics now against the last stage's
 * thresholds and the rollback triggers, judged exactly as the stage's gate judged them.
 */
@Component
public class PostDeploymentChecks implements ReportBuilder {

  private final GateCheck gateCheck;

  public PostDeploymentChecks(GateCheck gateCheck) {
    this.gateCheck = gateCheck;
  }

  /**
   * @param checkpoint which check, e.g. T+24h; null when the process did not say
   * @param stage the stage whose thresholds the metrics are held to
   * @param verdict pass, fail or inconclusive
   * @param metrics the verdict per query, with the values and limits
   * @param problems what failed or could not be measured; empty when the check passed
   */
  public record PostDeploymentCheck(String checkpoint, String stage, GateVerdict verdict,
      Map<String, MetricVerdict> metrics, List<String> problems) {}

  @Override
  public ReportKind kind() {
    return ReportKind.POST_DEPLOYMENT_CHECK;
  }

  @Override
  public ReportDraft build(ReportRequest request, Instant now) {
    RunbookSpec runbook = request.requireRunbook();
    if (runbook.stages() == null || runbook.stages().isEmpty()) {
      throw new IllegalArgumentException("A post-deployment-check report holds the metrics to the last stage's"
          + " thresholds; the runbook of " + request.serviceName() + " has no stages");
    }
    Stage last = runbook.stages().getLast();
    GateState gate = gateCheck.check(runbook, last, null,
        new QueryContext(request.serviceName(), request.version(), request.rolloutId()));
    List<String> problems = gate.breached() && gate.breachReason() != null ? List.of(gate.breachReason())
        : gate.metrics().values().stream().map(MetricVerdict::reason).filter(reason -> reason != null).toList();
    PostDeploymentCheck check = new PostDeploymentCheck(request.checkpoint(), last.name(), gate.verdict(),
        gate.metrics(), problems);
    String summary = "post-deployment check" + (request.checkpoint() == null ? "" : " " + request.checkpoint())
        + " of " + request.serviceName() + " " + request.version() + " against stage " + last.name() + ": "
        + gate.verdict().json() + (problems.isEmpty() ? "" : " — " + String.join("; ", problems));
    boolean passed = gate.verdict() == GateVerdict.PASS && !gate.breached();
    return new ReportDraft(passed ? ReportStatus.OK : ReportStatus.ATTENTION, summary, check);
  }
}
