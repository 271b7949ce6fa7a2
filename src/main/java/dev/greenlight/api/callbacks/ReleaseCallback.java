package dev.greenlight.api.callbacks;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Set;

/**
 * The body a pipeline POSTs to its callback URL once a triggered release has ended; published to the process as the
 * variable {@code releaseCallback}.
 *
 * @param status {@code succeeded} or {@code failed}
 * @param version the version the pipeline made live
 * @param url where people can read the pipeline run (optional)
 * @param previousVersion the version that was live before a deploy, when the pipeline knows it (optional); also
 *     published as the process variable {@code previousVersion} for the rollback
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReleaseCallback(String status, String version, String url, String previousVersion) {

  static final Set<String> STATUSES = Set.of("succeeded", "failed");

  /** What is wrong with the body, or null when it can be published. */
  String problem() {
    if (status == null || !STATUSES.contains(status)) {
      return "status must be one of " + STATUSES + ", got " + status;
    }
    return null;
  }
}
