package io.dexposure.analytics.metrics;

import io.dexposure.analytics.network.WeeklyNetwork;

/**
 * Flat adjacency arrays of a {@link WeeklyNetwork} for the hand-written kernels: the out-rows (a copy of
 * the network's CSR), the in-rows (reverse CSR) and, built on first use, the simple undirected graph
 * underneath (each pair of nodes joined by a link in either direction once, self-loops left out, with the
 * weight of each direction). Every row is sorted by node index. Building all three is O(n + m).
 *
 * <p>Not thread-safe while the undirected rows are being built; build them once ({@link #undirected()})
 * before sharing.
 */
public final class Adjacency {
    /** Marks a direction with no link in {@link #undOutWeight} / {@link #undInWeight}. */
    public static final double ABSENT = -1.0;

    public final int n;
    public final int m;
    /** Out-row of u: positions outOffset[u] .. outOffset[u+1]-1 of outTarget/outWeight. */
    public final int[] outOffset;
    public final int[] outTarget;
    public final double[] outWeight;
    /** In-row of v: positions inOffset[v] .. inOffset[v+1]-1 of inSource/inWeight (sources ascending). */
    public final int[] inOffset;
    public final int[] inSource;
    public final double[] inWeight;

    private int[] undOffset;
    private int[] undNeighbour;
    private double[] undOutWeight;
    private double[] undInWeight;

    private Adjacency(WeeklyNetwork network) {
        n = network.nodeCount();
        m = network.linkCount();
        outOffset = new int[n + 1];
        outTarget = new int[m];
        outWeight = new double[m];
        inOffset = new int[n + 1];
        for (int u = 0; u < n; u++) {
            outOffset[u + 1] = network.outEnd(u);
            for (int p = network.outStart(u); p < network.outEnd(u); p++) {
                int v = network.target(p);
                outTarget[p] = v;
                outWeight[p] = network.weight(p);
                inOffset[v + 1]++;
            }
        }
        for (int v = 0; v < n; v++) {
            inOffset[v + 1] += inOffset[v];
        }
        inSource = new int[m];
        inWeight = new double[m];
        int[] fill = new int[n];
        for (int u = 0; u < n; u++) {
            for (int p = outOffset[u]; p < outOffset[u + 1]; p++) {
                int v = outTarget[p];
                int q = inOffset[v] + fill[v]++;
                inSource[q] = u;
                inWeight[q] = outWeight[p];
            }
        }
    }

    public static Adjacency of(WeeklyNetwork network) {
        return new Adjacency(network);
    }

    public int outDegree(int u) {
        return outOffset[u + 1] - outOffset[u];
    }

    public int inDegree(int v) {
        return inOffset[v + 1] - inOffset[v];
    }

    /** Sum of the weights of u's out-links (self-loop included). */
    public double outStrength(int u) {
        double s = 0;
        for (int p = outOffset[u]; p < outOffset[u + 1]; p++) {
            s += outWeight[p];
        }
        return s;
    }

    /** Sum of the weights of v's in-links (self-loop included). */
    public double inStrength(int v) {
        double s = 0;
        for (int q = inOffset[v]; q < inOffset[v + 1]; q++) {
            s += inWeight[q];
        }
        return s;
    }

    /** Builds the undirected rows on first call; returns this. */
    public Adjacency undirected() {
        if (undOffset != null) {
            return this;
        }
        int[] offset = new int[n + 1];
        // Pass 1: row lengths (merge of the sorted out- and in-rows, self excluded).
        for (int u = 0; u < n; u++) {
            offset[u + 1] = offset[u] + mergedLength(u);
        }
        int total = offset[n];
        int[] neighbour = new int[total];
        double[] outW = new double[total];
        double[] inW = new double[total];
        for (int u = 0; u < n; u++) {
            int p = outOffset[u];
            int pEnd = outOffset[u + 1];
            int q = inOffset[u];
            int qEnd = inOffset[u + 1];
            int k = offset[u];
            while (p < pEnd || q < qEnd) {
                int a = p < pEnd ? outTarget[p] : Integer.MAX_VALUE;
                int b = q < qEnd ? inSource[q] : Integer.MAX_VALUE;
                int v = Math.min(a, b);
                double wo = ABSENT;
                double wi = ABSENT;
                if (a == v) {
                    wo = outWeight[p++];
                }
                if (b == v) {
                    wi = inWeight[q++];
                }
                if (v == u) {
                    continue;
                }
                neighbour[k] = v;
                outW[k] = wo;
                inW[k] = wi;
                k++;
            }
        }
        undNeighbour = neighbour;
        undOutWeight = outW;
        undInWeight = inW;
        undOffset = offset;
        return this;
    }

    private int mergedLength(int u) {
        int p = outOffset[u];
        int pEnd = outOffset[u + 1];
        int q = inOffset[u];
        int qEnd = inOffset[u + 1];
        int count = 0;
        while (p < pEnd || q < qEnd) {
            int a = p < pEnd ? outTarget[p] : Integer.MAX_VALUE;
            int b = q < qEnd ? inSource[q] : Integer.MAX_VALUE;
            int v = Math.min(a, b);
            if (a == v) {
                p++;
            }
            if (b == v) {
                q++;
            }
            if (v != u) {
                count++;
            }
        }
        return count;
    }

    /** Undirected row of u: positions undOffset()[u] .. undOffset()[u+1]-1. Requires {@link #undirected()}. */
    public int[] undOffset() {
        return undOffset;
    }

    public int[] undNeighbour() {
        return undNeighbour;
    }

    /** Weight of the link u -> v for the undirected entry (u, v), or {@link #ABSENT}. */
    public double[] undOutWeight() {
        return undOutWeight;
    }

    /** Weight of the link v -> u for the undirected entry (u, v), or {@link #ABSENT}. */
    public double[] undInWeight() {
        return undInWeight;
    }

    /** Undirected degree (distinct neighbours, self excluded). Requires {@link #undirected()}. */
    public int undDegree(int u) {
        return undOffset[u + 1] - undOffset[u];
    }
}
