package io.dexposure.analytics.metrics;

import io.dexposure.analytics.network.WeeklyNetwork;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** NetworkX 3.6.1 {@code betweenness_centrality(G)} values; hand-written Brandes against JGraphT's. */
class BetweennessTest {
    @Test
    void directedToy() {
        assertThat(Betweenness.compute(TestNetworks.directedToy()))
                .containsExactly(new double[] {0.0, 0.5, 0.0, 1.0 / 6}, within(1e-15));
    }

    @Test
    void karateEqualsTheUndirectedValues() {
        // NetworkX gives the same on the undirected graph and on the symmetric digraph.
        WeeklyNetwork karate = TestNetworks.karate();
        double[] bc = Betweenness.compute(karate);
        assertThat(bc[karate.indexOf("0")]).isCloseTo(0.43763528138528146, within(1e-15));
        assertThat(bc[karate.indexOf("33")]).isCloseTo(0.30407497594997596, within(1e-15));
    }

    @Test
    void jgraphtAndThreadsAgree() {
        for (WeeklyNetwork net : new WeeklyNetwork[] {TestNetworks.karate(), TestNetworks.random(4, 400, 900),
                TestNetworks.generated(7, 1500, 8000)}) {
            double[] hand = Betweenness.compute(net);
            double[] jgrapht = Betweenness.jgrapht(net);
            double[] twoThreads = Betweenness.compute(net, 2);
            for (int i = 0; i < hand.length; i++) {
                assertThat(jgrapht[i]).isCloseTo(hand[i], within(1e-12 * Math.max(1, hand[i])));
                assertThat(twoThreads[i]).isCloseTo(hand[i], within(1e-15));
            }
        }
    }

    @Test
    void tinyNetworksAreNotNormalised() {
        assertThat(Betweenness.compute(TestNetworks.unweighted(2, new int[][] {{0, 1}}))).containsOnly(0.0);
        assertThat(Betweenness.compute(TestNetworks.unweighted(0, new int[0][]))).isEmpty();
    }
}
