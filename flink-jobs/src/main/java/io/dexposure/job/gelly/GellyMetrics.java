package io.dexposure.job.gelly;

import io.dexposure.analytics.metrics.Clustering;
import io.dexposure.analytics.metrics.Hits;
import io.dexposure.analytics.metrics.PageRankEngine;
import io.dexposure.analytics.metrics.PageRankKernel;
import io.dexposure.analytics.network.WeeklyNetwork;

/**
 * Gelly's versions of the metrics the analytics core computes with its own kernels: the
 * {@code --pagerank-engine GELLY} kernel, and cross-checks that tests and {@code bench --metrics} hold
 * against the plain kernels. They live here because Gelly is Flink; the analytics module stays Flink-free.
 */
public final class GellyMetrics {
    private GellyMetrics() {
    }

    /** The PageRank engine a flag names: Gelly's library PageRank, or the analytics core's CSR kernel. */
    public static PageRankKernel pageRank(PageRankEngine engine) {
        return engine == PageRankEngine.GELLY ? GellyGraphAdapter::pageRank : PageRankKernel.CSR;
    }

    /** Gelly's unweighted HITS, rescaled to sums of 1 (Gelly normalises to unit L2 norm). */
    public static Hits.Result hits(WeeklyNetwork network, int maxIterations, double tolerance) {
        double[][] scores = GellyGraphAdapter.hits(network, maxIterations, tolerance);
        Hits.normaliseSum(scores[0]);
        Hits.normaliseSum(scores[1]);
        return new Hits.Result(scores[0], scores[1], -1, true);
    }

    /** Weak components computed by Gelly, numbered like {@code Components.weakLabels}: a cross-check. */
    public static int[] weakLabels(WeeklyNetwork network) {
        int n = network.nodeCount();
        int[] smallest = GellyGraphAdapter.weakComponents(network, Math.max(1, n));
        int[] label = new int[n];
        int next = 0;
        for (int i = 0; i < n; i++) {
            label[i] = smallest[i] == i ? next++ : label[smallest[i]];
        }
        return label;
    }

    /** The undirected clustering coefficients computed by Gelly (NaN for degree &lt; 2 mapped to 0, as NetworkX). */
    public static Clustering.Undirected undirectedClustering(WeeklyNetwork network) {
        GellyGraphAdapter.UndirectedClustering c = GellyGraphAdapter.undirectedClustering(network);
        double[] local = c.local().clone();
        for (int i = 0; i < local.length; i++) {
            if (Double.isNaN(local[i])) {
                local[i] = 0.0;
            }
        }
        return new Clustering.Undirected(local, c.average(), c.global());
    }
}
