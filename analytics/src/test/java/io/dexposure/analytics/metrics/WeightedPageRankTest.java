package io.dexposure.analytics.metrics;

import io.dexposure.analytics.network.WeeklyNetwork;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Weighted PageRank against NetworkX 3.6.1 {@code pagerank(G, weight='weight')} run to convergence
 * ({@code tol=1e-15}), and the CSR engine against JGraphT's.
 */
class WeightedPageRankTest {
    private static final double TIGHT = 1e-13;

    @Test
    void directedToy() {
        double[] pr = WeightedPageRank.compute(TestNetworks.directedToy(), 0.85, 10_000, TIGHT).scores();
        // references.md lists NetworkX's defaults (0.0375, 0.38694, 0.20195, 0.37361); run to convergence:
        assertThat(pr[0]).isCloseTo(0.037500000000000006, within(1e-14));
        assertThat(pr[1]).isCloseTo(0.3869417750141312, within(1e-12));
        assertThat(pr[2]).isCloseTo(0.2019502543810065, within(1e-12));
        assertThat(pr[3]).isCloseTo(0.37360797060486206, within(1e-12));
    }

    @Test
    void karate() {
        WeeklyNetwork karate = TestNetworks.karate();
        double[] pr = WeightedPageRank.compute(karate, 0.85, 10_000, TIGHT).scores();
        // Golden values (NetworkX defaults, tol 1e-6 x N) to their margin, and NetworkX to tol 1e-14 to 1e-12.
        assertThat(pr[karate.indexOf("0")]).isCloseTo(0.09700181758983706, within(5e-6));
        assertThat(pr[karate.indexOf("33")]).isCloseTo(0.1009179167487121, within(5e-6));
        assertThat(pr[karate.indexOf("0")]).isCloseTo(0.0969972853883738, within(1e-12));
        assertThat(pr[karate.indexOf("33")]).isCloseTo(0.1009191823325516, within(1e-12));
    }

    @Test
    void weightedToy() {
        double[] pr = WeightedPageRank.compute(TestNetworks.weightedToy(), 0.85, 10_000, TIGHT).scores();
        assertThat(pr[0]).isCloseTo(0.3677626876340242, within(1e-12));
        assertThat(pr[1]).isCloseTo(0.2583988563259474, within(1e-12));
        assertThat(pr[2]).isCloseTo(0.37383845604002824, within(1e-12));
    }

    @Test
    void zeroExposureLinksMakeANodeDanglingAsInNetworkX() {
        // Node 1's only link weighs 0: NetworkX treats it as dangling. Node 3 has only a self-loop.
        WeeklyNetwork net = TestNetworks.weighted(4, new double[][] {{0, 1, 5}, {1, 2, 0}, {2, 0, 1}, {2, 1, 3}, {3, 3, 2}});
        double[] expected = {0.10500297688852098, 0.23106067440056538, 0.08660039331012034, 0.5773359554007931};
        double[] csr = WeightedPageRank.compute(net, 0.85, 10_000, TIGHT).scores();
        double[] jgrapht = WeightedPageRank.jgrapht(net, 0.85, 10_000, 1e-15);
        for (int i = 0; i < 4; i++) {
            assertThat(csr[i]).isCloseTo(expected[i], within(1e-12));
            assertThat(jgrapht[i]).isCloseTo(expected[i], within(1e-12));
        }
    }

    @Test
    void csrAndJGraphTAgreeOnGeneratedAndRandomWeeks() {
        for (WeeklyNetwork net : new WeeklyNetwork[] {TestNetworks.generated(7, 1500, 8000), TestNetworks.random(2, 1000, 4000)}) {
            WeightedPageRank.Result csr = WeightedPageRank.compute(net, 0.85, 10_000, TIGHT);
            double[] jgrapht = WeightedPageRank.jgrapht(net, 0.85, 10_000, 1e-15);
            assertThat(csr.converged()).isTrue();
            assertThat(Arrays.stream(csr.scores()).sum()).isCloseTo(1.0, within(1e-12));
            for (int i = 0; i < net.nodeCount(); i++) {
                assertThat(jgrapht[i]).isCloseTo(csr.scores()[i], within(1e-12));
            }
        }
    }

    @Test
    void defaultToleranceIsWithinItsStatedBound() {
        WeeklyNetwork net = TestNetworks.generated(7, 1500, 8000);
        WeightedPageRank.Result loose = WeightedPageRank.compute(net);
        double[] tight = WeightedPageRank.compute(net, 0.85, 10_000, TIGHT).scores();
        assertThat(loose.converged()).isTrue();
        double l1 = 0;
        for (int i = 0; i < tight.length; i++) {
            l1 += Math.abs(loose.scores()[i] - tight[i]);
        }
        assertThat(l1).isLessThan(WeightedPageRank.DEFAULT_TOLERANCE * 0.85 / 0.15);
    }

    @Test
    void emptyNetwork() {
        assertThat(WeightedPageRank.compute(TestNetworks.unweighted(0, new int[0][])).scores()).isEmpty();
    }
}
