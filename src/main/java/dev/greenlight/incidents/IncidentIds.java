package dev.greenlight.incidents;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.random.RandomGenerator;
import org.springframework.stereotype.Component;

/** Incident ids people can read and say: service, "incident", UTC date, four hex digits. */
@Component
public class IncidentIds {

  private final Clock clock;
  private final RandomGenerator random = new SecureRandom();

  public IncidentIds(Clock clock) {
    this.clock = clock;
  }

  public String next(String service) {
    return service + "-incident-" + LocalDate.now(clock).format(DateTimeFormatter.BASIC_ISO_DATE) + "-"
        + HexFormat.of().toHexDigits((short) random.nextInt());
  }
}
