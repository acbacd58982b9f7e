package io.dexposure.flink.metrics.curvature;

import java.util.Arrays;

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
    private double[] heapKey = new double[64];
    private int[] heapNode = new int[64];
    private int heapSize;

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
        heapSize = 0;
        reach(origin, 0);
        push(0, origin);
        while (heapSize > 0) {
            double d = heapKey[0];
            int u = heapNode[0];
            pop();
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
                    push(nd, v);
                } else if (!settled[v] && nd < distance[v]) {
                    distance[v] = nd;
                    push(nd, v);
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

    private void push(double key, int node) {
        if (heapSize == heapKey.length) {
            heapKey = Arrays.copyOf(heapKey, heapSize * 2);
            heapNode = Arrays.copyOf(heapNode, heapSize * 2);
        }
        int i = heapSize++;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (heapKey[parent] <= key) {
                break;
            }
            heapKey[i] = heapKey[parent];
            heapNode[i] = heapNode[parent];
            i = parent;
        }
        heapKey[i] = key;
        heapNode[i] = node;
    }

    private void pop() {
        int last = --heapSize;
        if (last == 0) {
            return;
        }
        double key = heapKey[last];
        int node = heapNode[last];
        int i = 0;
        while (true) {
            int child = 2 * i + 1;
            if (child >= last) {
                break;
            }
            if (child + 1 < last && heapKey[child + 1] < heapKey[child]) {
                child++;
            }
            if (heapKey[child] >= key) {
                break;
            }
            heapKey[i] = heapKey[child];
            heapNode[i] = heapNode[child];
            i = child;
        }
        heapKey[i] = key;
        heapNode[i] = node;
    }
}
