package dev.greenlight.spec;

import dev.greenlight.spec.Stage.BreachAction;
import dev.greenlight.spec.Stage.InconclusivePolicy;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Every value a runbook may leave out, in one place; {@code docs/runbook-spec.md} lists the same. */
public final class SpecDefaults {

  /** Failed measurements in a row that breach a stage: the first failure does. */
  public static final int FAILURE_LIMIT = 1;
  /** Inconclusive measurements in a row that count as a failure (Argo Rollouts' default). */
  public static final int CONSECUTIVE_ERROR_LIMIT = 4;
  /** Valid readings a stage needs before it may pass. */
  public static final int MIN_MEASUREMENTS = 3;
  public static final InconclusivePolicy ON_INCONCLUSIVE = InconclusivePolicy.COUNT_AS_ERROR;
  public static final BreachAction ON_BREACH = BreachAction.ROLLBACK;
  /** The person who started a rollout may not approve it. */
  public static final boolean FOUR_EYES = true;
  public static final String SMOKE_METHOD = "GET";
  public static final int SMOKE_EXPECT_STATUS = 200;
  public static final List<String> NGINX_TEST_COMMAND = List.of("nginx", "-t");
  public static final List<String> NGINX_RELOAD_COMMAND = List.of("nginx", "-s", "reload");
  /** Feature-flag: the post-deployment review comes a week after the switch watch (seed 000). */
  public static final Duration REVIEW_AFTER = Duration.ofDays(7);
  /** How long each severity's page may go unacknowledged before the next level is paged (seeds 001 and 004). */
  public static final Map<String, Duration> RESPONSE_TARGETS = Map.of(
      "P1", Duration.ofMinutes(5),
      "P2", Duration.ofMinutes(15),
      "P3", Duration.ofHours(1),
      "P4", Duration.ofHours(4));

  private SpecDefaults() {}
}
