package io.dexposure.analytics.metrics.curvature;

import java.util.Arrays;

/**
 * Exact W1 between the two measures of an edge x -> y when every link has length 1, without ever
 * forming the |S| x |T| cost matrix (S = support of m_x, T = support of m_y).
 *
 * <p>W1 for a shortest-path cost equals the cheapest flow of the mass through the graph itself
 * (Kantorovich-Rubinstein duality on a graph), and it suffices to keep a subgraph that contains one
 * shortest path for every pair (s, t): with unit lengths d(s, t) &lt;= 3 always (s -> x -> y -> t), so
 * the subgraph is the links from S into T (d = 1) and the links s -> u -> t through "relays" u, nodes
 * with a link from S and a link into T (d = 2); s -> x -> y -> t is already in it (x relays S to y, y
 * relays to T). Its size is about the summed out-degrees of S, where the cost matrix would be
 * |S| x |T|.
 *
 * <p>Two exact reductions keep hub-to-hub problems small: supply-only nodes that nothing flows into
 * and that have the same out-links are one node (the thousands of holders of a widely held token that
 * reach T only through x collapse into a handful), and likewise demand-only nodes with the same
 * in-links. When one side is a single point the answer is a weighted sum. Otherwise the flow is solved
 * by {@link PrimalDualMinCostFlow} in at most four phases.
 */
final class UnitLengthTransport {
    /** Mass scale: supplies are integers summing to 2^52, so W1 errs by less than 3 (|S| + |T|) / 2^52. */
    static final long MASS_SCALE = 1L << 52;

    private final CurvatureGraph graph;
    private final PrimalDualMinCostFlow flow = new PrimalDualMinCostFlow();
    private final int[] localId;
    private final int[] localStamp;
    private final int[] targetStamp;
    private final int[] supplyStamp;
    private final int[] relayStamp;
    private final int[] listedStamp;
    private final int[] countStamp;
    private final int[] inArcs;
    private final int[] demandIndex;
    private final int[] supplyIndex;
    private final boolean[] relay;
    private int stamp;
    private int lastPhases;

    private int[] relays = new int[16];
    private int[] arcTail = new int[64];
    private int[] arcHead = new int[64];
    private int arcs;
    private int[] supplyArcEnd = new int[16];
    /** Per supply index: representative supply index of its group (itself when not merged). */
    private int[] supplyGroup = new int[16];
    private int[] demandGroup = new int[16];
    private long[] scaledSupply = new long[16];
    private long[] scaledDemand = new long[16];
    private long[] groupSupply = new long[16];
    private long[] groupDemand = new long[16];
    private int[] hashTable = new int[64];
    private int[] demandInStart = new int[16];
    private int[] demandInSources = new int[64];
    private int[] demandCursor = new int[16];
    private int[] supplyNodes;

    UnitLengthTransport(CurvatureGraph graph) {
        this.graph = graph;
        int n = graph.nodeCount;
        localId = new int[n];
        localStamp = new int[n];
        targetStamp = new int[n];
        supplyStamp = new int[n];
        relayStamp = new int[n];
        listedStamp = new int[n];
        countStamp = new int[n];
        inArcs = new int[n];
        demandIndex = new int[n];
        supplyIndex = new int[n];
        relay = new boolean[n];
    }

    /** W1(source measure, target measure) with unit link lengths. */
    double wasserstein(NeighbourhoodMeasure from, NeighbourhoodMeasure to) {
        lastPhases = 0;
        if (from.size == 1 || to.size == 1) {
            return pointToMeasure(from, to);
        }
        stamp++;
        for (int j = 0; j < to.size; j++) {
            targetStamp[to.nodes[j]] = stamp;
            demandIndex[to.nodes[j]] = j;
        }
        for (int i = 0; i < from.size; i++) {
            supplyStamp[from.nodes[i]] = stamp;
            supplyIndex[from.nodes[i]] = i;
        }
        supplyNodes = from.nodes;
        collectArcs(from);
        groupSupplies(from);
        groupDemands(to);
        return solve(from, to);
    }

