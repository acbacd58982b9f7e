package io.dexposure.analytics.metrics.community;

import io.dexposure.analytics.network.WeeklyNetwork;

/**
 * Newman-Girvan modularity of a partition of the directed week, as NetworkX's
 * {@code community.modularity(G, communities, weight='weight', resolution=1)} computes it on a DiGraph
 * (Leicht and Newman 2008): Q = sum over communities c of L_c / m - (K_out,c K_in,c) / m^2, where m is
 * the total link weight, L_c the weight of links inside c and K_out,c, K_in,c the summed out- and
 * in-strengths of its nodes. Every link counts, self-loops included, as they do in the DiGraph.
 */
public final class Modularity {
    private Modularity() {
    }

    /**
     * @param weighted link weight = exposure USD (NetworkX {@code weight='weight'}); false: every link 1
     *                 ({@code weight=None})
     */
    public static double directed(WeeklyNetwork network, int[] community, boolean weighted) {
        int n = network.nodeCount();
        int communities = 0;
        for (int v = 0; v < n; v++) {
            communities = Math.max(communities, community[v] + 1);
        }
        double[] inside = new double[communities];
        double[] outStrength = new double[communities];
        double[] inStrength = new double[communities];
        double total = 0;
        for (int a = 0; a < n; a++) {
            for (int p = network.outStart(a); p < network.outEnd(a); p++) {
                double w = weighted ? network.weight(p) : 1.0;
                int b = network.target(p);
                total += w;
                outStrength[community[a]] += w;
                inStrength[community[b]] += w;
                if (community[a] == community[b]) {
                    inside[community[a]] += w;
                }
            }
        }
        if (total == 0) {
            return Double.NaN;
        }
        double q = 0;
        for (int c = 0; c < communities; c++) {
            q += inside[c] / total - outStrength[c] * inStrength[c] / (total * total);
        }
        return q;
    }
}
