package io.dexposure.analytics.metrics;

import io.dexposure.analytics.network.WeeklyNetwork;

/**
 * Degree assortativity as NetworkX 3.6.1 {@code degree_assortativity_coefficient(G, x='out', y='in',
 * weight=...)} defines it on a DiGraph: the Pearson correlation, over the links u -> v, of the source's
 * out-degree and the target's in-degree (Newman 2003, eq. 21). Weighted, the degrees become strengths
 * (sums of exposure); the links still count once each, as in NetworkX, whose mixing matrix counts link
 * pairs and only the degree values carry the weights. Self-loops count once in both degrees and once as
 * a link, as in a NetworkX DiGraph.
 *
 * <p>One pass over the links, O(n + m). NetworkX builds a dense mixing matrix over the distinct degree
 * values and evaluates E[XY] - E[X]E[Y]; this computes the same Pearson coefficient with centred sums
 * (two passes), so the results agree to rounding (~1e-15 relative with integer degrees). NaN when either
 * side has zero variance or the network has no links (NetworkX also returns nan there).
 */
public final class DegreeAssortativity {
    private DegreeAssortativity() {
    }

    /** Unweighted and weighted (strength) coefficients. */
    public record Result(double unweighted, double weighted) {
    }

    public static Result compute(WeeklyNetwork network) {
        return new Result(unweighted(network), weighted(network));
    }

    /** {@code degree_assortativity_coefficient(G, x='out', y='in')}. */
    public static double unweighted(WeeklyNetwork network) {
        int n = network.nodeCount();
        double[] out = new double[n];
        double[] in = new double[n];
        for (int u = 0; u < n; u++) {
            out[u] = network.outDegree(u);
            in[u] = network.inDegree(u);
        }
        return pearsonOverLinks(network, out, in);
    }

    /** {@code degree_assortativity_coefficient(G, x='out', y='in', weight='weight')}: out- vs in-strength. */
    public static double weighted(WeeklyNetwork network) {
        int n = network.nodeCount();
        double[] out = new double[n];
        double[] in = new double[n];
        for (int u = 0; u < n; u++) {
            for (int p = network.outStart(u); p < network.outEnd(u); p++) {
                double w = network.weight(p);
                out[u] += w;
                in[network.target(p)] += w;
            }
        }
        return pearsonOverLinks(network, out, in);
    }

    /** Pearson correlation of x[source] and y[target] over all links. */
    static double pearsonOverLinks(WeeklyNetwork network, double[] x, double[] y) {
        int n = network.nodeCount();
        long m = network.linkCount();
        if (m == 0) {
            return Double.NaN;
        }
        double sumX = 0;
        double sumY = 0;
        for (int u = 0; u < n; u++) {
            int d = network.outEnd(u) - network.outStart(u);
            sumX += d * x[u];
            for (int p = network.outStart(u); p < network.outEnd(u); p++) {
                sumY += y[network.target(p)];
            }
        }
        double meanX = sumX / m;
        double meanY = sumY / m;
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int u = 0; u < n; u++) {
            double dx = x[u] - meanX;
            for (int p = network.outStart(u); p < network.outEnd(u); p++) {
                double dy = y[network.target(p)] - meanY;
                sxy += dx * dy;
                sxx += dx * dx;
                syy += dy * dy;
            }
        }
        if (sxx == 0 || syy == 0) {
            return Double.NaN;
        }
        return sxy / Math.sqrt(sxx * syy);
    }
}
