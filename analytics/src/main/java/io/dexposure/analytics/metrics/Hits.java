package io.dexposure.analytics.metrics;

import io.dexposure.analytics.network.WeeklyNetwork;

/**
 * HITS hub and authority scores (Kleinberg 1999) as NetworkX 3.6.1 {@code hits(G)} returns them: the
 * authorities are the principal right singular vector of the adjacency matrix A (A[u][v] = the link's
 * exposure, or 1 unweighted), the hubs A times the authorities, each normalised to sum 1. In an exposure
 * network a good hub holds many well-held tokens (a diversified holder), a good authority is held by
 * many good hubs (a systemic issuer).
 *
 * <p>Engines:
 * <ul>
 *   <li>{@link #compute} (default): power iteration a &lt;- A^T A a on the CSR rows, O(m) per iteration,
 *   weighted or unweighted; stops when the L1 change of the sum-normalised authorities is below
 *   {@code tolerance}. NetworkX computes the singular vector with ARPACK ({@code svds}) instead; where the
 *   leading singular value is well separated both give the same vector, to about the tolerance.</li>
 *   <li>Gelly's (unweighted) HITS ({@code GellyMetrics.hits} in the job module), rescaled from
 *   Gelly's L2 normalisation to sums of 1; a cross-check, and the engine of the engine policy.</li>
 * </ul>
 * Nodes without links score 0. When the leading singular value is repeated (e.g. two identical disjoint
 * components) the vector is not unique and engines may legitimately differ.
 */
public final class Hits {
    public static final int DEFAULT_MAX_ITERATIONS = 10_000;
    public static final double DEFAULT_TOLERANCE = 1e-12;

    private Hits() {
    }

    public record Result(double[] hubs, double[] authorities, int iterations, boolean converged) {
    }

    /** Weighted (exposure) HITS with the default tolerance: NetworkX {@code hits(G)} on the weighted DiGraph. */
    public static Result compute(WeeklyNetwork network) {
        return compute(network, true, DEFAULT_MAX_ITERATIONS, DEFAULT_TOLERANCE);
    }

    public static Result compute(WeeklyNetwork network, boolean weighted, int maxIterations, double tolerance) {
        int n = network.nodeCount();
        int m = network.linkCount();
        double[] hubs = new double[n];
        double[] authorities = new double[n];
        if (m == 0) {
            return new Result(hubs, authorities, 0, true);
        }
        int[] offsets = new int[n + 1];
        int[] targets = new int[m];
        double[] weights = new double[m];
        for (int u = 0; u < n; u++) {
            offsets[u + 1] = network.outEnd(u);
            for (int p = network.outStart(u); p < network.outEnd(u); p++) {
                targets[p] = network.target(p);
                weights[p] = weighted ? network.weight(p) : 1.0;
            }
        }
        // Start from the (weighted) in-degrees: A^T 1, already in the cone of the answer.
        for (int p = 0; p < m; p++) {
            authorities[targets[p]] += weights[p];
        }
        if (!normaliseSum(authorities)) {
            return new Result(hubs, authorities, 0, true);
        }
        double[] next = new double[n];
        int iteration = 0;
        boolean converged = false;
        while (iteration < maxIterations) {
            iteration++;
            multiply(offsets, targets, weights, authorities, hubs);
            java.util.Arrays.fill(next, 0.0);
            for (int u = 0; u < n; u++) {
                double h = hubs[u];
                if (h == 0) {
                    continue;
                }
                for (int p = offsets[u]; p < offsets[u + 1]; p++) {
                    next[targets[p]] += weights[p] * h;
                }
            }
            normaliseSum(next);
            double change = 0;
            for (int v = 0; v < n; v++) {
                change += Math.abs(next[v] - authorities[v]);
            }
            double[] swap = authorities;
            authorities = next;
            next = swap;
            if (change < tolerance) {
                converged = true;
                break;
            }
        }
        multiply(offsets, targets, weights, authorities, hubs);
        normaliseSum(hubs);
        return new Result(hubs, authorities, iteration, converged);
    }


    /** hubs = A a. */
    private static void multiply(int[] offsets, int[] targets, double[] weights, double[] a, double[] hubs) {
        int n = hubs.length;
        for (int u = 0; u < n; u++) {
            double h = 0;
            for (int p = offsets[u]; p < offsets[u + 1]; p++) {
                h += weights[p] * a[targets[p]];
            }
            hubs[u] = h;
        }
    }

    /** Rescales to a sum of 1; false when the sum is 0 (also used to rescale Gelly's L2-normalised HITS). */
    public static boolean normaliseSum(double[] values) {
        double s = 0;
        for (double v : values) {
            s += v;
        }
        if (s == 0) {
            return false;
        }
        for (int i = 0; i < values.length; i++) {
            values[i] /= s;
        }
        return true;
    }
}
