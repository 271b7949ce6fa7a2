package dev.greenlight.api.rollouts;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.random.RandomGenerator;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/** Rollout ids people can read and say: service, UTC date, four hex digits, e.g. {@code checkout-20261123-7f3a}. */
@Component
public class RolloutIds {

  private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

  private final Clock clock;
  private final RandomGenerator random;

  /** @param clock the rollout's time: a rollout id names the day it started */
  @Autowired
  public RolloutIds(Clock clock) {
    this(clock, new SecureRandom());
  }

  RolloutIds(Clock clock, RandomGenerator random) {
    this.clock = clock;
    this.random = random;
  }

  public String next(String service) {
    return service + "-" + LocalDate.now(clock).format(DAY) + "-" + HexFormat.of().toHexDigits((short) random.nextInt());
  }
}
