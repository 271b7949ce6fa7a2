package dev.greenlight.integrations.release;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * What release jobs have already done, by change id, so a retried job neither loses the version that was live before
 * its first attempt nor restarts a service a second time. Held in memory: it covers retries within one Greenlight
 * process, not a crash of Greenlight itself (providers whose platform can hold the record, like Kubernetes annotations,
 * keep it there instead).
 */
@Component
public class ReleaseJournal {

  private final Map<String, String> previousVersions = new ConcurrentHashMap<>();
  private final Set<String> restarts = ConcurrentHashMap.newKeySet();

  /** The version recorded as live before the change's first attempt, if any. */
  public Optional<String> previousVersion(String changeId) {
    return Optional.ofNullable(previousVersions.get(changeId));
  }

  public void recordPreviousVersion(String changeId, String version) {
    previousVersions.putIfAbsent(changeId, version);
  }

  public boolean restarted(String changeId) {
    return restarts.contains(changeId);
  }

  public void recordRestart(String changeId) {
    restarts.add(changeId);
  }
}
