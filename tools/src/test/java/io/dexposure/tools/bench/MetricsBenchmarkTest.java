package io.dexposure.tools.bench;

import io.dexposure.replayer.generate.ExposureNetworkGenerator;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The metrics benchmark on a small generated week: a row per metric, positive times, engines agreeing. */
class MetricsBenchmarkTest {
    private static final List<String> METRICS = List.of(
            "DegreeAssortativity unweighted", "DegreeAssortativity weighted", "DegreeDistribution", "Concentration",
            "Components (weak + strong)", "WeightedPageRank (tol 1e-10)", "UnweightedPageRank (tol 1e-10)",
            "Hits weighted (tol 1e-12)", "Hits unweighted (tol 1e-12)", "ClosenessCentrality", "Betweenness (exact)",
            "Clustering (directed, weighted, undirected)", "NetworkEntropy (PageRank given)",
            "OllivierRicciCurvature (defaults)", "Infomap (defaults)");

    @Test
    void timesEveryMetricAndChecksTheOverlappingEngines() {
        MetricsBenchmark bench = new MetricsBenchmark(ExposureNetworkGenerator.singleWeek(42, 300, 1_500).toWeekSnapshot());
        MetricsBenchmark.Result result = bench.run(0, 1);

        assertThat(result.rows()).extracting(MetricsBenchmark.Row::metric).containsExactlyElementsOf(METRICS);
        assertThat(result.rows()).allSatisfy(r -> {
            assertThat(r.defaultMs()).as(r.metric()).isPositive();
            assertThat(r.alternativeMs().values()).as(r.metric()).allSatisfy(ms -> assertThat(ms).isPositive());
        });
        assertThat(result.row("Components (weak + strong)").alternativeMs()).containsKeys("JGraphT", "Gelly (weak only)");
        assertThat(result.row("WeightedPageRank (tol 1e-10)").alternative("JGraphT")).isNotNull();
        assertThat(result.row("UnweightedPageRank (tol 1e-10)").alternative("Gelly")).isNotNull();
        assertThat(result.row("Hits unweighted (tol 1e-12)").alternative("Gelly")).isNotNull();
        assertThat(result.row("Betweenness (exact)").alternative("JGraphT")).isNotNull();
        assertThat(result.row("Clustering (directed, weighted, undirected)").alternativeMs()).containsKey("Gelly (undirected only)");

        assertThat(result.agreement()).hasSize(7);
        assertThat(result.agreement().values()).allSatisfy(d -> assertThat(d).isBetween(0.0, MetricsBenchmark.AGREEMENT));

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        MetricsBenchmark.print(new PrintStream(bytes, true, StandardCharsets.UTF_8), result,
                MetricsBenchmark.NetworkxRun.skipped("not asked"));
        String table = bytes.toString(StandardCharsets.UTF_8);
        assertThat(table).contains(METRICS).contains("total (all metrics, default engines)")
                .contains("NetworkX: not run (not asked)").contains("Goal every metric <= 2 s: met")
                .contains("not measured (run with --networkx)");
    }
}
