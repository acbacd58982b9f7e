package io.dexposure.analytics.metrics.curvature;

import io.dexposure.analytics.network.GoldenGraphs;
import io.dexposure.analytics.network.WeeklyNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Ollivier-Ricci curvature against GraphRicciCurvature's own golden values (test/test_OllivierRicci.py:
 * exact OT, alpha 0.5, weights removed; ../shared/docs/references.md section 6.2) and against the
 * reference script golden/curvature/ollivier_ricci_reference.py (the same definition with an exact LP,
 * for the weighted lengths, other alphas and the top-k rule).
 */
class OllivierRicciCurvatureTest {
    /** GraphRicciCurvature's test_compute_ricci_curvature: all 78 karate edges, NetworkX edge order, 6 decimals. */
    private static final double[] KARATE = {0.111111, -0.143750, 0.041667, -0.114583, -0.281250, -0.281250, 0.062500,
        -0.200000, -0.114583, 0.062500, -0.000000, 0.062500, 0.062500, -0.031250, 0.062500, -0.427083, 0.044444,
        0.166667, 0.194444, 0.244444, 0.166667, 0.111111, 0.166667, -0.041667, 0.050000, 0.125000, 0.100000, 0.100000,
        0.200000, -0.175000, 0.033333, -0.233333, 0.416667, 0.250000, 0.216667, 0.291667, 0.500000, 0.500000, 0.291667,
        0.375000, 0.375000, 0.375000, -0.025000, 0.011765, -0.044118, -0.288235, 0.125000, 0.088235, 0.125000,
        0.088235, 0.125000, 0.088235, -0.254902, 0.125000, 0.088235, 0.125000, 0.088235, 0.100000, 0.225000, 0.200000,
        -0.066667, -0.076471, 0.500000, 0.125000, 0.083333, 0.166667, 0.375000, -0.073529, -0.147059, 0.166667,
        -0.068627, -0.041667, -0.014706, -0.041667, -0.044118, -0.166667, -0.122549, 0.267157};

    private static WeeklyNetwork karate() {
        return NetworkFixtures.unweighted(34, GoldenGraphs.karateEdges(), true);
    }

    private static WeeklyNetwork directedToy() {
        return NetworkFixtures.unweighted(4, List.of(new String[] {"0", "1"}, new String[] {"1", "2"},
                new String[] {"2", "3"}, new String[] {"1", "3"}, new String[] {"3", "1"}), false);
    }

    private static double curvature(CurvatureResult result, WeeklyNetwork network, String source, String target) {
        return result.linkCurvature()[NetworkFixtures.position(network, source, target)];
    }

    @Test
    void karateEdgeZeroOneIsOneNinth() {
        WeeklyNetwork network = karate();
        CurvatureResult result = OllivierRicciCurvature.defaults().compute(network);
        assertThat(curvature(result, network, "0", "1")).isCloseTo(0.111111, within(5e-7));
        assertThat(curvature(result, network, "0", "1")).isCloseTo(1.0 / 9, within(1e-12));
    }

    @Test
    void allKarateEdgesMatchGraphRicciCurvatureBothWays() {
        WeeklyNetwork network = karate();
        CurvatureResult result = OllivierRicciCurvature.defaults().compute(network);
        List<String[]> edges = GoldenGraphs.karateEdges();
        assertThat(edges).hasSize(KARATE.length);
        // The first five, as references.md lists them.
        double[] firstFive = {0.111111, -0.143750, 0.041667, -0.114583, -0.281250};
        for (int i = 0; i < 5; i++) {
            assertThat(curvature(result, network, edges.get(i)[0], edges.get(i)[1])).isCloseTo(firstFive[i], within(5e-7));
        }
        for (int i = 0; i < edges.size(); i++) {
            String a = edges.get(i)[0];
            String b = edges.get(i)[1];
            // Undirected: in-neighbours are the neighbours, so both directions carry the undirected value.
            assertThat(curvature(result, network, a, b)).as("edge %s-%s", a, b).isCloseTo(KARATE[i], within(5e-7));
            assertThat(curvature(result, network, b, a)).as("edge %s-%s", b, a).isCloseTo(KARATE[i], within(5e-7));
        }
        assertThat(result.linkMethods()).containsOnly(CurvatureMethod.EXACT);
    }

