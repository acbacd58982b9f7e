package io.dexposure.analytics.metrics.curvature;

import java.util.Arrays;

/**
 * Exact minimum-cost flow for the small networks one edge's transport problem becomes: the primal-dual
 * method (shortest augmenting distances by Dijkstra on reduced costs, then a maximum flow by Dinic's
 * blocking flows on the arcs of zero reduced cost), with integer (long) capacities and double costs.
 *
 * <p>Why this method: every phase raises the cost of the cheapest augmenting path, and in the
 * unit-length case that cost is an integer in {0, 1, 2, 3} (any mass can always go s -> x -> y -> t),
 * so the whole problem takes at most four phases, each a maximum flow, however large the
 * neighbourhoods. With real costs (weighted lengths) it is still exact, with one phase per distinct
 * augmenting cost.
 *
 * <p>Reusable: {@link #reset} keeps the buffers, so one instance serves all edges of a week without
 * allocating. Not thread-safe.
 */
final class PrimalDualMinCostFlow {
    /** Capacity of the uncapacitated arcs; far above any supply, far below overflow when summed. */
    static final long UNBOUNDED = Long.MAX_VALUE / 8;

    private int nodeCount;
    private int[] head = new int[16];
    private int arcCount;
    private int[] arcTo = new int[64];
    private int[] arcNext = new int[64];
    private long[] residual = new long[64];
    private long[] capacity = new long[64];
    private double[] cost = new double[64];

    private double[] potential = new double[16];
    private double[] distance = new double[16];
    private boolean[] settled = new boolean[16];
    private int[] level = new int[16];
    private int[] currentArc = new int[16];
    private int[] queue = new int[16];
    private int[] pathArc = new int[16];
    private final NodeHeap heap = new NodeHeap();
    private int phases;

    /** Empties the network; buffers are kept. */
    void reset() {
        nodeCount = 0;
        arcCount = 0;
    }

    /** Adds a node; returns its index (0, 1, 2, ... in order). */
    int addNode() {
        if (nodeCount == head.length) {
            int size = head.length * 2;
            head = Arrays.copyOf(head, size);
            potential = new double[size];
            distance = new double[size];
            settled = new boolean[size];
            level = new int[size];
            currentArc = new int[size];
            queue = new int[size];
            pathArc = new int[size];
        }
        head[nodeCount] = -1;
        return nodeCount++;
    }

    int nodeCount() {
        return nodeCount;
    }

    /** Adds an arc (and its residual twin); returns the arc's index. */
    int addArc(int from, int to, long arcCapacity, double arcCost) {
        if (arcCount + 2 > arcTo.length) {
            int size = arcTo.length * 2;
            arcTo = Arrays.copyOf(arcTo, size);
            arcNext = Arrays.copyOf(arcNext, size);
            residual = Arrays.copyOf(residual, size);
            capacity = Arrays.copyOf(capacity, size);
            cost = Arrays.copyOf(cost, size);
        }
        int e = arcCount;
        arcTo[e] = to;
        residual[e] = arcCapacity;
        capacity[e] = arcCapacity;
        cost[e] = arcCost;
        arcNext[e] = head[from];
        head[from] = e;
        arcTo[e + 1] = from;
        residual[e + 1] = 0;
        capacity[e + 1] = 0;
        cost[e + 1] = -arcCost;
        arcNext[e + 1] = head[to];
        head[to] = e + 1;
        arcCount += 2;
        return e;
    }

    int arcCount() {
        return arcCount / 2;
    }

    /** Phases the last {@link #solve} needed (for tests: at most 4 with unit lengths). */
    int phases() {
        return phases;
    }

