package io.dexposure.analytics.metrics;

import io.dexposure.analytics.network.WeeklyNetwork;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Entropy rate of the weighted PageRank walk, and its companions: closed forms, and the reference
 * script's values on the weighted toy (networkx_reference.py, entropy).
 */
class NetworkEntropyTest {
    private static final double D = 0.85;

    @Test
    void weightedToyMatchesTheReferenceScript() {
        WeeklyNetwork toy = TestNetworks.weightedToy();
        double[] pi = WeightedPageRank.compute(toy, D, 10_000, 1e-15).scores();
        NetworkEntropy.Result r = NetworkEntropy.compute(toy, pi, D);
        assertThat(r.entropyRate()).isCloseTo(0.5487499417968842, within(1e-13));
        assertThat(r.normalisedEntropyRate()).isCloseTo(0.49949372263271785, within(1e-13));
        assertThat(r.pageRankEntropy()).isCloseTo(1.0853893528409961, within(1e-13));
        assertThat(r.normalisedPageRankEntropy()).isCloseTo(0.9879639651189918, within(1e-13));
        assertThat(r.exposureEntropy()).isCloseTo(1.277034259466139, within(1e-15));
        assertThat(r.normalisedExposureEntropy()).isCloseTo(0.9211854965885543, within(1e-15));
    }

    @Test
    void directedCycleClosedForm() {
        int n = 5;
        WeeklyNetwork cycle = TestNetworks.unweighted(n, new int[][] {{0, 1}, {1, 2}, {2, 3}, {3, 4}, {4, 0}});
        NetworkEntropy.Result r = NetworkEntropy.compute(cycle);
        double t = (1 - D) / n;
        double row = -(D + t) * Math.log(D + t) - (n - 1) * t * Math.log(t);
        assertThat(r.entropyRate()).isCloseTo(row, within(1e-9));
        assertThat(r.pageRankEntropy()).isCloseTo(Math.log(n), within(1e-9));
        assertThat(r.normalisedPageRankEntropy()).isCloseTo(1.0, within(1e-9));
        assertThat(r.exposureEntropy()).isCloseTo(Math.log(n), within(1e-15));
    }

    @Test
    void noLinksIsTheUniformWalk() {
        NetworkEntropy.Result r = NetworkEntropy.compute(TestNetworks.unweighted(4, new int[0][]));
        assertThat(r.entropyRate()).isCloseTo(Math.log(4), within(1e-12));
        assertThat(r.normalisedEntropyRate()).isCloseTo(1.0, within(1e-12));
        assertThat(r.exposureEntropy()).isZero();
    }

    @Test
    void concentratingExposureLowersTheEntropyRate() {
        // Node 0 spreads its exposure evenly over 1..4, then puts 97 % on node 1.
        WeeklyNetwork even = TestNetworks.weighted(5, new double[][] {{0, 1, 1}, {0, 2, 1}, {0, 3, 1}, {0, 4, 1}});
        WeeklyNetwork concentrated = TestNetworks.weighted(5, new double[][] {{0, 1, 97}, {0, 2, 1}, {0, 3, 1}, {0, 4, 1}});
        assertThat(NetworkEntropy.compute(concentrated).entropyRate())
                .isLessThan(NetworkEntropy.compute(even).entropyRate());
        assertThat(NetworkEntropy.compute(TestNetworks.unweighted(0, new int[0][])).entropyRate()).isZero();
    }
}
