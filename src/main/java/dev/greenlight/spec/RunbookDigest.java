package dev.greenlight.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The SHA-256 of a runbook's content: its normalized spec (defaults filled in) written as JSON with every key sorted,
 * so the same runbook always has the same digest, whether it came from a file, an inline spec or a process variable,
 * and whatever order its YAML listed the keys in. Comments and formatting do not change it; any value does.
 */
public final class RunbookDigest {

  private static final ObjectMapper CANONICAL = JsonMapper.builder()
      .addModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
      .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
      .build();

  private RunbookDigest() {}

  /** Lower-case hex, 64 characters. */
  public static String sha256(RunbookSpec spec) {
    try {
      byte[] canonical = CANONICAL.writeValueAsString(spec).getBytes(StandardCharsets.UTF_8);
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("A validated runbook spec could not be written as JSON", e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("This JVM has no SHA-256", e);
    }
  }
}
