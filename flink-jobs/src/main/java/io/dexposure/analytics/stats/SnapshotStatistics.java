package io.dexposure.analytics.stats;

import io.dexposure.events.NodeKind;
import io.dexposure.replayer.snapshot.SnapshotLink;
import io.dexposure.replayer.snapshot.SnapshotNode;
import io.dexposure.replayer.snapshot.WeekSnapshot;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The figures real-data.md publishes about the real DeXposure files, computed week by week on any
 * snapshot stream (real or generated), so the two can be compared. Fed one week at a time
 * ({@link #add}); memory is two weeks.
 *
 * <p>Definitions (each week's graph: the reader's nodes, its distinct kept (source, target) pairs,
 * parallel links summed, self-links kept):
 * <ul>
 *   <li><b>link persistence</b> r: of week t+1's links between nodes present at t, the share that were
 *   links at t (real ~0.53, from the published persistence AUROC/AUPRC).</li>
 *   <li><b>node overlap</b>: |V_t &#8745; V_t+1| / |V_t| (real 98.5 %, DeXposure-FM's "edge overlap",
 *   computed on node ids).</li>
 *   <li><b>token-node share</b>: of the nodes with at least one link, the share whose id is not a numeric
 *   protocol id (token symbols, buckets, the null-id node; real 56-58 %).</li>
 *   <li><b>density</b>: links / (n (n - 1)).</li>
 *   <li><b>Gini of weighted degree</b>: weighted degree = in-strength + out-strength (USD), all nodes.</li>
 *   <li><b>PageRank</b>: weighted by link USD, damping 0.85, dangling mass spread uniformly, power
 *   iteration to an L1 change below n x 1e-6 (NetworkX's defaults); its Gini and its maximum.</li>
 *   <li><b>HHI of weighted out-degree</b>: sum over nodes of (out-strength / total)^2.</li>
 *   <li><b>persistence baseline</b> at one week ahead, as DeXposure-FM scores it: positives are week t+1's
 *   links between nodes present at t, negatives 5 per positive drawn uniformly from the non-links
 *   among those nodes, score 1 when the pair was a link at t. With a binary score both figures have a
 *   closed form in expectation over the negative draw, used here instead of a random draw:
 *   AUROC = (1 + TPR - FPR) / 2, AUPRC = R1 P1 + (1 - R1) / 6 with R1 = TPR, P1 = TPR / (TPR + 5 FPR),
 *   FPR = (links of t that are not links of t+1, among those nodes) / (non-links of t+1 among them).</li>
 * </ul>
 */
public final class SnapshotStatistics {
    /** The published window: 29 weeks (2025-01-06 .. 2025-07-21); here the last 29 weeks of the input. */
    public static final int RECENT_WEEKS = 29;
    private static final double DAMPING = 0.85;
    private static final int PAGERANK_MAX_ITERATIONS = 100;
    private static final double PAGERANK_TOLERANCE = 1e-6;
    private static final int NEGATIVES_PER_POSITIVE = 5;

    /** One week's figures; the pair figures (persistence, overlap, baseline) compare it with the week before. */
    public record Week(LocalDate week, int nodes, int links, int linkedNodes, int tokenNodes, int nullIdNodes,
                       int nullIdLinks, int droppedLinks, int nonPositiveLinks, int rawLinks, double density,
                       double giniWeightedDegree, double giniPageRank, double maxPageRank, double hhiOutStrength,
                       double linkPersistence, double nodeOverlap, double persistenceAuroc,
                       double persistenceAuprc, double giniPageRankUndirected, double maxPageRankUndirected) {
        public double tokenNodeShare() {
            return linkedNodes == 0 ? Double.NaN : (double) tokenNodes / linkedNodes;
        }
    }

    private final List<Week> weeks = new ArrayList<>();
    /** Node ids and links of the previous week (ids interned in {@link #ids}). */
    private final Map<String, Integer> ids = new HashMap<>();
    private Set<Integer> previousNodes;
    private Set<Long> previousLinks;

    public void add(WeekSnapshot week) {
        int n = week.nodes().size();
        Map<String, Integer> local = new HashMap<>(n * 2);
        int[] global = new int[n];
        for (int i = 0; i < n; i++) {
            String id = week.nodes().get(i).id();
            local.put(id, i);
            global[i] = ids.computeIfAbsent(id, k -> ids.size());
        }
        // Distinct pairs, parallel links summed.
        Map<Long, Double> pairs = new HashMap<>(week.links().size() * 2);
        for (SnapshotLink link : week.links()) {
            long key = ((long) local.get(link.source()) << 32) | local.get(link.target());
            pairs.merge(key, link.exposureUsd(), Double::sum);
        }
        int m = pairs.size();
        long[] keys = new long[m];
        int k = 0;
        for (long key : pairs.keySet()) {
            keys[k++] = key;
        }
        Arrays.sort(keys);
        int[] src = new int[m];
        int[] dst = new int[m];
        double[] w = new double[m];
        double[] inStrength = new double[n];
        double[] outStrength = new double[n];
        boolean[] linked = new boolean[n];
        for (int l = 0; l < m; l++) {
            src[l] = (int) (keys[l] >>> 32);
            dst[l] = (int) keys[l];
            w[l] = pairs.get(keys[l]);
            outStrength[src[l]] += w[l];
            inStrength[dst[l]] += w[l];
            linked[src[l]] = true;
            linked[dst[l]] = true;
        }
        int linkedNodes = 0;
        int tokenNodes = 0;
        double[] degree = new double[n];
        double totalOut = 0;
        for (int i = 0; i < n; i++) {
            degree[i] = inStrength[i] + outStrength[i];
            totalOut += outStrength[i];
            if (linked[i]) {
                linkedNodes++;
                if (NodeKind.classify(week.nodes().get(i).id()) != NodeKind.PROTOCOL) {
                    tokenNodes++;
                }
            }
        }
        double hhi = 0;
        for (int i = 0; i < n; i++) {
            double share = totalOut > 0 ? outStrength[i] / totalOut : 0;
            hhi += share * share;
        }
        double[] pageRank = pageRank(n, src, dst, w, outStrength);
        double maxPageRank = 0;
        for (double p : pageRank) {
            maxPageRank = Math.max(maxPageRank, p);
        }
        double[] undirected = undirectedPageRank(n, src, dst);
        double maxUndirected = 0;
        for (double p : undirected) {
            maxUndirected = Math.max(maxUndirected, p);
        }

        Set<Integer> nodesNow = new HashSet<>(n * 2);
        for (int g : global) {
            nodesNow.add(g);
        }
        Set<Long> linksNow = new HashSet<>(m * 2);
        for (int l = 0; l < m; l++) {
            linksNow.add(((long) global[src[l]] << 32) | global[dst[l]]);
        }
        double persistence = Double.NaN;
        double overlap = Double.NaN;
        double auroc = Double.NaN;
        double auprc = Double.NaN;
        if (previousNodes != null) {
            int shared = 0;
            for (int g : previousNodes) {
                if (nodesNow.contains(g)) {
                    shared++;
                }
            }
            overlap = previousNodes.isEmpty() ? Double.NaN : (double) shared / previousNodes.size();
            int positives = 0;
            int persisted = 0;
            for (long link : linksNow) {
                if (previousNodes.contains((int) (link >>> 32)) && previousNodes.contains((int) link)) {
                    positives++;
                    if (previousLinks.contains(link)) {
                        persisted++;
                    }
                }
            }
            // Links of t between nodes still present at t+1 that are gone: the baseline's false positives.
            long ended = 0;
            for (long link : previousLinks) {
                if (nodesNow.contains((int) (link >>> 32)) && nodesNow.contains((int) link) && !linksNow.contains(link)) {
                    ended++;
                }
            }
            if (positives > 0) {
                persistence = (double) persisted / positives;
                double nonLinks = (double) shared * (shared - 1) - positives;
                double tpr = persistence;
                double fpr = nonLinks > 0 ? ended / nonLinks : 0;
                auroc = (1 + tpr - fpr) / 2;
                double precisionAtOne = tpr + NEGATIVES_PER_POSITIVE * fpr > 0
                        ? tpr / (tpr + NEGATIVES_PER_POSITIVE * fpr) : 0;
                auprc = tpr * precisionAtOne + (1 - tpr) / (1 + NEGATIVES_PER_POSITIVE);
            }
        }
        previousNodes = nodesNow;
        previousLinks = linksNow;
        int raw = week.links().size() + week.droppedLinks();
        weeks.add(new Week(week.week(), n, m, linkedNodes, tokenNodes, week.nullIdNodes(), week.nullIdLinks(),
                week.droppedLinks(), week.nonPositiveLinks(), raw,
                n > 1 ? (double) m / ((double) n * (n - 1)) : Double.NaN, gini(degree), gini(pageRank), maxPageRank,
                hhi, persistence, overlap, auroc, auprc, gini(undirected), maxUndirected));
    }

    public List<Week> weeks() {
        return List.copyOf(weeks);
    }

    /** Weighted PageRank as NetworkX computes it (uniform personalisation and dangling distribution). */
    static double[] pageRank(int n, int[] src, int[] dst, double[] w, double[] outStrength) {
        double[] x = new double[n];
        if (n == 0) {
            return x;
        }
        Arrays.fill(x, 1.0 / n);
        double[] next = new double[n];
        for (int iteration = 0; iteration < PAGERANK_MAX_ITERATIONS; iteration++) {
            double dangling = 0;
            for (int i = 0; i < n; i++) {
                if (outStrength[i] <= 0) {
                    dangling += x[i];
                }
            }
            double base = (DAMPING * dangling + (1 - DAMPING)) / n;
            Arrays.fill(next, base);
            for (int l = 0; l < src.length; l++) {
                if (outStrength[src[l]] > 0) {
                    next[dst[l]] += DAMPING * x[src[l]] * w[l] / outStrength[src[l]];
                }
            }
            double change = 0;
            for (int i = 0; i < n; i++) {
                change += Math.abs(next[i] - x[i]);
            }
            double[] swap = x;
            x = next;
            next = swap;
            if (change < n * PAGERANK_TOLERANCE) {
                break;
            }
        }
        return x;
    }

    /**
     * PageRank of the undirected, unweighted graph (NetworkX: {@code nx.pagerank(G.to_undirected())} with no
     * weight): every distinct pair {u, v}, u != v, is one edge. Reported beside the weighted directed one
     * because the published pair (Gini 0.66-0.73, max 0.017-0.036) does not say which graph it used.
     */
    static double[] undirectedPageRank(int n, int[] src, int[] dst) {
        java.util.Set<Long> edges = new HashSet<>(src.length * 2);
        for (int l = 0; l < src.length; l++) {
            if (src[l] != dst[l]) {
                int a = Math.min(src[l], dst[l]);
                int b = Math.max(src[l], dst[l]);
                edges.add(((long) a << 32) | b);
            }
        }
        int e = edges.size();
        int[] us = new int[2 * e];
        int[] vs = new int[2 * e];
        double[] ws = new double[2 * e];
        double[] degree = new double[n];
        int k = 0;
        long[] sorted = edges.stream().mapToLong(Long::longValue).sorted().toArray();
        for (long key : sorted) {
            int a = (int) (key >>> 32);
            int b = (int) key;
            us[k] = a;
            vs[k] = b;
            ws[k++] = 1;
            us[k] = b;
            vs[k] = a;
            ws[k++] = 1;
            degree[a]++;
            degree[b]++;
        }
        return pageRank(n, us, vs, ws, degree);
    }

    /** Gini coefficient of non-negative values: sum_i (2i - n - 1) x_(i) / (n sum x), sorted ascending, i from 1. */
    static double gini(double[] values) {
        int n = values.length;
        if (n == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double sum = 0;
        double weighted = 0;
        for (int i = 0; i < n; i++) {
            sum += sorted[i];
            weighted += (2.0 * (i + 1) - n - 1) * sorted[i];
        }
        return sum == 0 ? 0 : weighted / (n * sum);
    }
}