    /**
     * Sends {@code requiredFlow} from source to sink at minimum cost; returns that cost (sum of flow x
     * cost over the arcs). Costs must be non-negative.
     *
     * @param tolerance reduced costs up to this count as zero (0 for integer costs)
     */
    double solve(int source, int sink, long requiredFlow, double tolerance) {
        Arrays.fill(potential, 0, nodeCount, 0.0);
        long sent = 0;
        phases = 0;
        while (sent < requiredFlow) {
            if (!shortestDistances(source, sink)) {
                throw new IllegalStateException("transport problem infeasible: " + (requiredFlow - sent)
                        + " of " + requiredFlow + " units cannot reach the sink");
            }
            phases++;
            while (sent < requiredFlow && levels(source, sink, tolerance)) {
                sent += blockingFlow(source, sink, tolerance, requiredFlow - sent);
            }
        }
        double total = 0;
        for (int e = 0; e < arcCount; e += 2) {
            long flow = capacity[e] - residual[e];
            if (flow != 0) {
                total += (double) flow * cost[e];
            }
        }
        return total;
    }

    /** Dijkstra on reduced costs; then potentials += min(distance, distance to sink). */
    private boolean shortestDistances(int source, int sink) {
        Arrays.fill(distance, 0, nodeCount, Double.POSITIVE_INFINITY);
        Arrays.fill(settled, 0, nodeCount, false);
        heap.clear();
        distance[source] = 0;
        heap.push(0, source);
        while (!heap.isEmpty()) {
            double d = heap.minKey();
            int u = heap.minNode();
            heap.pop();
            if (settled[u] || d > distance[u]) {
                continue;
            }
            settled[u] = true;
            if (u == sink) {
                break;
            }
            double pu = potential[u];
            for (int e = head[u]; e != -1; e = arcNext[e]) {
                if (residual[e] <= 0) {
                    continue;
                }
                int v = arcTo[e];
                if (settled[v]) {
                    continue;
                }
                double reduced = cost[e] + pu - potential[v];
                double nd = d + (reduced > 0 ? reduced : 0);
                if (nd < distance[v]) {
                    distance[v] = nd;
                    heap.push(nd, v);
                }
            }
        }
        if (!settled[sink]) {
            return false;
        }
        double toSink = distance[sink];
        for (int v = 0; v < nodeCount; v++) {
            potential[v] += Math.min(distance[v], toSink);
        }
        return true;
    }

    private boolean admissible(int e, int from, double tolerance) {
        return residual[e] > 0 && cost[e] + potential[from] - potential[arcTo[e]] <= tolerance;
    }

    /** BFS levels over admissible arcs; true when the sink is reachable. */
    private boolean levels(int source, int sink, double tolerance) {
        Arrays.fill(level, 0, nodeCount, -1);
        int qHead = 0;
        int qTail = 0;
        queue[qTail++] = source;
        level[source] = 0;
        while (qHead < qTail) {
            int u = queue[qHead++];
            for (int e = head[u]; e != -1; e = arcNext[e]) {
                int v = arcTo[e];
                if (level[v] < 0 && admissible(e, u, tolerance)) {
                    level[v] = level[u] + 1;
                    queue[qTail++] = v;
                }
            }
        }
        return level[sink] >= 0;
    }

    /** Dinic's blocking flow, iteratively (paths can be as long as the network is large). */
    private long blockingFlow(int source, int sink, double tolerance, long limit) {
        System.arraycopy(head, 0, currentArc, 0, nodeCount);
        long total = 0;
        int depth = 0;
        int u = source;
        while (total < limit) {
            if (u == sink) {
                long f = limit - total;
                for (int i = 0; i < depth; i++) {
                    f = Math.min(f, residual[pathArc[i]]);
                }
                for (int i = 0; i < depth; i++) {
                    residual[pathArc[i]] -= f;
                    residual[pathArc[i] ^ 1] += f;
                }
                total += f;
                depth = 0;
                u = source;
                continue;
            }
            int e = currentArc[u];
            int nextLevel = level[u] + 1;
            while (e != -1 && !(level[arcTo[e]] == nextLevel && admissible(e, u, tolerance))) {
                e = arcNext[e];
            }
            currentArc[u] = e;
            if (e != -1) {
                pathArc[depth++] = e;
                u = arcTo[e];
            } else {
                level[u] = -1;
                if (depth == 0) {
                    break;
                }
                int back = pathArc[--depth];
                u = arcTo[back ^ 1];
                currentArc[u] = arcNext[currentArc[u]];
            }
        }
        return total;
    }

}