    /** The subgraph's links: supplies' links into T or to relays (grouped by supply), then relays' links into T. */
    private void collectArcs(NeighbourhoodMeasure from) {
        arcs = 0;
        if (supplyArcEnd.length < from.size) {
            int size = Math.max(from.size, supplyArcEnd.length * 2);
            supplyArcEnd = new int[size];
            supplyGroup = new int[size];
            scaledSupply = new long[size];
            groupSupply = new long[size];
        }
        int relayCount = 0;
        int[] offsets = graph.outOffsets;
        int[] targets = graph.outTargets;
        for (int i = 0; i < from.size; i++) {
            int s = from.nodes[i];
            for (int p = offsets[s]; p < offsets[s + 1]; p++) {
                int v = targets[p];
                boolean intoTargets = targetStamp[v] == stamp;
                boolean relaying = isRelay(v);
                if (!intoTargets && !relaying) {
                    continue;
                }
                // Supplies add their own links into T here; other relays are expanded below, once each.
                if (relaying && supplyStamp[v] != stamp && listedStamp[v] != stamp) {
                    listedStamp[v] = stamp;
                    if (relayCount == relays.length) {
                        relays = Arrays.copyOf(relays, relayCount * 2);
                    }
                    relays[relayCount++] = v;
                }
                addArc(s, v);
            }
            supplyArcEnd[i] = arcs;
        }
        for (int r = 0; r < relayCount; r++) {
            int u = relays[r];
            for (int p = offsets[u]; p < offsets[u + 1]; p++) {
                if (targetStamp[targets[p]] == stamp) {
                    addArc(u, targets[p]);
                }
            }
        }
        for (int a = 0; a < arcs; a++) {
            int head = arcHead[a];
            if (countStamp[head] != stamp) {
                countStamp[head] = stamp;
                inArcs[head] = 0;
            }
            inArcs[head]++;
        }
    }

    private void addArc(int tail, int head) {
        if (arcs == arcTail.length) {
            arcTail = Arrays.copyOf(arcTail, arcs * 2);
            arcHead = Arrays.copyOf(arcHead, arcs * 2);
        }
        arcTail[arcs] = tail;
        arcHead[arcs] = head;
        arcs++;
    }

    private int inArcs(int node) {
        return countStamp[node] == stamp ? inArcs[node] : 0;
    }

    /** Supplies outside T that nothing flows into, with identical out-link lists, become one node. */
    private void groupSupplies(NeighbourhoodMeasure from) {
        int tableSize = tableSize(from.size);
        Arrays.fill(hashTable, 0, tableSize, -1);
        for (int i = 0; i < from.size; i++) {
            int s = from.nodes[i];
            supplyGroup[i] = i;
            if (targetStamp[s] == stamp || inArcs(s) > 0) {
                continue;
            }
            int start = i == 0 ? 0 : supplyArcEnd[i - 1];
            int end = supplyArcEnd[i];
            int hash = 1;
            for (int a = start; a < end; a++) {
                hash = 31 * hash + arcHead[a];
            }
            int slot = mix(hash) & (tableSize - 1);
            while (hashTable[slot] >= 0) {
                int other = hashTable[slot];
                if (sameHeads(other, i)) {
                    supplyGroup[i] = other;
                    break;
                }
                slot = (slot + 1) & (tableSize - 1);
            }
            if (supplyGroup[i] == i) {
                hashTable[slot] = i;
            }
        }
    }

