package dev.greenlight.integrations.flags;

import dev.greenlight.bounds.FilePolicy;
import dev.greenlight.integrations.JsonHttp;
import dev.greenlight.integrations.flags.file.EnvFileFlagStore;
import dev.greenlight.integrations.flags.file.JsonFileFlagStore;
import dev.greenlight.integrations.flags.http.HttpFlagStore;
import dev.greenlight.secrets.Secrets;
import dev.greenlight.spec.FlagTarget;
import java.net.URI;
import java.nio.file.Path;
import org.springframework.stereotype.Component;

/** Picks the {@link FlagStore} for a runbook's {@code flags} section by its provider. */
@Component
public class FlagStores {

  private final JsonHttp http;
  private final Secrets secrets;
  private final FilePolicy files;

  /** @param files where the server lets runbooks write (flag files) */
  public FlagStores(JsonHttp http, Secrets secrets, FilePolicy files) {
    this.http = http;
    this.secrets = secrets;
    this.files = files;
  }

  public FlagStore forTarget(FlagTarget target) {
    if (target.provider() == null) {
      throw new IllegalArgumentException("The runbook's flags.provider is missing: set it to http or file");
    }
    return switch (target.provider()) {
      case HTTP -> new HttpFlagStore(http, URI.create(required(target.url(), "flags.url")),
          secrets.requireIfNamed(target.tokenSecret()));
      case FILE -> fileStore(files.allowed("flags.file", required(target.file(), "flags.file")));
    };
  }

  private FlagStore fileStore(Path file) {
    return file.getFileName().toString().endsWith(".json")
        ? new JsonFileFlagStore(file, http.json())
        : new EnvFileFlagStore(file);
  }

  private static String required(String value, String field) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("The runbook's " + field + " is missing: the flag provider needs it");
    }
    return value;
  }
}
