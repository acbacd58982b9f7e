package io.dexposure.job.options;

import io.dexposure.analytics.metrics.PageRankEngine;
import io.dexposure.analytics.metrics.WeekMetricsCalculator;
import io.dexposure.job.gelly.GellyMetrics;
import picocli.CommandLine.Option;

import java.io.Serializable;

/**
 * The weekly analysis: the engines and parameters of the network metrics. One option group: a picocli mixin for the commands that
 * need it, and what the operators of this concern receive. The job's own {@code main} reads the same
 * flags without picocli ({@link JobArguments}).
 */
public class AnalysisOptions implements Serializable {
    private static final long serialVersionUID = 1L;

    @Option(names = "--pagerank-damping", description = "PageRank damping factor (default: ${DEFAULT-VALUE}).")
    public double pageRankDamping = 0.85;

    @Option(names = "--pagerank-engine", description = "Engine of the unweighted PageRank: ${COMPLETION-CANDIDATES}; same values, CSR is ~300x faster at real scale (default: ${DEFAULT-VALUE}).")
    public PageRankEngine pageRankEngine = PageRankEngine.CSR;

    @Option(names = "--pagerank-max-iterations", description = "PageRank iteration cap (default: ${DEFAULT-VALUE}).")
    public int pageRankMaxIterations = 100;

    @Option(names = "--pagerank-tolerance", description = "PageRank stops when the summed absolute change falls below this (default: ${DEFAULT-VALUE}).")
    public double pageRankTolerance = 1e-9;

    /** The weekly analysis as these options configure it (Gelly's PageRank plugged in under its flag). */
    public WeekMetricsCalculator calculator() {
        return new WeekMetricsCalculator(pageRankDamping, pageRankMaxIterations, pageRankTolerance,
                GellyMetrics.pageRank(pageRankEngine));
    }
}
