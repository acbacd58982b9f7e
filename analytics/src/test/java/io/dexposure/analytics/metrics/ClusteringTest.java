package io.dexposure.analytics.metrics;

import io.dexposure.analytics.network.WeeklyNetwork;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Clustering against the NetworkX 3.6.1 golden values (references.md section 6.1), against a literal port
 * of NetworkX's per-node set algorithm, and the undirected coefficients against Gelly.
 */
class ClusteringTest {
    @Test
    void directedToyIsFagiolo() {
        Clustering.Result r = Clustering.compute(TestNetworks.directedToy());
        assertThat(r.directed()).containsExactly(new double[] {0, 0.2, 1.0, 0.5}, within(1e-15));
        // All weights 1: the weighted coefficients equal the unweighted ones.
        assertThat(r.directedWeighted()).containsExactly(new double[] {0, 0.2, 1.0, 0.5}, within(1e-15));
    }

    @Test
    void weightedToy() {
        Clustering.Result r = Clustering.compute(TestNetworks.weightedToy());
        assertThat(r.directedWeighted()).containsExactly(
                new double[] {0.25642013689391774, 0.5128402737878355, 0.25642013689391774}, within(1e-15));
        assertThat(r.directed()).containsExactly(new double[] {0.5, 1.0, 0.5}, within(1e-15));
    }

    @Test
    void zeroWeightsAndSelfLoops() {
        // NetworkX: {0: 0.246621207433047, 1: 0.1233106037165235, 2: 0.1233106037165235, 3: 0};
        // the self-loop 3 -> 3 (weight 2) is not in any triangle but sets nothing; the maximum weight is 5.
        WeeklyNetwork net = TestNetworks.weighted(4, new double[][] {{0, 1, 5}, {1, 2, 0}, {2, 0, 1}, {2, 1, 3}, {3, 3, 2}});
        assertThat(Clustering.compute(net).directedWeighted()).containsExactly(
                new double[] {0.246621207433047, 0.1233106037165235, 0.1233106037165235, 0}, within(1e-15));
    }

    @Test
    void aSelfLoopCanSetTheMaximumWeight() {
        // NetworkX takes max_weight over all edges, self-loops included: adding 1 -> 1 of weight 10 to the
        // weighted toy divides every weight by 10 instead of 3. NetworkX: 0.0769..., 0.1538..., 0.0769...
        WeeklyNetwork net = TestNetworks.weighted(3, new double[][] {{0, 1, 2}, {1, 2, 1}, {2, 0, 3}, {0, 2, 1}, {1, 1, 10}});
        assertThat(Clustering.compute(net).directedWeighted()).containsExactly(
                new double[] {0.07692604106817533, 0.15385208213635065, 0.07692604106817533}, within(1e-15));
    }

    @Test
    void karate() {
        Clustering.Result r = Clustering.compute(TestNetworks.karate());
        assertThat(r.averageUndirected()).isCloseTo(0.5706384782076823, within(1e-15));
        assertThat(r.transitivity()).isCloseTo(0.2556818181818182, within(1e-15));
        // Fagiolo on a symmetric digraph reduces to the undirected coefficient (NetworkX: same average).
        assertThat(r.averageDirected()).isCloseTo(0.5706384782076823, within(1e-15));
        assertThat(r.directed()).containsExactly(r.undirected(), within(1e-15));
    }

    @Test
    void equalsNetworkXsPerNodeAlgorithm() {
        for (WeeklyNetwork net : new WeeklyNetwork[] {TestNetworks.random(21, 60, 400), TestNetworks.random(22, 200, 900),
                TestNetworks.generated(9, 300, 1500)}) {
            Clustering.Result r = Clustering.compute(net);
            NetworkXPort port = new NetworkXPort(net);
            for (int i = 0; i < net.nodeCount(); i++) {
                assertThat(r.directed()[i]).as("directed %d", i).isCloseTo(port.directed(i, false), within(1e-13));
                assertThat(r.directedWeighted()[i]).as("weighted %d", i).isCloseTo(port.directed(i, true), within(1e-13));
                assertThat(r.undirected()[i]).as("undirected %d", i).isCloseTo(port.undirected(i), within(1e-13));
            }
        }
    }

