package dev.greenlight.reports;

import java.time.Instant;

/**
 * The {@code report} variable {@code write-report} sets: enough for a gateway, a task's summary or a Slack post; the
 * full report is in the {@link ReportStore} and at {@code GET /api/rollouts/{id}/reports}.
 *
 * @param id the report's id
 * @param kind what it is about
 * @param createdAt when it was written
 * @param status ok or attention
 * @param summary one readable line, e.g. "compare mode 2026-11-23: 1254 queries, 0 discrepancies, 0 errors — OK"
 */
public record ReportHeadline(String id, ReportKind kind, Instant createdAt, ReportStatus status, String summary) {}