    private boolean sameHeads(int supplyA, int supplyB) {
        int startA = supplyA == 0 ? 0 : supplyArcEnd[supplyA - 1];
        int startB = supplyB == 0 ? 0 : supplyArcEnd[supplyB - 1];
        int length = supplyArcEnd[supplyA] - startA;
        if (length != supplyArcEnd[supplyB] - startB) {
            return false;
        }
        for (int k = 0; k < length; k++) {
            if (arcHead[startA + k] != arcHead[startB + k]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Demands outside S that relay nothing, with identical sets of (grouped) in-link tails, become one
     * node. In-link tails are collected per demand and sorted to compare them as sets.
     */
    private void groupDemands(NeighbourhoodMeasure to) {
        int m = to.size;
        if (demandGroup.length < m + 1) {
            int size = Math.max(m + 1, demandGroup.length * 2);
            demandGroup = new int[size];
            demandInStart = new int[size];
            scaledDemand = new long[size];
            groupDemand = new long[size];
        }
        if (demandInSources.length < arcs) {
            demandInSources = new int[Math.max(arcs, demandInSources.length * 2)];
        }
        Arrays.fill(demandInStart, 0, m + 1, 0);
        for (int a = 0; a < arcs; a++) {
            if (targetStamp[arcHead[a]] == stamp) {
                demandInStart[demandIndex[arcHead[a]] + 1]++;
            }
        }
        for (int j = 0; j < m; j++) {
            demandInStart[j + 1] += demandInStart[j];
        }
        if (demandCursor.length < m) {
            demandCursor = new int[Math.max(m, demandCursor.length * 2)];
        }
        System.arraycopy(demandInStart, 0, demandCursor, 0, m);
        for (int a = 0; a < arcs; a++) {
            if (targetStamp[arcHead[a]] == stamp) {
                int j = demandIndex[arcHead[a]];
                demandInSources[demandCursor[j]++] = groupedTail(arcTail[a]);
            }
        }
        int tableSize = tableSize(m);
        Arrays.fill(hashTable, 0, tableSize, -1);
        for (int j = 0; j < m; j++) {
            int t = to.nodes[j];
            demandGroup[j] = j;
            Arrays.sort(demandInSources, demandInStart[j], demandInStart[j + 1]);
            if (supplyStamp[t] == stamp || listedStamp[t] == stamp) {
                continue;
            }
            int hash = 1;
            int previous = -1;
            for (int k = demandInStart[j]; k < demandInStart[j + 1]; k++) {
                if (demandInSources[k] != previous) {
                    previous = demandInSources[k];
                    hash = 31 * hash + previous;
                }
            }
            int slot = mix(hash) & (tableSize - 1);
            while (hashTable[slot] >= 0) {
                int other = hashTable[slot];
                if (sameTails(other, j)) {
                    demandGroup[j] = other;
                    break;
                }
                slot = (slot + 1) & (tableSize - 1);
            }
            if (demandGroup[j] == j) {
                hashTable[slot] = j;
            }
        }
    }

    /** The graph node standing for an arc tail once supplies are grouped (its group's representative). */
    private int groupedTail(int tail) {
        return supplyStamp[tail] == stamp ? supplyNodes[supplyGroup[supplyIndex[tail]]] : tail;
    }

    private boolean sameTails(int demandA, int demandB) {
        int a = demandInStart[demandA];
        int aEnd = demandInStart[demandA + 1];
        int b = demandInStart[demandB];
        int bEnd = demandInStart[demandB + 1];
        // Compare as sets: skip repeats on both sides.
        while (a < aEnd && b < bEnd) {
            int va = demandInSources[a];
            int vb = demandInSources[b];
            if (va != vb) {
                return false;
            }
            while (a < aEnd && demandInSources[a] == va) {
                a++;
            }
            while (b < bEnd && demandInSources[b] == vb) {
                b++;
            }
        }
        return a == aEnd && b == bEnd;
    }

    private double solve(NeighbourhoodMeasure from, NeighbourhoodMeasure to) {
        flow.reset();
        int source = flow.addNode();
        int sink = flow.addNode();
        from.scaledMasses(MASS_SCALE, scaledSupply);
        to.scaledMasses(MASS_SCALE, scaledDemand);
        Arrays.fill(groupSupply, 0, from.size, 0);
        for (int i = 0; i < from.size; i++) {
            groupSupply[supplyGroup[i]] += scaledSupply[i];
        }
        Arrays.fill(groupDemand, 0, to.size, 0);
        for (int j = 0; j < to.size; j++) {
            groupDemand[demandGroup[j]] += scaledDemand[j];
        }
        for (int i = 0; i < from.size; i++) {
            if (supplyGroup[i] == i) {
                flow.addArc(source, local(from.nodes[i]), groupSupply[i], 0);
            }
        }
        for (int j = 0; j < to.size; j++) {
            if (demandGroup[j] == j) {
                flow.addArc(local(to.nodes[j]), sink, groupDemand[j], 0);
            }
        }
        // Arcs of grouped supplies and into grouped demands are their representatives' arcs again.
        int supply = 0;
        for (int a = 0; a < arcs; a++) {
            int tail = arcTail[a];
            int head = arcHead[a];
            while (supply < from.size && a >= supplyArcEnd[supply]) {
                supply++;
            }
            if (supply < from.size && supplyGroup[supply] != supply) {
                continue;
            }
            if (targetStamp[head] == stamp && demandGroup[demandIndex[head]] != demandIndex[head]) {
                continue;
            }
            flow.addArc(local(tail), local(head), PrimalDualMinCostFlow.UNBOUNDED, 1);
        }
        double cost = flow.solve(source, sink, MASS_SCALE, 0.0);
        lastPhases = flow.phases();
        return cost / MASS_SCALE;
    }

    /**
     * One side is a single point (x without in-neighbours, or y without out-neighbours, both common in
     * exposure networks: pure holders and token buckets): all mass moves to or from it, W1 is the
     * mass-weighted distance, and every distance is 0, 1 (a link) or 2 (through x or y).
     */
    private double pointToMeasure(NeighbourhoodMeasure from, NeighbourhoodMeasure to) {
        double total = 0;
        if (from.size == 1) {
            int s = from.nodes[0];
            for (int j = 0; j < to.size; j++) {
                total += to.mass[j] * pointDistance(s, to.nodes[j]);
            }
        } else {
            int t = to.nodes[0];
            for (int i = 0; i < from.size; i++) {
                total += from.mass[i] * pointDistance(from.nodes[i], t);
            }
        }
        return total;
    }

    private int pointDistance(int s, int t) {
        if (s == t) {
            return 0;
        }
        return Arrays.binarySearch(graph.outTargets, graph.outOffsets[s], graph.outOffsets[s + 1], t) >= 0 ? 1 : 2;
    }

    /** Primal-dual phases of the last problem (at most 4; 0 when a side was a single point). */
    int lastPhases() {
        return lastPhases;
    }

    /** Arcs of the last problem's flow network after grouping, the measure of its size. */
    int lastArcs() {
        return flow.arcCount();
    }

    /** True when v has a link into the target support (computed once per edge, then remembered). */
    private boolean isRelay(int v) {
        if (relayStamp[v] == stamp) {
            return relay[v];
        }
        boolean found = false;
        for (int p = graph.outOffsets[v]; p < graph.outOffsets[v + 1] && !found; p++) {
            found = targetStamp[graph.outTargets[p]] == stamp;
        }
        relayStamp[v] = stamp;
        relay[v] = found;
        return found;
    }

    private int local(int node) {
        if (localStamp[node] != stamp) {
            localStamp[node] = stamp;
            localId[node] = flow.addNode();
        }
        return localId[node];
    }

    private int tableSize(int entries) {
        int size = Integer.highestOneBit(Math.max(4, entries * 2 - 1)) << 1;
        if (hashTable.length < size) {
            hashTable = new int[size];
        }
        return size;
    }

    private static int mix(int hash) {
        int h = hash * 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}
