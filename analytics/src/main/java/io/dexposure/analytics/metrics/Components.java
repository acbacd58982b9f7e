package io.dexposure.analytics.metrics;

import io.dexposure.analytics.network.JGraphTViews;
import io.dexposure.analytics.network.WeeklyNetwork;
import org.jgrapht.Graph;
import org.jgrapht.alg.connectivity.ConnectivityInspector;
import org.jgrapht.alg.connectivity.KosarajuStrongConnectivityInspector;
import org.jgrapht.graph.DefaultEdge;

import java.util.List;
import java.util.Set;

/**
 * Weakly and strongly connected components: how many, and the share of all nodes in the largest (as
 * NetworkX {@code number_weakly_connected_components}, {@code number_strongly_connected_components} and
 * {@code max(len(c)) / n}). An isolated node is a component of its own; an empty network has 0
 * components and largest share 0.
 *
 * <p>Hand-written by default: union-find over the links for the weak components and an iterative
 * Tarjan over the CSR rows for the strong ones, both O(n + m) with no per-node objects. {@link #jgrapht}
 * computes the same with JGraphT's {@link ConnectivityInspector} and
 * {@link KosarajuStrongConnectivityInspector} (a cross-check; see the timing table in the tests).
 */
public final class Components {
    private Components() {
    }

    public record Result(int weakCount, int largestWeak, double largestWeakShare,
                         int strongCount, int largestStrong, double largestStrongShare) {
    }

    public static Result compute(WeeklyNetwork network) {
        int n = network.nodeCount();
        int[] weak = weakLabels(network);
        int[] strong = strongLabels(network);
        int[] weakSummary = summarise(weak);
        int[] strongSummary = summarise(strong);
        return new Result(weakSummary[0], weakSummary[1], share(weakSummary[1], n),
                strongSummary[0], strongSummary[1], share(strongSummary[1], n));
    }

    /** The same with JGraphT (directed unweighted view). */
    public static Result jgrapht(WeeklyNetwork network) {
        int n = network.nodeCount();
        Graph<Integer, DefaultEdge> g = JGraphTViews.directed(network);
        List<Set<Integer>> weak = new ConnectivityInspector<>(g).connectedSets();
        List<Set<Integer>> strong = new KosarajuStrongConnectivityInspector<>(g).stronglyConnectedSets();
        int largestWeak = weak.stream().mapToInt(Set::size).max().orElse(0);
        int largestStrong = strong.stream().mapToInt(Set::size).max().orElse(0);
        return new Result(weak.size(), largestWeak, share(largestWeak, n),
                strong.size(), largestStrong, share(largestStrong, n));
    }


    /** Weak component of each node, numbered 0.. in order of each component's lowest node index. */
    public static int[] weakLabels(WeeklyNetwork network) {
        int n = network.nodeCount();
        int[] parent = new int[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
        }
        for (int u = 0; u < n; u++) {
            for (int p = network.outStart(u); p < network.outEnd(u); p++) {
                int a = find(parent, u);
                int b = find(parent, network.target(p));
                if (a != b) {
                    // Union by smaller root index: the root is always the component's lowest node.
                    if (a < b) {
                        parent[b] = a;
                    } else {
                        parent[a] = b;
                    }
                }
            }
        }
        int[] label = new int[n];
        int next = 0;
        for (int i = 0; i < n; i++) {
            int r = find(parent, i);
            label[i] = r == i ? next++ : label[r];
        }
        return label;
    }

    private static int find(int[] parent, int x) {
        int root = x;
        while (parent[root] != root) {
            root = parent[root];
        }
        while (parent[x] != root) {
            int next = parent[x];
            parent[x] = root;
            x = next;
        }
        return root;
    }

    /**
     * Strong component of each node (Tarjan, iterative), numbered 0.. in the order Tarjan completes them
     * (reverse topological order of the condensation).
     */
    public static int[] strongLabels(WeeklyNetwork network) {
        int n = network.nodeCount();
        int[] index = new int[n];
        int[] low = new int[n];
        int[] label = new int[n];
        java.util.Arrays.fill(index, -1);
        boolean[] onStack = new boolean[n];
        int[] stack = new int[n];
        int stackTop = 0;
        int[] callNode = new int[n];
        int[] callEdge = new int[n];
        int counter = 0;
        int components = 0;
        for (int root = 0; root < n; root++) {
            if (index[root] >= 0) {
                continue;
            }
            int depth = 0;
            callNode[0] = root;
            callEdge[0] = network.outStart(root);
            index[root] = low[root] = counter++;
            stack[stackTop++] = root;
            onStack[root] = true;
            while (depth >= 0) {
                int u = callNode[depth];
                int p = callEdge[depth];
                if (p < network.outEnd(u)) {
                    callEdge[depth] = p + 1;
                    int v = network.target(p);
                    if (index[v] < 0) {
                        index[v] = low[v] = counter++;
                        stack[stackTop++] = v;
                        onStack[v] = true;
                        depth++;
                        callNode[depth] = v;
                        callEdge[depth] = network.outStart(v);
                    } else if (onStack[v]) {
                        low[u] = Math.min(low[u], index[v]);
                    }
                    continue;
                }
                if (low[u] == index[u]) {
                    int w;
                    do {
                        w = stack[--stackTop];
                        onStack[w] = false;
                        label[w] = components;
                    } while (w != u);
                    components++;
                }
                depth--;
                if (depth >= 0) {
                    int parent = callNode[depth];
                    low[parent] = Math.min(low[parent], low[u]);
                }
            }
        }
        return label;
    }

    /** {count, size of the largest} of a labelling 0..count-1. */
    static int[] summarise(int[] labels) {
        int count = 0;
        for (int l : labels) {
            count = Math.max(count, l + 1);
        }
        int[] sizes = new int[count];
        int largest = 0;
        for (int l : labels) {
            largest = Math.max(largest, ++sizes[l]);
        }
        return new int[] {count, largest};
    }

    private static double share(int size, int n) {
        return n == 0 ? 0.0 : (double) size / n;
    }
}
