package io.dexposure.analytics.metrics.curvature;

/**
 * The dense |S| x |T| distance matrix of one edge's transport problem under unit lengths, for the
 * approximate solver: d(s, t) is 0, 1 (a link), 2 (a path through one node) or otherwise 3, the
 * length of s -> x -> y -> t, which always exists between the two supports.
 */
final class UnitDistances {
    private final CurvatureGraph graph;
    private final int[] oneStep;
    private final int[] twoSteps;
    private int stamp;

    UnitDistances(CurvatureGraph graph) {
        this.graph = graph;
        this.oneStep = new int[graph.nodeCount];
        this.twoSteps = new int[graph.nodeCount];
    }

    /** Row-major into {@code matrix}: row i = from.nodes[i], column j = to.nodes[j]. */
    void fill(NeighbourhoodMeasure from, NeighbourhoodMeasure to, double[] matrix) {
        int[] offsets = graph.outOffsets;
        int[] targets = graph.outTargets;
        for (int i = 0; i < from.size; i++) {
            int s = from.nodes[i];
            stamp++;
            for (int p = offsets[s]; p < offsets[s + 1]; p++) {
                int u = targets[p];
                oneStep[u] = stamp;
                for (int q = offsets[u]; q < offsets[u + 1]; q++) {
                    twoSteps[targets[q]] = stamp;
                }
            }
            int row = i * to.size;
            for (int j = 0; j < to.size; j++) {
                int t = to.nodes[j];
                matrix[row + j] = t == s ? 0 : oneStep[t] == stamp ? 1 : twoSteps[t] == stamp ? 2 : 3;
            }
        }
    }
}