    @Test
    void directedToyMatchesGraphRicciCurvature() {
        WeeklyNetwork network = directedToy();
        CurvatureResult result = OllivierRicciCurvature.defaults().compute(network);
        String[][] edges = {{"0", "1"}, {"1", "2"}, {"2", "3"}, {"1", "3"}, {"3", "1"}};
        double[] expected = {-0.5, 0.0, 0.5, 0.5, 0.75};
        for (int i = 0; i < edges.length; i++) {
            assertThat(curvature(result, network, edges[i][0], edges[i][1])).isCloseTo(expected[i], within(1e-9));
        }
    }

    /** Distribution and per-node values on karate, against numpy on the reference script's 156 link values. */
    @Test
    void karateSummaryMatchesNumpy() {
        WeeklyNetwork network = karate();
        CurvatureResult result = OllivierRicciCurvature.defaults().compute(network);
        CurvatureSummary s = result.summary();
        assertThat(s.links()).isEqualTo(156);
        assertThat(s.approximate()).isZero();
        assertThat(s.mean()).isCloseTo(0.0708558530249707, within(1e-9));
        assertThat(s.median()).isCloseTo(0.0882352941176474, within(1e-9));
        assertThat(s.p05()).isCloseTo(-0.261488970588235, within(1e-9));
        assertThat(s.p25()).isCloseTo(-0.0441176470588234, within(1e-9));
        assertThat(s.p75()).isCloseTo(0.166666666666667, within(1e-9));
        assertThat(s.p95()).isCloseTo(0.385416666666667, within(1e-9));
        assertThat(s.min()).isCloseTo(-0.427083333333333, within(1e-9));
        assertThat(s.max()).isCloseTo(0.5, within(1e-9));
        // Node value = mean over incident links = GraphRicciCurvature's undirected node curvature.
        assertThat(result.nodeMeanCurvature()[network.indexOf("0")]).isCloseTo(-0.0705295138888887, within(1e-9));
        assertThat(result.nodeMeanCurvature()[network.indexOf("33")]).isCloseTo(-0.0243656286043827, within(1e-9));

        List<NegativeLink> worst = result.mostNegative();
        assertThat(worst).hasSize(10);
        assertThat(List.of(worst.get(0).sourceId() + "-" + worst.get(0).targetId(),
                worst.get(1).sourceId() + "-" + worst.get(1).targetId())).containsExactlyInAnyOrder("0-31", "31-0");
        assertThat(worst.get(0).curvature()).isCloseTo(-0.427083333333333, within(1e-9));
        assertThat(worst.get(2).curvature()).isCloseTo(-0.2882352941176469, within(1e-9));
        for (int i = 1; i < worst.size(); i++) {
            assertThat(worst.get(i).curvature()).isGreaterThanOrEqualTo(worst.get(i - 1).curvature() - 1e-12);
        }
    }

    @ParameterizedTest(name = "{0} lengths, alpha {1}, top {2}")
    @CsvSource({
        "UNIT, 0.5, 3000",
        "INVERSE_WEIGHT, 0.5, 3000",
        "LOG_SHARE, 0.5, 3000",
        "UNIT, 0.25, 2",
        "INVERSE_WEIGHT, 0.25, 2"})
    void weightedDirectedToyMatchesReferenceScript(LinkLength length, double alpha, int topK) {
        WeeklyNetwork network = NetworkFixtures.network("/golden/curvature/weighted-directed-toy.network");
        CurvatureResult result = OllivierRicciCurvature.defaults().withLinkLength(length).withAlpha(alpha)
                .withNeighbourLimit(topK).compute(network);
        List<String[]> expected = NetworkFixtures.rows(String.format(java.util.Locale.ROOT,
                "/golden/curvature/weighted-directed-toy.%s.alpha%s.top%d.expected", length.name().toLowerCase(
                        java.util.Locale.ROOT), alpha, topK));
        assertThat(expected).hasSize(110);
        for (String[] row : expected) {
            assertThat(curvature(result, network, row[0], row[1])).as("link %s -> %s", row[0], row[1])
                    .isCloseTo(Double.parseDouble(row[2]), within(1e-9));
        }
        assertThat(result.summary().links()).isEqualTo(110);
    }

