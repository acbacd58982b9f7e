package io.dexposure.job.gelly;

import io.dexposure.analytics.metrics.Clustering;
import io.dexposure.analytics.metrics.Components;
import io.dexposure.analytics.metrics.Hits;
import io.dexposure.analytics.metrics.TestNetworks;
import io.dexposure.analytics.network.WeeklyNetwork;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Gelly's metrics agree with the analytics core's own kernels (moved here with Gelly: the core is Flink-free). */
class GellyMetricsTest {

    @Test
    void gellyAgreesOnUndirectedClustering() {
        for (WeeklyNetwork net : new WeeklyNetwork[] {TestNetworks.karate(), TestNetworks.directedToy(),
                TestNetworks.random(23, 500, 2500), TestNetworks.generated(7, 1500, 8000)}) {
            Clustering.Result hand = Clustering.compute(net);
            Clustering.Undirected gelly = GellyMetrics.undirectedClustering(net);
            assertThat(gelly.local()).containsExactly(hand.undirected(), within(1e-15));
            assertThat(gelly.average()).isCloseTo(hand.averageUndirected(), within(1e-13));
            assertThat(gelly.transitivity()).isCloseTo(hand.transitivity(), within(1e-13));
        }
    }

    @Test
    void isolatedNodesCountAsZeroInGellysAverage() {
        // Triangle 0-1-2 plus isolated 3: average 3/4 in NetworkX and in Gelly, which divides by all nodes.
        WeeklyNetwork net = TestNetworks.unweighted(4, new int[][] {{0, 1}, {1, 2}, {2, 0}});
        assertThat(GellyMetrics.undirectedClustering(net).average()).isCloseTo(0.75, within(1e-15));
    }

    @Test
    void gellyWeakComponentsAgree() {
        // 0 -> 1 -> 2 -> 0 cycle, 3 -> 4 chain, 5 isolated with a self-loop, 6 isolated.
        WeeklyNetwork chains = TestNetworks.unweighted(7, new int[][] {{0, 1}, {1, 2}, {2, 0}, {3, 4}, {5, 5}});
        assertThat(GellyMetrics.weakLabels(chains)).containsExactly(Components.weakLabels(chains));
        for (WeeklyNetwork net : new WeeklyNetwork[] {TestNetworks.generated(7, 1500, 8000),
                TestNetworks.random(3, 2000, 2500)}) {
            assertThat(GellyMetrics.weakLabels(net)).containsExactly(Components.weakLabels(net));
        }
    }

    @Test
    void gellyHitsAgreesWithTheCsrEngine() {
        for (WeeklyNetwork net : new WeeklyNetwork[] {TestNetworks.karate(), TestNetworks.directedToy(),
                TestNetworks.generated(7, 1500, 8000)}) {
            Hits.Result csr = Hits.compute(net, false, 100_000, 1e-14);
            Hits.Result gelly = GellyMetrics.hits(net, 10_000, 1e-13);
            assertThat(gelly.hubs()).containsExactly(csr.hubs(), within(1e-10));
            assertThat(gelly.authorities()).containsExactly(csr.authorities(), within(1e-10));
        }
    }

    @Test
    void gellyHitsMatchesNetworkXDirectly() {
        WeeklyNetwork karate = TestNetworks.karate();
        Hits.Result k = GellyMetrics.hits(karate, 10_000, 1e-14);
        assertThat(k.hubs()[karate.indexOf("0")]).isCloseTo(0.07141272880825196, within(1e-10));
        assertThat(k.authorities()[karate.indexOf("33")]).isCloseTo(0.07500294215657548, within(1e-10));
        Hits.Result toy = GellyMetrics.hits(TestNetworks.directedToy(), 10_000, 1e-14);
        double golden = (Math.sqrt(5) - 1) / 2;
        assertThat(toy.hubs()).containsExactly(new double[] {0, golden, 1 - golden, 0}, within(1e-10));
        assertThat(toy.authorities()).containsExactly(new double[] {0, 0, 1 - golden, golden}, within(1e-10));
    }
}
