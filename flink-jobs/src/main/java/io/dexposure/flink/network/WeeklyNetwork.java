package io.dexposure.flink.network;

import io.dexposure.events.NodeKind;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The one in-memory model of a week's exposure network: nodes interned to 0..n-1 in arrival order,
 * links as compressed sparse rows by source (each source's targets ascending, parallel links merged).
 * Gelly graphs, JGraphT graphs and tensors are views built from this, never the other way round.
 *
 * <p>An edge i -> j of weight w means node i holds w USD of tokens issued by (or bucketed as) node j:
 * i is exposed to j.
 */
public final class WeeklyNetwork {
    private final LocalDate week;
    private final String[] ids;
    private final NodeKind[] kinds;
    private final String[] names;
    private final String[] categories;
    private final double[] tvlUsd;
    private final List<Map<String, Double>> compositions;
    private final Map<String, Integer> indexById;
    private final int[] outOffsets;
    private final int[] outTargets;
    private final double[] outWeights;
    private final int[] inDegrees;
    private final int droppedLinks;
    private final int flippedLinks;
    private final int mergedParallelLinks;
    // Input counts from the reader (week-closed marker), set by the builder after the arrays are built.
    private int nullIdNodes;
    private int nullIdLinks;
    private int nonPositiveLinks;

    WeeklyNetwork(LocalDate week, String[] ids, String[] names, String[] categories, double[] tvlUsd,
                  List<Map<String, Double>> compositions, Map<String, Integer> indexById, int[] outOffsets,
                  int[] outTargets, double[] outWeights, int droppedLinks, int flippedLinks, int mergedParallelLinks) {
        this.week = week;
        this.ids = ids;
        this.names = names;
        this.categories = categories;
        this.tvlUsd = tvlUsd;
        this.compositions = compositions;
        this.indexById = indexById;
        this.outOffsets = outOffsets;
        this.outTargets = outTargets;
        this.outWeights = outWeights;
        this.droppedLinks = droppedLinks;
        this.flippedLinks = flippedLinks;
        this.mergedParallelLinks = mergedParallelLinks;
        this.kinds = new NodeKind[ids.length];
        for (int i = 0; i < ids.length; i++) {
            kinds[i] = NodeKind.classify(ids[i]);
        }
        this.inDegrees = new int[ids.length];
        for (int t : outTargets) {
            inDegrees[t]++;
        }
    }

    public static WeeklyNetworkBuilder builder(LocalDate week) {
        return new WeeklyNetworkBuilder(week);
    }

    public LocalDate week() {
        return week;
    }

    public int nodeCount() {
        return ids.length;
    }

    /** Distinct directed links (parallel links merged), self-loops included. */
    public int edgeCount() {
        return outTargets.length;
    }

    public String id(int node) {
        return ids[node];
    }

    public NodeKind kind(int node) {
        return kinds[node];
    }

    /** Mapping name, or null when the mapping does not know the id (always null for token buckets). */
    public String name(int node) {
        return names[node];
    }

    public String category(int node) {
        return categories[node];
    }

    public double tvlUsd(int node) {
        return tvlUsd[node];
    }

    public Map<String, Double> composition(int node) {
        return compositions.get(node);
    }

    /** Index of a node id, or -1. */
    public int indexOf(String id) {
        Integer i = indexById.get(id);
        return i == null ? -1 : i;
    }

    public int outDegree(int node) {
        return outOffsets[node + 1] - outOffsets[node];
    }

    public int inDegree(int node) {
        return inDegrees[node];
    }

    /** Links of {@code node} are positions outStart(node) .. outEnd(node)-1 of target()/weight(). */
    public int outStart(int node) {
        return outOffsets[node];
    }

    public int outEnd(int node) {
        return outOffsets[node + 1];
    }

    public int target(int linkPosition) {
        return outTargets[linkPosition];
    }

    public double weight(int linkPosition) {
        return outWeights[linkPosition];
    }

    public int droppedLinks() {
        return droppedLinks;
    }

    public int flippedLinks() {
        return flippedLinks;
    }

    /** Nodes of the input with a null id, merged into the one unresolved node ("None"). */
    public int nullIdNodes() {
        return nullIdNodes;
    }

    /** Links of the input with a null endpoint, attached to the unresolved node. */
    public int nullIdLinks() {
        return nullIdLinks;
    }

    /** Links of the input with size &lt;= 0, dropped or flipped. */
    public int nonPositiveLinks() {
        return nonPositiveLinks;
    }

    /** Links that repeated an earlier (source, target) pair in the same week and were added to it. */
    public int mergedParallelLinks() {
        return mergedParallelLinks;
    }

    @Override
    public String toString() {
        return "WeeklyNetwork{" + week + ", " + nodeCount() + " nodes, " + edgeCount() + " links}";
    }

    /** Collects a week's nodes and links in arrival order and builds the CSR arrays once. */
    public static final class WeeklyNetworkBuilder {
        private final LocalDate week;
        private final Map<String, Integer> indexById = new HashMap<>();
        private String[] ids = new String[64];
        private String[] names = new String[64];
        private String[] categories = new String[64];
        private double[] tvl = new double[64];
        private final java.util.ArrayList<Map<String, Double>> compositions = new java.util.ArrayList<>();
        private int n;
        private long[] linkKeys = new long[256];
        private double[] linkWeights = new double[256];
        private int m;
        private int droppedLinks;
        private int flippedLinks;
        private int nullIdNodes;
        private int nullIdLinks;
        private int nonPositiveLinks;

        WeeklyNetworkBuilder(LocalDate week) {
            this.week = week;
        }

        public WeeklyNetworkBuilder addNode(String id, double tvlUsd, String name, String category,
                                            Map<String, Double> composition) {
            if (indexById.putIfAbsent(id, n) != null) {
                throw new IllegalArgumentException("week " + week + ": node '" + id + "' appears twice");
            }
            if (n == ids.length) {
                int cap = n * 2;
                ids = Arrays.copyOf(ids, cap);
                names = Arrays.copyOf(names, cap);
                categories = Arrays.copyOf(categories, cap);
                tvl = Arrays.copyOf(tvl, cap);
            }
            ids[n] = id;
            names[n] = name;
            categories[n] = category;
            tvl[n] = tvlUsd;
            compositions.add(composition == null ? Map.of() : composition);
            n++;
            return this;
        }

        /** Endpoints must already be nodes of the week. */
        public WeeklyNetworkBuilder addLink(String source, String target, double exposureUsd) {
            Integer s = indexById.get(source);
            Integer t = indexById.get(target);
            if (s == null || t == null) {
                throw new IllegalArgumentException("week " + week + ": link " + source + " -> " + target
                        + " names a node that is not in the week: '" + (s == null ? source : target) + "'");
            }
            if (m == linkKeys.length) {
                linkKeys = Arrays.copyOf(linkKeys, m * 2);
                linkWeights = Arrays.copyOf(linkWeights, m * 2);
            }
            linkKeys[m] = ((long) s << 32) | t;
            linkWeights[m] = exposureUsd;
            m++;
            return this;
        }

        public WeeklyNetworkBuilder droppedLinks(int count) {
            this.droppedLinks = count;
            return this;
        }

        public WeeklyNetworkBuilder flippedLinks(int count) {
            this.flippedLinks = count;
            return this;
        }

        /** The reader's counts of null ids (nodes, link endpoints) and non-positive links. */
        public WeeklyNetworkBuilder inputQuirks(int nullIdNodes, int nullIdLinks, int nonPositiveLinks) {
            this.nullIdNodes = nullIdNodes;
            this.nullIdLinks = nullIdLinks;
            this.nonPositiveLinks = nonPositiveLinks;
            return this;
        }

        public WeeklyNetwork build() {
            // Sort links by (source, target) through an index permutation keyed on the packed pair,
            // then merge parallel links by summing: one pass, no per-link objects.
            Integer[] order = new Integer[m];
            for (int i = 0; i < m; i++) {
                order[i] = i;
            }
            final long[] keys = linkKeys;
            Arrays.sort(order, (a, b) -> Long.compare(keys[a], keys[b]));
            int[] offsets = new int[n + 1];
            int[] targets = new int[m];
            double[] weights = new double[m];
            int distinct = 0;
            long previous = -1;
            for (int k = 0; k < m; k++) {
                int i = order[k];
                long key = keys[i];
                if (key == previous) {
                    weights[distinct - 1] += linkWeights[i];
                    continue;
                }
                previous = key;
                int source = (int) (key >>> 32);
                targets[distinct] = (int) key;
                weights[distinct] = linkWeights[i];
                offsets[source + 1]++;
                distinct++;
            }
            for (int i = 0; i < n; i++) {
                offsets[i + 1] += offsets[i];
            }
            WeeklyNetwork network = new WeeklyNetwork(week, Arrays.copyOf(ids, n), Arrays.copyOf(names, n),
                    Arrays.copyOf(categories, n), Arrays.copyOf(tvl, n), List.copyOf(compositions),
                    Map.copyOf(indexById), offsets, Arrays.copyOf(targets, distinct),
                    Arrays.copyOf(weights, distinct), droppedLinks, flippedLinks, m - distinct);
            network.nullIdNodes = nullIdNodes;
            network.nullIdLinks = nullIdLinks;
            network.nonPositiveLinks = nonPositiveLinks;
            return network;
        }
    }
}
