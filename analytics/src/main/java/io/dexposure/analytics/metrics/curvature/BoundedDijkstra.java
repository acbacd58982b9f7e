package io.dexposure.analytics.metrics.curvature;

/**
 * Single-source shortest paths on the curvature graph, forward (out-links) or backward (in-links),
 * stopped at a radius: every node within the radius gets its exact distance, nodes beyond it are
 * left unreached. Distances are read through {@link #distance}, valid until the next {@link #run}.
 */
final class BoundedDijkstra {
    private final CurvatureGraph graph;
    private final double[] distance;
    private final int[] stamp;
    private final boolean[] settled;
    private int current;
    private final NodeHeap heap = new NodeHeap();

    BoundedDijkstra(CurvatureGraph graph) {
        this.graph = graph;
        this.distance = new double[graph.nodeCount];
        this.stamp = new int[graph.nodeCount];
        this.settled = new boolean[graph.nodeCount];
    }

    void run(int origin, boolean forward, double radius) {
        current++;
        int[] offsets = forward ? graph.outOffsets : graph.inOffsets;
        int[] ends = forward ? graph.outTargets : graph.inSources;
        double[] lengths = forward ? graph.outLengths : graph.inLengths;
        heap.clear();
        reach(origin, 0);
        heap.push(0, origin);
        while (!heap.isEmpty()) {
            double d = heap.minKey();
            int u = heap.minNode();
            heap.pop();
            if (settled[u] || d > distance[u]) {
                continue;
            }
            settled[u] = true;
            for (int p = offsets[u]; p < offsets[u + 1]; p++) {
                int v = ends[p];
                double nd = d + lengths[p];
                if (nd > radius) {
                    continue;
                }
                if (stamp[v] != current) {
                    reach(v, nd);
                    heap.push(nd, v);
                } else if (!settled[v] && nd < distance[v]) {
                    distance[v] = nd;
                    heap.push(nd, v);
                }
            }
        }
    }

    /** Distance from (or, backwards, to) the last origin; +infinity beyond the radius. */
    double distance(int node) {
        return stamp[node] == current ? distance[node] : Double.POSITIVE_INFINITY;
    }

    private void reach(int node, double d) {
        stamp[node] = current;
        distance[node] = d;
        settled[node] = false;
    }
}
