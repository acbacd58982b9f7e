package io.dexposure.analytics.metrics;

import io.dexposure.analytics.network.WeeklyNetwork;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** NetworkX 3.6.1 {@code closeness_centrality(G)} golden values (references.md section 6.1). */
class ClosenessCentralityTest {
    @Test
    void directedToyUsesIncomingDistances() {
        assertThat(ClosenessCentrality.compute(TestNetworks.directedToy()))
                .containsExactly(new double[] {0.0, 0.75, 0.6, 0.75}, within(1e-15));
        assertThat(ClosenessCentrality.compute(TestNetworks.reversedToy()))
                .containsExactly(new double[] {0.6, 2.0 / 3, 4.0 / 9, 4.0 / 9}, within(1e-15));
    }

    @Test
    void karate() {
        WeeklyNetwork karate = TestNetworks.karate();
        double[] c = ClosenessCentrality.compute(karate);
        assertThat(c[karate.indexOf("0")]).isEqualTo(0.5689655172413793);
        assertThat(c[karate.indexOf("33")]).isEqualTo(0.55);
    }

    @Test
    void averageIncludesZeros() {
        assertThat(ClosenessCentrality.average(new double[] {0.0, 0.75, 0.6, 0.75})).isCloseTo(0.525, within(1e-15));
        assertThat(ClosenessCentrality.average(new double[0])).isZero();
    }

    @Test
    void batchedSearchEqualsOneBfsPerNode() {
        // More than one 64-source batch, a partial last batch, a giant strong component, self-loops.
        for (WeeklyNetwork net : new WeeklyNetwork[] {TestNetworks.random(11, 300, 700), TestNetworks.random(12, 1000, 1200),
                TestNetworks.generated(7, 1500, 8000)}) {
            double[] reference = ClosenessCentrality.bfs(net);
            assertThat(ClosenessCentrality.compute(net)).containsExactly(reference);
            assertThat(ClosenessCentrality.compute(net, 2)).containsExactly(reference);
        }
    }

    @Test
    void singleNodeAndNoLinks() {
        assertThat(ClosenessCentrality.compute(TestNetworks.unweighted(1, new int[0][]))).containsExactly(0.0);
        assertThat(ClosenessCentrality.compute(TestNetworks.unweighted(3, new int[0][]))).containsOnly(0.0);
    }
}