    @Test
    void isolatedNodesCountAsZeroInTheAverage() {
        // Triangle 0-1-2 plus isolated 3: average 3/4 in NetworkX (and in Gelly, which divides by all nodes).
        WeeklyNetwork net = TestNetworks.unweighted(4, new int[][] {{0, 1}, {1, 2}, {2, 0}});
        Clustering.Result r = Clustering.compute(net);
        assertThat(r.averageUndirected()).isCloseTo(0.75, within(1e-15));
        assertThat(r.transitivity()).isCloseTo(1.0, within(1e-15));
    }

    /** NetworkX's _directed_(weighted_)triangles_and_degree_iter and _triangles_and_degree_iter, literally. */
    private static final class NetworkXPort {
        final WeeklyNetwork net;
        final List<Set<Integer>> preds = new java.util.ArrayList<>();
        final List<Set<Integer>> succs = new java.util.ArrayList<>();
        final Map<Long, Double> weight = new HashMap<>();
        double maxWeight = 1;

        NetworkXPort(WeeklyNetwork net) {
            this.net = net;
            for (int i = 0; i < net.nodeCount(); i++) {
                preds.add(new HashSet<>());
                succs.add(new HashSet<>());
            }
            if (net.linkCount() > 0) {
                maxWeight = Double.NEGATIVE_INFINITY;
            }
            for (int u = 0; u < net.nodeCount(); u++) {
                for (int p = net.outStart(u); p < net.outEnd(u); p++) {
                    int v = net.target(p);
                    succs.get(u).add(v);
                    preds.get(v).add(u);
                    weight.put(key(u, v), net.weight(p));
                    maxWeight = Math.max(maxWeight, net.weight(p));
                }
            }
        }

        static long key(int u, int v) {
            return ((long) u << 32) | v;
        }

        double wt(int u, int v) {
            return weight.get(key(u, v)) / maxWeight;
        }

        Set<Integer> without(Set<Integer> s, int x) {
            Set<Integer> c = new HashSet<>(s);
            c.remove(x);
            return c;
        }

        double directed(int i, boolean weighted) {
            Set<Integer> ip = without(preds.get(i), i);
            Set<Integer> is = without(succs.get(i), i);
            double t = 0;
            for (int side = 0; side < 2; side++) {
                for (int j : side == 0 ? ip : is) {
                    Set<Integer> jp = without(preds.get(j), j);
                    Set<Integer> js = without(succs.get(j), j);
                    double wij = side == 0 ? (weighted ? wt(j, i) : 1) : (weighted ? wt(i, j) : 1);
                    for (int k : ip) {
                        if (jp.contains(k)) {
                            t += weighted ? Math.cbrt(wij * wt(k, i) * wt(k, j)) : 1;
                        }
                        if (js.contains(k)) {
                            t += weighted ? Math.cbrt(wij * wt(k, i) * wt(j, k)) : 1;
                        }
                    }
                    for (int k : is) {
                        if (jp.contains(k)) {
                            t += weighted ? Math.cbrt(wij * wt(i, k) * wt(k, j)) : 1;
                        }
                        if (js.contains(k)) {
                            t += weighted ? Math.cbrt(wij * wt(i, k) * wt(j, k)) : 1;
                        }
                    }
                }
            }
            long dt = ip.size() + is.size();
            Set<Integer> both = new HashSet<>(ip);
            both.retainAll(is);
            long db = both.size();
            return t == 0 ? 0 : t / ((dt * (dt - 1) - 2 * db) * 2);
        }

        double undirected(int v) {
            Set<Integer> vs = new HashSet<>(preds.get(v));
            vs.addAll(succs.get(v));
            vs.remove(v);
            long t = 0;
            for (int w : vs) {
                Set<Integer> ws = new HashSet<>(preds.get(w));
                ws.addAll(succs.get(w));
                ws.remove(w);
                ws.retainAll(vs);
                t += ws.size();
            }
            long d = vs.size();
            return t == 0 ? 0 : (double) t / (d * (d - 1));
        }
    }
}
