package io.dexposure.analytics.metrics;

import io.dexposure.analytics.network.WeeklyNetwork;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** HITS against NetworkX 3.6.1 {@code hits(G, tol=0)} (ARPACK to machine precision), and CSR against Gelly. */
class HitsTest {
    @Test
    void directedToy() {
        Hits.Result r = Hits.compute(TestNetworks.directedToy(), false, 100_000, 1e-15);
        double golden = (Math.sqrt(5) - 1) / 2; // NetworkX: 0.6180339887498949
        assertThat(r.hubs()).containsExactly(new double[] {0, golden, 1 - golden, 0}, within(1e-12));
        assertThat(r.authorities()).containsExactly(new double[] {0, 0, 1 - golden, golden}, within(1e-12));
    }

    @Test
    void weightedToyFollowsTheHeaviestLink() {
        // NetworkX hits on the weighted toy: hub 2 = 1, authority 0 = 1 (the link 2 -> 0 of weight 3).
        Hits.Result r = Hits.compute(TestNetworks.weightedToy());
        assertThat(r.hubs()).containsExactly(new double[] {0, 0, 1}, within(1e-12));
        assertThat(r.authorities()).containsExactly(new double[] {1, 0, 0}, within(1e-12));
    }

    @Test
    void karate() {
        WeeklyNetwork karate = TestNetworks.karate();
        Hits.Result r = Hits.compute(karate, false, 100_000, 1e-15);
        assertThat(r.hubs()[karate.indexOf("0")]).isCloseTo(0.07141272880825196, within(1e-12));
        assertThat(r.authorities()[karate.indexOf("0")]).isCloseTo(0.071412728808252, within(1e-12));
        assertThat(r.authorities()[karate.indexOf("33")]).isCloseTo(0.07500294215657548, within(1e-12));
    }

    @Test
    void noLinksGiveZeros() {
        Hits.Result r = Hits.compute(TestNetworks.unweighted(3, new int[0][]));
        assertThat(r.hubs()).containsOnly(0.0);
        assertThat(r.authorities()).containsOnly(0.0);
    }
}
