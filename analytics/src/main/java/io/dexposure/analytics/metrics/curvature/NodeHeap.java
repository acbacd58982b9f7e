package io.dexposure.analytics.metrics.curvature;

import java.util.Arrays;

/**
 * A binary min-heap of (key, node) pairs on two growable arrays, for the Dijkstra searches of the
 * curvature solvers. No decrease-key: a node is pushed again with its better key and stale entries
 * are skipped by the caller, which is cheaper than an indexed heap on these small searches.
 */
final class NodeHeap {
    private double[] keys = new double[64];
    private int[] nodes = new int[64];
    private int size;

    void clear() {
        size = 0;
    }

    boolean isEmpty() {
        return size == 0;
    }

    double minKey() {
        return keys[0];
    }

    int minNode() {
        return nodes[0];
    }

    void push(double key, int node) {
        if (size == keys.length) {
            keys = Arrays.copyOf(keys, size * 2);
            nodes = Arrays.copyOf(nodes, size * 2);
        }
        int i = size++;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (keys[parent] <= key) {
                break;
            }
            keys[i] = keys[parent];
            nodes[i] = nodes[parent];
            i = parent;
        }
        keys[i] = key;
        nodes[i] = node;
    }

    /** Removes the minimum. */
    void pop() {
        int last = --size;
        if (last == 0) {
            return;
        }
        double key = keys[last];
        int node = nodes[last];
        int i = 0;
        while (true) {
            int child = 2 * i + 1;
            if (child >= last) {
                break;
            }
            if (child + 1 < last && keys[child + 1] < keys[child]) {
                child++;
            }
            if (keys[child] >= key) {
                break;
            }
            keys[i] = keys[child];
            nodes[i] = nodes[child];
            i = child;
        }
        keys[i] = key;
        nodes[i] = node;
    }
}
