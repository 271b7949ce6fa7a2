package dev.greenlight.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads one series' value out of a Prometheus text scrape, e.g. {@code greenlight_signoffs_overdue} or with labels. */
public final class PrometheusScrape {

  private PrometheusScrape() {}

  /** The value of {@code series} (name and labels exactly as exported); fails when the scrape lacks it. */
  public static double value(String scrape, String series) {
    Matcher line = line(scrape, series);
    assertThat(line.find()).as("series %s on /actuator/prometheus", series).isTrue();
    return Double.parseDouble(line.group(1));
  }

  /** The value of {@code series}, 0 when the scrape does not have it yet. */
  public static double valueOr0(String scrape, String series) {
    Matcher line = line(scrape, series);
    return line.find() ? Double.parseDouble(line.group(1)) : 0;
  }

  private static Matcher line(String scrape, String series) {
    return Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(scrape);
  }
}