    @Test
    void selfLoopsAreNaNAndZeroExposureLinksZeroAndNeitherIsCounted() {
        WeeklyNetwork network = NetworkFixtures.network("/golden/curvature/weighted-directed-toy.network");
        CurvatureResult result = OllivierRicciCurvature.defaults().compute(network);
        int loop = NetworkFixtures.position(network, "3", "3");
        int zero = NetworkFixtures.position(network, "4", "9");
        assertThat(result.linkCurvature()[loop]).isNaN();
        assertThat(result.linkMethods()[loop]).isEqualTo(CurvatureMethod.SELF_LOOP);
        assertThat(result.linkCurvature()[zero]).isZero();
        assertThat(result.linkMethods()[zero]).isEqualTo(CurvatureMethod.ZERO_WEIGHT);
        assertThat(network.linkCount()).isEqualTo(112);
        assertThat(result.summary().links()).isEqualTo(110);
    }

    @Test
    void sinkhornNeverUndercutsTheExactTransportAndStaysClose() {
        WeeklyNetwork network = NetworkFixtures.network("/golden/curvature/weighted-directed-toy.network");
        for (LinkLength length : LinkLength.values()) {
            CurvatureResult exact = OllivierRicciCurvature.defaults().withLinkLength(length)
                    .withExactSizeLimit(Long.MAX_VALUE).compute(network);
            CurvatureResult approximate = OllivierRicciCurvature.defaults().withLinkLength(length).withExactSizeLimit(0)
                    .compute(network);
            // Plain Sinkhorn overflows on some INVERSE_WEIGHT problems (tiny epsilon against huge costs):
            // those fall back to the exact solver.
            assertThat(approximate.summary().approximate()).isGreaterThan(length == LinkLength.INVERSE_WEIGHT ? 50 : 109);
            double largest = 0;
            for (int p = 0; p < network.linkCount(); p++) {
                if (exact.linkMethods()[p] != CurvatureMethod.EXACT) {
                    continue;
                }
                // A feasible plan costs at least W1: the approximated curvature is never above the exact one.
                assertThat(approximate.linkCurvature()[p]).isLessThanOrEqualTo(exact.linkCurvature()[p] + 1e-9);
                largest = Math.max(largest, exact.linkCurvature()[p] - approximate.linkCurvature()[p]);
            }
            System.out.printf("Sinkhorn on the toy, %s lengths: largest curvature error %.3g%n", length, largest);
            if (length != LinkLength.INVERSE_WEIGHT) {
                // Bounded cost ratios; with INVERSE_WEIGHT (costs spanning decades) Sinkhorn is poor, so
                // that mode solves exactly by default.
                assertThat(largest).as("%s", length).isLessThan(length == LinkLength.UNIT ? 1e-4 : 0.01);
            }
        }
    }

    @Test
    void weeksWithoutNodesOrLinksGiveEmptyResults() {
        WeeklyNetwork empty = WeeklyNetwork.builder(NetworkFixtures.WEEK).build();
        CurvatureResult none = OllivierRicciCurvature.defaults().compute(empty);
        assertThat(none.summary().links()).isZero();
        assertThat(none.summary().mean()).isNaN();
        assertThat(none.mostNegative()).isEmpty();
        WeeklyNetwork isolated = WeeklyNetwork.builder(NetworkFixtures.WEEK).addNode("1", 1, null, null, null)
                .addNode("USDT", 1, null, null, null).addLink("1", "1", 5).build();
        CurvatureResult loopOnly = OllivierRicciCurvature.defaults().compute(isolated);
        assertThat(loopOnly.summary().links()).isZero();
        assertThat(loopOnly.nodeMeanCurvature()).containsOnly(Double.NaN);
    }

    @Test
    void twoThreadsGiveTheSameValuesAsOne() {
        WeeklyNetwork network = GeneratedWeeks.singleWeek(5, 1500, 6000);
        CurvatureResult one = OllivierRicciCurvature.defaults().compute(network);
        CurvatureResult two = OllivierRicciCurvature.defaults().withThreads(2).compute(network);
        assertThat(Arrays.equals(one.linkCurvature(), two.linkCurvature())).isTrue();
        assertThat(two.summary()).isEqualTo(one.summary());
    }

