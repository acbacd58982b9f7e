package io.dexposure.analytics.metrics;

import io.dexposure.analytics.network.GoldenGraphs;
import io.dexposure.analytics.network.SnapshotNetworks;
import io.dexposure.analytics.network.WeeklyNetwork;
import io.dexposure.replayer.generate.ExposureNetworkGenerator;
import io.dexposure.snapshot.ProtocolDirectory;

import java.time.LocalDate;
import java.util.Random;

/** The reference graphs of ../shared/docs/references.md section 6.1 as weekly networks, and generated weeks. */
public final class TestNetworks {
    static final LocalDate WEEK = LocalDate.of(2022, 5, 9);

    private TestNetworks() {
    }

    /** Nodes "0".."n-1" (indices equal ids), links {source, target} of weight 1. */
    public static WeeklyNetwork unweighted(int n, int[][] links) {
        WeeklyNetwork.WeeklyNetworkBuilder b = WeeklyNetwork.builder(WEEK);
        for (int i = 0; i < n; i++) {
            b.addNode(Integer.toString(i), 1, null, null, null);
        }
        for (int[] l : links) {
            b.addLink(Integer.toString(l[0]), Integer.toString(l[1]), 1);
        }
        return b.build();
    }

    /** Nodes "0".."n-1", links {source, target, weight}. */
    public static WeeklyNetwork weighted(int n, double[][] links) {
        WeeklyNetwork.WeeklyNetworkBuilder b = WeeklyNetwork.builder(WEEK);
        for (int i = 0; i < n; i++) {
            b.addNode(Integer.toString(i), 1, null, null, null);
        }
        for (double[] l : links) {
            b.addLink(Integer.toString((int) l[0]), Integer.toString((int) l[1]), l[2]);
        }
        return b.build();
    }

    /** Directed toy: (0,1), (1,2), (2,3), (1,3), (3,1). */
    public static WeeklyNetwork directedToy() {
        return unweighted(4, new int[][] {{0, 1}, {1, 2}, {2, 3}, {1, 3}, {3, 1}});
    }

    /** The directed toy with every link reversed. */
    public static WeeklyNetwork reversedToy() {
        return unweighted(4, new int[][] {{1, 0}, {2, 1}, {3, 2}, {3, 1}, {1, 3}});
    }

    /** Weighted directed toy: (0,1,2), (1,2,1), (2,0,3), (0,2,1). */
    public static WeeklyNetwork weightedToy() {
        return weighted(3, new double[][] {{0, 1, 2}, {1, 2, 1}, {2, 0, 3}, {0, 2, 1}});
    }

    /** Karate club, every undirected edge loaded both ways (34 nodes, 156 links); ids are NetworkX's numbers. */
    public static WeeklyNetwork karate() {
        WeeklyNetwork.WeeklyNetworkBuilder b = WeeklyNetwork.builder(WEEK);
        for (int v = 0; v < 34; v++) {
            b.addNode(Integer.toString(v), 1, null, null, null);
        }
        for (String[] e : GoldenGraphs.karateEdges()) {
            b.addLink(e[0], e[1], 1).addLink(e[1], e[0], 1);
        }
        return b.build();
    }

    /**
     * {@code ExposureNetworkGenerator.singleWeek(seed, nodes, links)} as a network, in file order: the same
     * week as {@code bin/dexposure generate --seed SEED --nodes N --links M --from 2024-07-22 --weeks 1
     * --no-scenarios}.
     */
    public static WeeklyNetwork generated(long seed, int nodes, int links) {
        return SnapshotNetworks.of(ExposureNetworkGenerator.singleWeek(seed, nodes, links).toWeekSnapshot(),
                ProtocolDirectory.empty());
    }

    /**
     * A uniformly random digraph (self-loops, reciprocal links and zero weights included) whose giant strong
     * component exercises the traversals harder than the nearly acyclic generated weeks.
     */
    public static WeeklyNetwork random(long seed, int n, int links) {
        Random r = new Random(seed);
        WeeklyNetwork.WeeklyNetworkBuilder b = WeeklyNetwork.builder(WEEK);
        for (int i = 0; i < n; i++) {
            b.addNode(Integer.toString(i), r.nextInt(1000), null, null, null);
        }
        for (int k = 0; k < links; k++) {
            int u = r.nextInt(n);
            int v = r.nextInt(10) == 0 ? u : r.nextInt(n);
            double w = r.nextInt(20) == 0 ? 0.0 : 1 + r.nextInt(1000);
            b.addLink(Integer.toString(u), Integer.toString(v), w);
            if (r.nextInt(4) == 0) {
                b.addLink(Integer.toString(v), Integer.toString(u), 1 + r.nextInt(1000));
            }
        }
        return b.build();
    }
}
