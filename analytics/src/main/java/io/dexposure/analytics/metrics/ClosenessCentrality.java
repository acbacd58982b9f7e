package io.dexposure.analytics.metrics;

import io.dexposure.analytics.network.WeeklyNetwork;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * Closeness centrality as NetworkX 3.6.1 {@code closeness_centrality(G, wf_improved=True)} defines it
 * on a DiGraph: <b>incoming</b> distances, unweighted. For node u, let r be the number of nodes that
 * reach u (u included) and D the sum of their hop distances to u; then
 * C(u) = ((r - 1) / D) * ((r - 1) / (n - 1)), the second factor being Wasserman and Faust's correction
 * for graphs that are not strongly connected; C(u) = 0 when nothing reaches u. In the exposure network u
 * is close when many holders are a few holdings away from it: exposure to u is widespread and short.
 *
 * <p>Hand-written (JGraphT's {@code ClosenessCentrality} returns 0 everywhere on a graph that is not
 * strongly connected). The default engine is a multi-source BFS (Then et al., "The More the Merrier:
 * Efficient Multi-Source Graph Traversal", VLDB 2015): 64 sources per batch share one traversal, each
 * node keeping a 64-bit word of the sources that have reached it, so one look at a link serves all 64
 * searches. All-pairs BFS is O(n m) link visits in the worst case; the batching divides that by up to
 * 64 where the searches overlap, and costs no more than one BFS per node where they do not.
 * {@link #bfs} is the plain one-BFS-per-node version it is tested against.
 */
public final class ClosenessCentrality {
    private ClosenessCentrality() {
    }

    /** Closeness of every node (single thread). */
    public static double[] compute(WeeklyNetwork network) {
        return compute(network, 1);
    }

    /** Closeness of every node, the 64-source batches spread over {@code threads} threads. */
    public static double[] compute(WeeklyNetwork network, int threads) {
        Adjacency a = Adjacency.of(network);
        int n = a.n;
        double[] closeness = new double[n];
        int batches = (n + 63) / 64;
        if (threads <= 1 || batches < 2) {
            Workspace ws = new Workspace(n);
            for (int b = 0; b < batches; b++) {
                batch(a, b * 64, ws, closeness);
            }
        } else {
            java.util.concurrent.ForkJoinPool pool = new java.util.concurrent.ForkJoinPool(threads);
            try {
                ThreadLocal<Workspace> local = ThreadLocal.withInitial(() -> new Workspace(n));
                pool.submit(() -> IntStream.range(0, batches).parallel()
                        .forEach(b -> batch(a, b * 64, local.get(), closeness))).join();
            } finally {
                pool.shutdown();
            }
        }
        return closeness;
    }

    /** Mean closeness over all nodes (zeros included). */
    public static double average(double[] closeness) {
        if (closeness.length == 0) {
            return 0.0;
        }
        double s = 0;
        for (double c : closeness) {
            s += c;
        }
        return s / closeness.length;
    }

    private static final class Workspace {
        final long[] seen;
        final long[] frontier;
        final long[] next;
        int[] frontierList;
        int[] nextList;
        /** Nodes whose seen word is set in the current batch, to clear only those afterwards. */
        final int[] touched;
        final long[] reached = new long[64];
        final long[] distance = new long[64];
        /**
         * 64 counters, one per source lane, stored bit-sliced: bit b of slice[i] is bit i of lane b's
         * count of nodes found on the current level. Adding a word of found bits is a ripple-carry add
         * (two steps on average) instead of one step per set bit.
         */
        final long[] slice = new long[32];

        Workspace(int n) {
            seen = new long[n];
            frontier = new long[n];
            next = new long[n];
            frontierList = new int[n];
            nextList = new int[n];
            touched = new int[n];
        }
    }

    /**
     * BFS from sources first..first+63 at once on the reversed graph, level by level, pushing from the
     * nodes on the current level only: a node v whose word says it is on the level of sources F passes F
     * to each of its in-neighbours w (w holds v, so w reaches the sources through v); the bits w had not
     * seen yet put it on the next level for those sources. A link is scanned once per level in which its
     * head is on some source's frontier: at most once per level, and never more often than the 64
     * separate searches would scan it. Per-level counts go through bit-sliced counters ({@code slice}).
     */
    private static void batch(Adjacency a, int first, Workspace ws, double[] closeness) {
        int n = a.n;
        int[] inOffset = a.inOffset;
        int[] inSource = a.inSource;
        int count = Math.min(64, n - first);
        long[] seen = ws.seen;
        long[] frontier = ws.frontier;
        long[] next = ws.next;
        int[] frontierList = ws.frontierList;
        int[] nextList = ws.nextList;
        int[] touched = ws.touched;
        int touchedSize = 0;
        long[] slice = ws.slice;
        int slices = 0;
        Arrays.fill(ws.reached, 1L);
        Arrays.fill(ws.distance, 0L);
        int frontierSize = 0;
        for (int b = 0; b < count; b++) {
            seen[first + b] = 1L << b;
            frontier[first + b] = 1L << b;
            frontierList[frontierSize++] = first + b;
            touched[touchedSize++] = first + b;
        }
        long level = 0;
        while (frontierSize > 0) {
            level++;
            int nextSize = 0;
            for (int f = 0; f < frontierSize; f++) {
                int v = frontierList[f];
                long sources = frontier[v];
                frontier[v] = 0;
                for (int q = inOffset[v]; q < inOffset[v + 1]; q++) {
                    int w = inSource[q];
                    long found = sources & ~seen[w];
                    if (found == 0) {
                        continue;
                    }
                    if (next[w] == 0) {
                        nextList[nextSize++] = w;
                    }
                    if (seen[w] == 0) {
                        touched[touchedSize++] = w;
                    }
                    next[w] |= found;
                    seen[w] |= found;
                    long carry = found;
                    for (int i = 0; carry != 0; i++) {
                        long c = slice[i] & carry;
                        slice[i] ^= carry;
                        carry = c;
                        if (i >= slices) {
                            slices = i + 1;
                        }
                    }
                }
            }
            for (int b = 0; b < count && slices > 0; b++) {
                long found = 0;
                for (int i = 0; i < slices; i++) {
                    found |= ((slice[i] >>> b) & 1L) << i;
                }
                ws.reached[b] += found;
                ws.distance[b] += found * level;
            }
            Arrays.fill(slice, 0, slices, 0L);
            slices = 0;
            // The next level becomes the frontier (frontier[] is all zero again here).
            for (int f = 0; f < nextSize; f++) {
                int w = nextList[f];
                frontier[w] = next[w];
                next[w] = 0;
            }
            int[] swap = frontierList;
            frontierList = nextList;
            nextList = swap;
            frontierSize = nextSize;
        }
        ws.frontierList = frontierList;
        ws.nextList = nextList;
        for (int t = 0; t < touchedSize; t++) {
            seen[touched[t]] = 0;
        }
        for (int b = 0; b < count; b++) {
            closeness[first + b] = value(ws.reached[b], ws.distance[b], n);
        }
    }

    /** NetworkX's arithmetic, in its order. */
    static double value(long reached, long totalDistance, int n) {
        if (totalDistance <= 0 || n <= 1) {
            return 0.0;
        }
        double c = (reached - 1.0) / totalDistance;
        double s = (reached - 1.0) / (n - 1);
        return c * s;
    }

    /** One BFS per node over the in-rows: the reference for the batched engine. O(n m). */
    public static double[] bfs(WeeklyNetwork network) {
        Adjacency a = Adjacency.of(network);
        int n = a.n;
        double[] closeness = new double[n];
        int[] dist = new int[n];
        Arrays.fill(dist, -1);
        int[] queue = new int[n];
        for (int s = 0; s < n; s++) {
            int head = 0;
            int tail = 0;
            queue[tail++] = s;
            dist[s] = 0;
            long total = 0;
            while (head < tail) {
                int u = queue[head++];
                for (int q = a.inOffset[u]; q < a.inOffset[u + 1]; q++) {
                    int w = a.inSource[q];
                    if (dist[w] < 0) {
                        dist[w] = dist[u] + 1;
                        total += dist[w];
                        queue[tail++] = w;
                    }
                }
            }
            closeness[s] = value(tail, total, n);
            for (int i = 0; i < tail; i++) {
                dist[queue[i]] = -1;
            }
        }
        return closeness;
    }
}
