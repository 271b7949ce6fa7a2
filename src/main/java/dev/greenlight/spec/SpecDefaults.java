package dev.greenlight.spec;

import dev.greenlight.spec.Stage.BreachAction;
import dev.greenlight.spec.Stage.InconclusivePolicy;
import java.util.List;

/** Every value a runbook may leave out, in one place; {@code docs/runbook-spec.md} lists the same. */
public final class SpecDefaults {

  /** Failed measurements in a row that breach a stage: the first failure does. */
  public static final int FAILURE_LIMIT = 1;
  /** Inconclusive measurements in a row that count as a failure (Argo Rollouts' default). */
  public static final int CONSECUTIVE_ERROR_LIMIT = 4;
  public static final InconclusivePolicy ON_INCONCLUSIVE = InconclusivePolicy.COUNT_AS_ERROR;
  public static final BreachAction ON_BREACH = BreachAction.ROLLBACK;
  /** The person who started a rollout may not approve it. */
  public static final boolean FOUR_EYES = true;
  public static final String SMOKE_METHOD = "GET";
  public static final int SMOKE_EXPECT_STATUS = 200;
  public static final List<String> NGINX_TEST_COMMAND = List.of("nginx", "-t");
  public static final List<String> NGINX_RELOAD_COMMAND = List.of("nginx", "-s", "reload");

  private SpecDefaults() {}
}
