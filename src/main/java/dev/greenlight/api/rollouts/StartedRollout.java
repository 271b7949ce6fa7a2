package dev.greenlight.api.rollouts;

/** Answer to {@code POST /api/rollouts}. */
public record StartedRollout(String rolloutId, long processInstanceKey, String processId) {}
