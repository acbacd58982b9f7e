package io.dexposure.flink.metrics;

import io.dexposure.flink.network.JGraphTViews;
import io.dexposure.flink.network.WeeklyNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Per-class timing on a real-scale generated week, {@code ExposureNetworkGenerator.singleWeek(42, 11000,
 * 75000)}: printed, never asserted (a benchmark, not a timed test). Off unless asked for:
 * <pre>
 *   mvn -o -pl flink-jobs test -Dtest=MetricsTimingTest -Ddexposure.timing=true [-Ddexposure.timing.slow=true]
 * </pre>
 * {@code dexposure.timing.slow} adds the slow engines (Gelly on a CollectionEnvironment, JGraphT's
 * betweenness, ~15 s). NetworkX on the same week: {@code bin/dexposure generate --seed 42 --nodes 11000
 * --links 75000 --from 2024-07-22 --weeks 1 --no-scenarios --out big.json}, then
 * {@code python3 src/test/python/networkx_reference.py big.json --week 2024-07-22 --pagerank-tol 1e-10
 * --skip assortativity_weighted} (its {@code seconds} block).
 */
@EnabledIfSystemProperty(named = "dexposure.timing", matches = "true")
class MetricsTimingTest {
    private static final int WARMUPS = 3;
    private static final int RUNS = 7;

    private final Map<String, List<Double>> times = new LinkedHashMap<>();

    @Test
    void printTimesAtRealScale() {
        WeeklyNetwork net = TestNetworks.generated(42, 11_000, 75_000);
        boolean slow = Boolean.getBoolean("dexposure.timing.slow");
        for (int r = 0; r < WARMUPS + RUNS; r++) {
            boolean measured = r >= WARMUPS;
            time(measured, "DegreeAssortativity (unweighted + weighted)", () -> DegreeAssortativity.compute(net));
            time(measured, "DegreeDistribution", () -> DegreeDistribution.compute(net));
            time(measured, "Concentration", () -> Concentration.compute(net));
            time(measured, "Components (hand-written)", () -> Components.compute(net));
            time(measured, "Components (JGraphT, view included)", () -> Components.jgrapht(net));
            WeightedPageRank.Result pr = time(measured, "WeightedPageRank (CSR, tol 1e-10)", () -> WeightedPageRank.compute(net));
            time(measured, "WeightedPageRank (JGraphT, tol 1e-10, view included)",
                    () -> WeightedPageRank.jgrapht(net, 0.85, 1000, 1e-10));
            time(measured, "  of which JGraphT weighted view", () -> JGraphTViews.directedWeighted(net, true));
            time(measured, "Hits (CSR, weighted, tol 1e-12)", () -> Hits.compute(net));
            time(measured, "Hits (CSR, unweighted, tol 1e-12)", () -> Hits.compute(net, false, 10_000, 1e-12));
            time(measured, "ClosenessCentrality (multi-source BFS, 1 thread)", () -> ClosenessCentrality.compute(net));
            time(measured, "ClosenessCentrality (multi-source BFS, 2 threads)", () -> ClosenessCentrality.compute(net, 2));
            time(measured, "ClosenessCentrality (one BFS per node)", () -> ClosenessCentrality.bfs(net));
            time(measured, "Betweenness (Brandes, 1 thread)", () -> Betweenness.compute(net));
            time(measured, "Betweenness (Brandes, 2 threads)", () -> Betweenness.compute(net, 2));
            time(measured, "Clustering (all four, hand-written)", () -> Clustering.compute(net));
            time(measured, "NetworkEntropy (PageRank given)", () -> NetworkEntropy.compute(net, pr.scores(), 0.85));
        }
        if (slow) {
            time(true, "Hits (Gelly, unweighted, tol 1e-12)", () -> Hits.gelly(net, 10_000, 1e-12));
            time(true, "Clustering undirected (Gelly)", () -> Clustering.gellyUndirected(net));
            time(true, "Components weak (Gelly)", () -> Components.gellyWeakLabels(net));
            time(true, "Betweenness (JGraphT)", () -> Betweenness.jgrapht(net));
        }
        System.out.println("Metric timing on " + net + " (median of " + RUNS + " after " + WARMUPS + " warm-ups; slow engines once)");
        times.forEach((name, ms) -> {
            List<Double> sorted = new ArrayList<>(ms);
            sorted.sort(Double::compare);
            System.out.printf("  %-58s %10.1f ms%n", name, sorted.get(sorted.size() / 2));
        });
    }

    private <T> T time(boolean measured, String name, Supplier<T> work) {
        long start = System.nanoTime();
        T result = work.get();
        if (measured) {
            times.computeIfAbsent(name, k -> new ArrayList<>()).add((System.nanoTime() - start) / 1e6);
        }
        return result;
    }
}
