package dev.greenlight.integrations.slack;

/**
 * A rollout notification. Only {@code text} is required; the rest are shown as fields when present.
 *
 * @param text what happened, e.g. "Canary at 10 %, gate passed"
 * @param service the service being rolled out
 * @param rolloutId Greenlight's rollout id
 * @param phase e.g. canary, rollback, compare-mode
 * @param stage the stage being watched
 * @param gate the latest gate verdict
 * @param processInstanceKey the rollout's process instance, for the Operate link
 */
public record SlackMessage(
    String text, String service, String rolloutId, String phase, String stage, String gate, Long processInstanceKey) {}
