package io.dexposure.analytics.metrics;

import io.dexposure.analytics.network.WeeklyNetwork;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Golden values: NetworkX 3.6.1 (../shared/docs/references.md section 6.1). */
class DegreeAssortativityTest {
    @Test
    void directedToy() {
        assertThat(DegreeAssortativity.unweighted(TestNetworks.directedToy()))
                .isCloseTo(-0.6123724356957942, within(1e-15));
    }

    @Test
    void karateAsSymmetricDigraphEqualsTheUndirectedValue() {
        // NetworkX gives -0.47561309768461413 both for the undirected karate graph and for
        // degree_assortativity_coefficient(D, x='out', y='in') on the digraph with every edge both ways.
        assertThat(DegreeAssortativity.unweighted(TestNetworks.karate()))
                .isCloseTo(-0.47561309768461413, within(1e-15));
    }

    @Test
    void weightedToyUsesStrengths() {
        WeeklyNetwork toy = TestNetworks.weightedToy();
        assertThat(DegreeAssortativity.weighted(toy)).isCloseTo(1.0 / 3, within(1e-15));
        // NetworkX: unweighted 0.0 on the same graph.
        assertThat(DegreeAssortativity.unweighted(toy)).isCloseTo(0.0, within(1e-15));
    }

    @Test
    void weightedEqualsUnweightedWhenAllWeightsAreOne() {
        WeeklyNetwork karate = TestNetworks.karate();
        assertThat(DegreeAssortativity.weighted(karate)).isCloseTo(DegreeAssortativity.unweighted(karate), within(1e-15));
    }

    @Test
    void undefinedWithoutVarianceOrLinks() {
        assertThat(DegreeAssortativity.unweighted(TestNetworks.unweighted(3, new int[0][]))).isNaN();
        // A directed cycle: every source has out-degree 1, every target in-degree 1.
        assertThat(DegreeAssortativity.unweighted(TestNetworks.unweighted(3, new int[][] {{0, 1}, {1, 2}, {2, 0}}))).isNaN();
    }
}
