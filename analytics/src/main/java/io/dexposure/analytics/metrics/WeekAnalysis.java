package io.dexposure.analytics.metrics;

import java.util.List;

/** What the window computes for one week: the weekly record and one record per node. */
public record WeekAnalysis(WeekMetrics week, List<ProtocolMetrics> protocols) {
}
