package io.dexposure.tools.bench;

import io.dexposure.events.SnapshotEvent;
import io.dexposure.analytics.assembly.AssembledWeek;
import io.dexposure.analytics.assembly.WeekAssembly;
import io.dexposure.analytics.metrics.UnweightedPageRank;
import io.dexposure.analytics.metrics.WeekMetricsCalculator;
import io.dexposure.job.gelly.GellyGraphAdapter;
import io.dexposure.analytics.network.WeeklyNetwork;
import org.apache.flink.api.java.CollectionEnvironment;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the weekly window costs on one week, phase by phase, measured the way the window runs it:
 * assembly from the week's records, the Gelly graph, Gelly's PageRank, the statistics; plus the
 * plain-CSR PageRank as a reference measured in the same run.
 */
public final class WindowBenchmark {
    private final List<SnapshotEvent> events;
    private final String week;
    private final double damping;
    private final int maxIterations;
    private final double tolerance;

    public WindowBenchmark(String week, List<SnapshotEvent> events, double damping, int maxIterations, double tolerance) {
        this.week = week;
        this.events = events;
        this.damping = damping;
        this.maxIterations = maxIterations;
        this.tolerance = tolerance;
    }

    /** Milliseconds per phase for each measured run (after the warm-ups, which are discarded). */
    public Map<String, List<Double>> run(int warmups, int runs) {
        return PhaseTimes.repeat(warmups, runs, this::once);
    }

    private Map<String, Double> once() {
        Map<String, Double> ms = new LinkedHashMap<>();
        WeeklyNetwork network = PhaseTimes.time(ms, "assembly: records -> WeeklyNetwork", () -> {
            AssembledWeek assembled = WeekAssembly.assemble(week, events);
            if (!assembled.isComplete()) {
                throw new IllegalStateException(assembled.issue().message);
            }
            return assembled.network();
        });
        PhaseTimes.time(ms, "Gelly graph build (vertex and edge sets)", () ->
                GellyGraphAdapter.toGraph(network, new CollectionEnvironment()));
        WeekMetricsCalculator.PhaseTimes phases = new WeekMetricsCalculator.PhaseTimes();
        PhaseTimes.time(ms, "whole metrics record (all engines)", () ->
                new WeekMetricsCalculator(damping, maxIterations, tolerance).analyse(network, phases));
        ms.put("  of which size and degree statistics", phases.statisticsNanos / 1e6);
        ms.put("  of which Gelly PageRank", phases.pageRankNanos / 1e6);
        ms.put("  of which metrics suite (hand-written/JGraphT)", phases.suiteNanos / 1e6);
        // Same values as Gelly's (GellyPageRankTest, MetricsBenchmark check it); here only its cost matters.
        PhaseTimes.time(ms, "reference: PageRank on the CSR arrays", () ->
                UnweightedPageRank.compute(network, damping, maxIterations, tolerance));
        return ms;
    }
}
