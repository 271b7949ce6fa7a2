package dev.greenlight.api.rollouts;

import dev.greenlight.reports.Report;
import dev.greenlight.reports.ReportStore;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** {@code /api/rollouts/{id}/reports}: the reports a rollout filed (compare days, baselines, checks, incidents). */
@RestController
@RequestMapping("/api/rollouts")
public class RolloutReportsController {

  private final ObjectProvider<RolloutReadModel> readModel;
  private final ReportStore reports;

  public RolloutReportsController(ObjectProvider<RolloutReadModel> readModel, ReportStore reports) {
    this.readModel = readModel;
    this.reports = reports;
  }

  /** The rollout's reports, newest last. */
  @GetMapping("/{rolloutId}/reports")
  public List<Report> reports(@PathVariable String rolloutId) {
    RolloutReadModel model = readModel.getIfAvailable();
    if (model == null) {
      throw new ResponseStatusException(HttpStatus.NOT_IMPLEMENTED, "Listing a rollout's reports through this API"
          + " needs the embedded engine; on a Camunda cluster read them in greenlight.reports.directory");
    }
    model.find(rolloutId).orElseThrow(() -> new RolloutNotFoundException(rolloutId));
    return reports.list(rolloutId);
  }
}
