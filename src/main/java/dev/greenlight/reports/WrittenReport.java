package dev.greenlight.reports;

import java.util.Map;

/**
 * What writing a report gives the process.
 *
 * @param report the filed report's headline
 * @param baseline baseline reports: query name → value (null when it could not be measured); null for other kinds
 */
public record WrittenReport(ReportHeadline report, Map<String, Double> baseline) {}