    /** The sparse exact solver against an exact solve of the dense |S| x |T| problem, on a generated week. */
    @Test
    void sparseUnitTransportEqualsDenseTransportOnAGeneratedWeek() {
        WeeklyNetwork network = GeneratedWeeks.singleWeek(11, 2500, 12000);
        CurvatureResult sparse = OllivierRicciCurvature.defaults().compute(network);
        CurvatureGraph graph = CurvatureGraph.of(network, LinkLength.UNIT.lengths(network));
        NeighbourhoodMeasure mx = new NeighbourhoodMeasure();
        NeighbourhoodMeasure my = new NeighbourhoodMeasure();
        UnitDistances distances = new UnitDistances(graph);
        PrimalDualMinCostFlow dense = new PrimalDualMinCostFlow();
        UnitLengthTransport sparseSolver = new UnitLengthTransport(graph);
        int checked = 0;
        for (int x = 0; x < network.nodeCount(); x++) {
            mx.unitLengths(x, graph.inSources, graph.inOffsets[x], graph.inOffsets[x + 1], 3000, 0.5);
            for (int p = network.outStart(x); p < network.outEnd(x); p++) {
                if (!CurvatureGraph.isCurvatureLink(network, x, p) || mx.size == 1) {
                    continue;
                }
                int y = network.target(p);
                my.unitLengths(y, graph.outTargets, graph.outOffsets[y], graph.outOffsets[y + 1], 3000, 0.5);
                if (my.size == 1 || (long) mx.size * my.size > 40_000) {
                    continue;
                }
                double[] cost = new double[mx.size * my.size];
                distances.fill(mx, my, cost);
                dense.reset();
                int source = dense.addNode();
                int sink = dense.addNode();
                long[] supply = new long[mx.size];
                long[] demand = new long[my.size];
                mx.scaledMasses(UnitLengthTransport.MASS_SCALE, supply);
                my.scaledMasses(UnitLengthTransport.MASS_SCALE, demand);
                for (int i = 0; i < mx.size; i++) {
                    dense.addNode();
                }
                for (int j = 0; j < my.size; j++) {
                    dense.addNode();
                }
                for (int i = 0; i < mx.size; i++) {
                    dense.addArc(source, 2 + i, supply[i], 0);
                    for (int j = 0; j < my.size; j++) {
                        dense.addArc(2 + i, 2 + mx.size + j, PrimalDualMinCostFlow.UNBOUNDED, cost[i * my.size + j]);
                    }
                }
                for (int j = 0; j < my.size; j++) {
                    dense.addArc(2 + mx.size + j, sink, demand[j], 0);
                }
                double w1 = dense.solve(source, sink, UnitLengthTransport.MASS_SCALE, 0) / UnitLengthTransport.MASS_SCALE;
                assertThat(dense.phases()).isLessThanOrEqualTo(4);
                assertThat(sparse.linkCurvature()[p]).as("link position %d", p).isCloseTo(1 - w1, within(1e-12));
                assertThat(sparseSolver.wasserstein(mx, my)).isCloseTo(w1, within(1e-12));
                assertThat(sparseSolver.lastPhases()).isBetween(1, 4);
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(200);
    }

    /**
     * A real-scale generated week (11k nodes, 75k links: hubs with 8k holders, so the top-3000 rule and
     * its tie-break matter): the 40 largest transport problems and 160 random links, against the
     * reference script's exact LP.
     */
    @Test
    void realScaleWeekMatchesReferenceScriptOnASample() {
        WeeklyNetwork network = GeneratedWeeks.singleWeek(42, 11_000, 75_000);
        CurvatureResult result = OllivierRicciCurvature.defaults().compute(network);
        List<String[]> expected = NetworkFixtures.rows("/golden/curvature/realscale-42-11000-75000.unit.sample.expected");
        assertThat(expected).hasSize(200);
        double largest = 0;
        for (String[] row : expected) {
            double actual = curvature(result, network, row[0], row[1]);
            largest = Math.max(largest, Math.abs(actual - Double.parseDouble(row[2])));
            assertThat(actual).as("link %s -> %s (problem size %s)", row[0], row[1], row[3])
                    .isCloseTo(Double.parseDouble(row[2]), within(1e-9));
        }
        System.out.printf("real-scale sample: largest difference to the LP %.3g%n", largest);
        assertThat(Long.parseLong(expected.get(0)[3])).isGreaterThan(50_000);
    }
}
