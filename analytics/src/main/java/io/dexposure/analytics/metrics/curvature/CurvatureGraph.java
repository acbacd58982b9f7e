package io.dexposure.analytics.metrics.curvature;

import io.dexposure.analytics.network.WeeklyNetwork;

/**
 * The links curvature is defined on, as out- and in-adjacency arrays: self-loops and links without
 * exposure are left out (a protocol holding its own token is not an exposure to a neighbour, and a
 * zero-USD link is no exposure at all). Out-lists keep the CSR order (targets ascending), in-lists are
 * sorted by source, so "the last k" of a list are its k highest node indices.
 */
final class CurvatureGraph {
    final int nodeCount;
    final int[] outOffsets;
    final int[] outTargets;
    final double[] outLengths;
    final int[] inOffsets;
    final int[] inSources;
    final double[] inLengths;

    private CurvatureGraph(int nodeCount, int[] outOffsets, int[] outTargets, double[] outLengths, int[] inOffsets,
                           int[] inSources, double[] inLengths) {
        this.nodeCount = nodeCount;
        this.outOffsets = outOffsets;
        this.outTargets = outTargets;
        this.outLengths = outLengths;
        this.inOffsets = inOffsets;
        this.inSources = inSources;
        this.inLengths = inLengths;
    }

    /** True when the link at this CSR position takes part in curvature (not a self-loop, exposure > 0). */
    static boolean isCurvatureLink(WeeklyNetwork network, int source, int position) {
        return network.target(position) != source && network.weight(position) > 0;
    }

    static CurvatureGraph of(WeeklyNetwork network, double[] linkLengths) {
        int n = network.nodeCount();
        int[] outOffsets = new int[n + 1];
        int[] inDegree = new int[n];
        for (int node = 0; node < n; node++) {
            int kept = 0;
            for (int p = network.outStart(node); p < network.outEnd(node); p++) {
                if (isCurvatureLink(network, node, p)) {
                    kept++;
                    inDegree[network.target(p)]++;
                }
            }
            outOffsets[node + 1] = outOffsets[node] + kept;
        }
        int m = outOffsets[n];
        int[] outTargets = new int[m];
        double[] outLengths = new double[m];
        int[] inOffsets = new int[n + 1];
        for (int node = 0; node < n; node++) {
            inOffsets[node + 1] = inOffsets[node] + inDegree[node];
        }
        int[] inSources = new int[m];
        double[] inLengths = new double[m];
        int[] inFill = java.util.Arrays.copyOf(inOffsets, n);
        int k = 0;
        // Sources are visited in ascending order, so every in-list comes out sorted by source.
        for (int node = 0; node < n; node++) {
            for (int p = network.outStart(node); p < network.outEnd(node); p++) {
                if (isCurvatureLink(network, node, p)) {
                    int target = network.target(p);
                    outTargets[k] = target;
                    outLengths[k] = linkLengths[p];
                    k++;
                    int slot = inFill[target]++;
                    inSources[slot] = node;
                    inLengths[slot] = linkLengths[p];
                }
            }
        }
        return new CurvatureGraph(n, outOffsets, outTargets, outLengths, inOffsets, inSources, inLengths);
    }

    int outDegree(int node) {
        return outOffsets[node + 1] - outOffsets[node];
    }

    int inDegree(int node) {
        return inOffsets[node + 1] - inOffsets[node];
    }
}
