package io.dexposure.job.gelly;

import io.dexposure.analytics.network.GoldenGraphs;
import io.dexposure.analytics.network.SnapshotNetworks;
import io.dexposure.analytics.network.WeeklyNetwork;

import io.dexposure.analytics.metrics.UnweightedPageRank;
import io.dexposure.replayer.generate.ExposureNetworkGenerator;
import io.dexposure.snapshot.ProtocolDirectory;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Gelly's PageRank against NetworkX 3.6.1 golden values (../shared/docs/references.md section 6.1). */
class GellyPageRankTest {
    private static final LocalDate WEEK = LocalDate.of(2022, 5, 9);

    @Test
    void directedToyMatchesNetworkX() {
        WeeklyNetwork.WeeklyNetworkBuilder b = WeeklyNetwork.builder(WEEK);
        for (int i = 0; i < 4; i++) {
            b.addNode(Integer.toString(i), 1, null, null, null);
        }
        int[][] edges = {{0, 1}, {1, 2}, {2, 3}, {1, 3}, {3, 1}};
        for (int[] e : edges) {
            b.addLink(Integer.toString(e[0]), Integer.toString(e[1]), 1);
        }
        double[] pr = GellyGraphAdapter.pageRank(b.build(), 0.85, 200, 1e-12);

        assertThat(pr[0]).isCloseTo(0.0375, within(5e-6));
        assertThat(pr[1]).isCloseTo(0.38694, within(5e-6));
        assertThat(pr[2]).isCloseTo(0.20195, within(5e-6));
        assertThat(pr[3]).isCloseTo(0.37361, within(5e-6));
    }

    @Test
    void karateClubMatchesNetworkX() {
        WeeklyNetwork.WeeklyNetworkBuilder b = WeeklyNetwork.builder(WEEK);
        for (int v = 0; v < 34; v++) {
            b.addNode(Integer.toString(v), 1, null, null, null);
        }
        // An undirected edge is a link each way.
        for (String[] e : GoldenGraphs.karateEdges()) {
            b.addLink(e[0], e[1], 1).addLink(e[1], e[0], 1);
        }
        WeeklyNetwork net = b.build();
        assertThat(net.nodeCount()).isEqualTo(34);
        assertThat(net.linkCount()).isEqualTo(156);

        double[] pr = GellyGraphAdapter.pageRank(net, 0.85, 200, 1e-12);
        // The golden values come from NetworkX's default tol (1e-6 x N, L1), which stops ~5e-6 short of
        // the fixed point; Gelly iterates to 1e-12, so it agrees with the golden values to that margin...
        assertThat(pr[net.indexOf("0")]).isCloseTo(0.09700181758983706, within(5e-6));
        assertThat(pr[net.indexOf("33")]).isCloseTo(0.1009179167487121, within(5e-6));
        // ...and with NetworkX run to tol=1e-14 (same version) to 1e-10.
        assertThat(pr[net.indexOf("0")]).isCloseTo(0.0969972853883738, within(1e-10));
        assertThat(pr[net.indexOf("33")]).isCloseTo(0.1009191823325516, within(1e-10));
        assertThat(Arrays.stream(pr).sum()).isCloseTo(1.0, within(1e-9));
    }

    @Test
    void isolatedNodesKeepTheirTeleportShare() {
        WeeklyNetwork net = WeeklyNetwork.builder(WEEK)
                .addNode("1", 1, null, null, null).addNode("2", 1, null, null, null).addNode("3", 1, null, null, null)
                .addLink("1", "2", 1).build();
        double[] pr = GellyGraphAdapter.pageRank(net, 0.85, 200, 1e-12);
        assertThat(Arrays.stream(pr).sum()).isCloseTo(1.0, within(1e-9));
        assertThat(pr[2]).isGreaterThan(0.0);
        assertThat(pr[1]).isGreaterThan(pr[0]);
    }

    @Test
    void csrEngineAgreesWithGellyOnKarateAndAGeneratedWeek() {
        WeeklyNetwork.WeeklyNetworkBuilder b = WeeklyNetwork.builder(WEEK);
        for (int v = 0; v < 34; v++) {
            b.addNode(Integer.toString(v), 1, null, null, null);
        }
        for (String[] e : GoldenGraphs.karateEdges()) {
            b.addLink(e[0], e[1], 1).addLink(e[1], e[0], 1);
        }
        WeeklyNetwork generated = SnapshotNetworks.of(
                ExposureNetworkGenerator.singleWeek(7, 1500, 8000).toWeekSnapshot(), ProtocolDirectory.empty());

        for (WeeklyNetwork net : new WeeklyNetwork[]{b.build(), generated}) {
            double[] gelly = GellyGraphAdapter.pageRank(net, 0.85, 200, 1e-12);
            double[] csr = UnweightedPageRank.compute(net, 0.85, 200, 1e-12);
            for (int i = 0; i < gelly.length; i++) {
                assertThat(csr[i]).as("node %s of %s", net.id(i), net).isCloseTo(gelly[i], within(1e-12));
            }
        }
    }
}
