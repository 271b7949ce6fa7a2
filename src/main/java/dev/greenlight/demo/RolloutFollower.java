package dev.greenlight.demo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.greenlight.api.rollouts.RolloutReadModel;
import dev.greenlight.rollout.RolloutState;
import dev.greenlight.api.rollouts.RolloutView;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Follows one rollout until it ends, printing a line whenever it moves, the traffic moves or the gate measures: what
 * runs now, the stage, the canary's traffic weight, the service's error rate and p99 of the last seconds, and the gate's
 * latest verdict.
 */
final class RolloutFollower {

  private static final Duration POLL = Duration.ofMillis(250);

  private final RolloutReadModel rollouts;
  private final PrintWriter out;
  private final InstantSource clock;
  private final Instant demoStarted;

  RolloutFollower(RolloutReadModel rollouts, PrintWriter out, InstantSource clock, Instant demoStarted) {
    this.rollouts = rollouts;
    this.out = out;
    this.clock = clock;
    this.demoStarted = demoStarted;
  }

  /**
   * Polls until the rollout is no longer active or an incident stops it; empty when the deadline passes first.
   *
   * @param weight the canary's weight now, for the progress line (null for a rollout without traffic)
   * @param serviceStats the service's stats the gate reads (errorRate, p99 or p95)
   * @param onPoll called with the latest view on every poll, e.g. to inject a fault at the right moment
   * @param healthy throws when something the rollout depends on (the decider) broke
   */
  Optional<RolloutView> follow(String rolloutId, Duration deadline, Supplier<Integer> weight,
      Supplier<Map<String, Object>> serviceStats, Consumer<RolloutView> onPoll, Runnable healthy)
      throws InterruptedException {
    Instant giveUp = clock.instant().plus(deadline);
    String lastMoment = null;
    while (clock.instant().isBefore(giveUp)) {
      healthy.run();
      Optional<RolloutView> found = rollouts.find(rolloutId);
      if (found.isPresent()) {
        RolloutView view = found.get();
        Integer canaryWeight = weight.get();
        String moment = moment(view, canaryWeight);
        if (!moment.equals(lastMoment)) {
          out.printf("  %6.1fs  %s%n", Duration.between(demoStarted, clock.instant()).toMillis() / 1000.0,
              describe(view, canaryWeight, serviceStats.get()));
          lastMoment = moment;
        }
        onPoll.accept(view);
        if (view.ended() || view.state() == RolloutState.FAILED) {
          return Optional.of(view);
        }
      }
      Thread.sleep(POLL);
    }
    return Optional.empty();
  }

  /** What makes a new line: the rollout moved, the traffic moved or the gate measured again. */
  private static String moment(RolloutView view, Integer weight) {
    JsonNode gate = view.gate();
    return view.state() + "|" + view.current() + "|" + view.stage() + "|" + weight + "|"
        + (gate == null ? "" : gate.path("measuredAt").asText()) + "|" + view.incidents();
  }

  private static String describe(RolloutView view, Integer weight, Map<String, Object> stats) {
    StringBuilder line = new StringBuilder(view.state().specName());
    if (!view.current().isEmpty()) {
      line.append(" | ").append(String.join(", ", view.current()));
    }
    if (view.stage() != null) {
      line.append(" | stage ").append(view.stage());
    }
    if (weight != null) {
      line.append(" | canary ").append(weight).append('%');
    }
    line.append(" | errors ").append(percent(stats.get("errorRate")))
        .append(" p99 ").append(millis(stats.get("p99")));
    JsonNode gate = view.gate();
    if (gate != null && gate.hasNonNull("verdict")) {
      line.append(" | gate ").append(gate.get("verdict").asText());
      if (gate.path("breached").asBoolean()) {
        line.append(" BREACHED: ").append(gate.path("breachReason").asText());
      }
    }
    if (!view.incidents().isEmpty()) {
      line.append(" | incident: ").append(view.incidents().getFirst().path()).append(": ")
          .append(view.incidents().getFirst().message());
    }
    return line.toString();
  }

  private static String percent(Object ratio) {
    return ratio instanceof Number number ? String.format(Locale.ROOT, "%.1f%%", number.doubleValue() * 100) : "-";
  }

  private static String millis(Object seconds) {
    return seconds instanceof Number number ? Math.round(number.doubleValue() * 1000) + "ms" : "-";
  }
}
