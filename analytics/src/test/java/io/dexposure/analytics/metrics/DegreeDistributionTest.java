package io.dexposure.analytics.metrics;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Karate values from NetworkX 3.6.1 on the undirected graph (entropy golden value from references.md
 * section 6.1; Freeman index and coefficient of variation computed with numpy from its degrees), which the
 * symmetric digraph must reproduce.
 */
class DegreeDistributionTest {
    @Test
    void karateMatchesTheUndirectedValues() {
        DegreeDistribution.Result r = DegreeDistribution.compute(TestNetworks.karate());
        assertThat(r.entropy()).isCloseTo(1.9804754405384273, within(1e-14));
        // sum(17 - k_i) / (33 * 32) on the undirected degrees.
        assertThat(r.totalCentralization()).isCloseTo(0.3996212121212121, within(1e-15));
        assertThat(r.coefficientOfVariation()).isCloseTo(0.8326427118527959, within(1e-14));
        // k = 3 nodes: degrees 17 + 16 + 12 of 156.
        assertThat(r.top10PercentShare()).isCloseTo(45.0 / 156, within(1e-15));
        assertThat(r.gini()).isCloseTo(0.385369532428356, within(1e-14));
        // In-degree = out-degree = undirected degree: sum(17 - k) / 33^2.
        assertThat(r.inCentralization()).isCloseTo(0.3875114784205693, within(1e-15));
        assertThat(r.outCentralization()).isCloseTo(0.3875114784205693, within(1e-15));
    }

    @Test
    void directedToyByHand() {
        // Total degrees 1, 4, 2, 3 (sum 10, mean 2.5); in 0, 2, 1, 2; out 1, 2, 1, 1.
        DegreeDistribution.Result r = DegreeDistribution.compute(TestNetworks.directedToy());
        assertThat(r.totalCentralization()).isCloseTo((3 + 0 + 2 + 1) / (2.0 * 3 * 2), within(1e-15));
        assertThat(r.inCentralization()).isCloseTo((2 + 0 + 1 + 0) / 9.0, within(1e-15));
        assertThat(r.outCentralization()).isCloseTo((1 + 0 + 1 + 1) / 9.0, within(1e-15));
        assertThat(r.coefficientOfVariation()).isCloseTo(Math.sqrt(1.25) / 2.5, within(1e-15));
        assertThat(r.entropy()).isCloseTo(Math.log(4), within(1e-15));
        assertThat(r.top10PercentShare()).isCloseTo(0.4, within(1e-15));
        assertThat(r.gini()).isCloseTo(0.25, within(1e-15));
    }

    @Test
    void starsReachTheFreemanMaximum() {
        int[][] both = new int[10][];
        int[][] in = new int[5][];
        int[][] out = new int[5][];
        for (int i = 1; i <= 5; i++) {
            both[2 * (i - 1)] = new int[] {0, i};
            both[2 * (i - 1) + 1] = new int[] {i, 0};
            in[i - 1] = new int[] {i, 0};
            out[i - 1] = new int[] {0, i};
        }
        DegreeDistribution.Result r = DegreeDistribution.compute(TestNetworks.unweighted(6, both));
        assertThat(r.totalCentralization()).isCloseTo(1.0, within(1e-15));
        // Each leaf also has in- and out-degree 1: (n-1)(n-2) / (n-1)^2.
        assertThat(r.inCentralization()).isCloseTo(0.8, within(1e-15));
        assertThat(DegreeDistribution.compute(TestNetworks.unweighted(6, in)).inCentralization()).isCloseTo(1.0, within(1e-15));
        assertThat(DegreeDistribution.compute(TestNetworks.unweighted(6, out)).outCentralization()).isCloseTo(1.0, within(1e-15));
    }

    @Test
    void emptyAndTinyNetworksGiveZeros() {
        DegreeDistribution.Result r = DegreeDistribution.compute(TestNetworks.unweighted(2, new int[0][]));
        assertThat(r.totalCentralization()).isZero();
        assertThat(r.coefficientOfVariation()).isZero();
        assertThat(r.entropy()).isZero();
        assertThat(r.top10PercentShare()).isZero();
        assertThat(r.gini()).isZero();
    }
}
