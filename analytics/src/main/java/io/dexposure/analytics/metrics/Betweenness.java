package io.dexposure.analytics.metrics;

import io.dexposure.analytics.network.JGraphTViews;
import io.dexposure.analytics.network.WeeklyNetwork;
import org.jgrapht.alg.scoring.BetweennessCentrality;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

/**
 * Shortest-path betweenness as NetworkX 3.6.1 {@code betweenness_centrality(G, normalized=True)} defines
 * it on a DiGraph: unweighted (hop) shortest paths along the link direction, endpoints excluded, divided
 * by (n-1)(n-2) (no normalisation for n &lt;= 2). A node with high betweenness sits on many of the
 * shortest exposure chains: holder -> ... -> it -> ... -> issuer.
 *
 * <p>Brandes (2001), hand-written on the CSR rows: one BFS per source plus the dependency accumulation,
 * O(n m) with flat arrays (path counts as doubles, as NetworkX keeps them). The sources can be split
 * over threads; each thread keeps its own partial sums, added in a fixed order, so the result does not
 * depend on scheduling. {@link #jgrapht} runs JGraphT's {@link BetweennessCentrality} on the same graph
 * (a cross-check; it is much slower at real scale, see the timing table in the tests).
 */
public final class Betweenness {
    private Betweenness() {
    }

    public static double[] compute(WeeklyNetwork network) {
        return compute(network, 1);
    }

    public static double[] compute(WeeklyNetwork network, int threads) {
        int n = network.nodeCount();
        int[] offsets = new int[n + 1];
        int[] targets = new int[network.linkCount()];
        for (int u = 0; u < n; u++) {
            offsets[u + 1] = network.outEnd(u);
            for (int p = network.outStart(u); p < network.outEnd(u); p++) {
                targets[p] = network.target(p);
            }
        }
        int parts = Math.max(1, Math.min(threads, n));
        double[][] partial = new double[parts][];
        if (parts == 1) {
            partial[0] = range(n, offsets, targets, 0, n);
        } else {
            ForkJoinPool pool = new ForkJoinPool(parts);
            try {
                pool.submit(() -> IntStream.range(0, parts).parallel().forEach(t ->
                        partial[t] = range(n, offsets, targets, (int) ((long) n * t / parts),
                                (int) ((long) n * (t + 1) / parts)))).join();
            } finally {
                pool.shutdown();
            }
        }
        double[] bc = partial[0];
        for (int t = 1; t < parts; t++) {
            for (int i = 0; i < n; i++) {
                bc[i] += partial[t][i];
            }
        }
        if (n > 2) {
            double scale = 1.0 / ((n - 1.0) * (n - 2.0));
            for (int i = 0; i < n; i++) {
                bc[i] *= scale;
            }
        }
        return bc;
    }

    /** Unnormalised betweenness contributions of sources from..to-1. */
    private static double[] range(int n, int[] offsets, int[] targets, int from, int to) {
        double[] bc = new double[n];
        int[] dist = new int[n];
        Arrays.fill(dist, -1);
        double[] sigma = new double[n];
        double[] delta = new double[n];
        // (1 + delta[w]) / sigma[w], set when w's dependency is final (reverse BFS order).
        double[] coefficient = new double[n];
        int[] order = new int[n];
        for (int s = from; s < to; s++) {
            int head = 0;
            int tail = 0;
            order[tail++] = s;
            dist[s] = 0;
            sigma[s] = 1;
            while (head < tail) {
                int u = order[head++];
                int du = dist[u] + 1;
                double su = sigma[u];
                for (int p = offsets[u]; p < offsets[u + 1]; p++) {
                    int w = targets[p];
                    if (dist[w] < 0) {
                        dist[w] = du;
                        order[tail++] = w;
                    }
                    if (dist[w] == du) {
                        sigma[w] += su;
                    }
                }
            }
            for (int i = tail - 1; i >= 0; i--) {
                int u = order[i];
                int du = dist[u] + 1;
                double sum = 0;
                for (int p = offsets[u]; p < offsets[u + 1]; p++) {
                    int w = targets[p];
                    if (dist[w] == du) {
                        sum += coefficient[w];
                    }
                }
                double d = sigma[u] * sum;
                delta[u] = d;
                coefficient[u] = (1 + d) / sigma[u];
                if (u != s) {
                    bc[u] += d;
                }
            }
            for (int i = 0; i < tail; i++) {
                int u = order[i];
                dist[u] = -1;
                sigma[u] = 0;
            }
        }
        return bc;
    }

    /** JGraphT's Brandes on the directed unweighted view, normalised the same way. */
    public static double[] jgrapht(WeeklyNetwork network) {
        int n = network.nodeCount();
        double[] bc = new double[n];
        Map<Integer, Double> scores = new BetweennessCentrality<>(JGraphTViews.directed(network), false).getScores();
        double scale = n > 2 ? 1.0 / ((n - 1.0) * (n - 2.0)) : 1.0;
        for (Map.Entry<Integer, Double> e : scores.entrySet()) {
            bc[e.getKey()] = e.getValue() * scale;
        }
        return bc;
    }
}
