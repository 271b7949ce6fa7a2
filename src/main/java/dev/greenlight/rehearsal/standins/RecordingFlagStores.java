package dev.greenlight.rehearsal.standins;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.greenlight.bounds.FilePolicy;
import dev.greenlight.integrations.JsonHttp;
import dev.greenlight.integrations.flags.FlagStore;
import dev.greenlight.integrations.flags.FlagStores;
import dev.greenlight.rehearsal.RehearsalApplication;
import dev.greenlight.rehearsal.RehearsalRecorder;
import dev.greenlight.secrets.Secrets;
import dev.greenlight.spec.FlagTarget;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/** The flag store in a rehearsal: records each write by the service's real flag names and reads back what was set. */
@Component
@Profile(RehearsalApplication.PROFILE)
class RecordingFlagStores extends FlagStores {

  private final RehearsalRecorder recorder;
  private final Map<FlagTarget, Map<String, JsonNode>> stores = new ConcurrentHashMap<>();

  RecordingFlagStores(JsonHttp http, Secrets secrets, FilePolicy files, RehearsalRecorder recorder) {
    super(http, secrets, files);
    this.recorder = recorder;
  }

  @Override
  public FlagStore forTarget(FlagTarget target) {
    if (target.provider() == null) {
      return super.forTarget(target);
    }
    Map<String, JsonNode> flags = stores.computeIfAbsent(target, key -> new ConcurrentHashMap<>());
    return new FlagStore() {
      @Override
      public Map<String, JsonNode> read(Set<String> names) {
        Map<String, JsonNode> values = new LinkedHashMap<>();
        names.forEach(name -> values.put(name, flags.getOrDefault(name, NullNode.getInstance())));
        return values;
      }

      @Override
      public void write(Map<String, JsonNode> values) {
        List<String> changes = new ArrayList<>();
        values.forEach((name, value) -> {
          if (value.isNull()) {
            flags.remove(name);
            changes.add(name + " removed");
          } else {
            flags.put(name, value);
            changes.add(name + "=" + (value.isTextual() ? value.asText() : value.toString()));
          }
        });
        recorder.call("flags", String.join(", ", changes) + " (" + where(target) + ")");
      }
    };
  }

  private static String where(FlagTarget target) {
    return switch (target.provider()) {
      case HTTP -> "http " + target.url();
      case FILE -> "file " + target.file();
    };
  }
}
