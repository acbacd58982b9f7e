package io.dexposure.analytics.linkpred;

import io.dexposure.analytics.week.NetworkWeek;

import java.util.Arrays;
import java.util.Map;

/**
 * Common neighbours, Adamic-Adar, Jaccard and preferential attachment on the previous week's network
 * made undirected (NetworkX's {@code common_neighbors}, {@code adamic_adar_index}, {@code jaccard_coefficient},
 * {@code preferential_attachment}). A node the previous week lacks has no neighbours (score 0).
 */
public final class NeighbourhoodScorer implements LinkScorer {
    private final NeighbourhoodHeuristic heuristic;
    private final Map<String, Integer> previousIndex;
    /** Sorted distinct undirected neighbours of each previous-week node (self-loops left out). */
    private final int[][] neighbours;
    /** Adamic-Adar's 1 / ln(degree) per node, computed once rather than per common neighbour of every pair. */
    private final double[] inverseLogDegree;

    public NeighbourhoodScorer(NetworkWeek previous, NeighbourhoodHeuristic heuristic) {
        this(heuristic, previous.indexById(), undirectedNeighbours(previous));
    }

    /** One scorer per heuristic, sharing nothing (each builds its neighbour lists). */
    public static NeighbourhoodScorer[] all(NetworkWeek previous) {
        NeighbourhoodHeuristic[] values = NeighbourhoodHeuristic.values();
        NeighbourhoodScorer[] scorers = new NeighbourhoodScorer[values.length];
        int[][] shared = undirectedNeighbours(previous);
        Map<String, Integer> index = previous.indexById();
        for (int i = 0; i < values.length; i++) {
            scorers[i] = new NeighbourhoodScorer(values[i], index, shared);
        }
        return scorers;
    }

    private NeighbourhoodScorer(NeighbourhoodHeuristic heuristic, Map<String, Integer> index, int[][] neighbours) {
        this.heuristic = heuristic;
        this.previousIndex = index;
        this.neighbours = neighbours;
        this.inverseLogDegree = new double[neighbours.length];
        for (int i = 0; i < neighbours.length; i++) {
            inverseLogDegree[i] = 1.0 / Math.log(neighbours[i].length);
        }
    }

    @Override
    public String name() {
        return heuristic.modelName();
    }

    @Override
    public double[] score(NetworkWeek week, int[] sources, int[] targets) {
        int[] at = NodeAlignment.of(week, previousIndex);
        double[] scores = new double[sources.length];
        for (int k = 0; k < scores.length; k++) {
            int u = at[sources[k]];
            int v = at[targets[k]];
            scores[k] = u < 0 || v < 0 ? 0 : score(u, v);
        }
        return scores;
    }

    /** The heuristic for previous-week nodes u and v. */
    public double score(int u, int v) {
        int[] a = neighbours[u];
        int[] b = neighbours[v];
        switch (heuristic) {
            case PREFERENTIAL_ATTACHMENT:
                return (double) a.length * b.length;
            case COMMON_NEIGHBOURS:
                return common(a, b, false);
            case ADAMIC_ADAR:
                return common(a, b, true);
            case JACCARD:
                double c = common(a, b, false);
                double union = a.length + b.length - c;
                return union == 0 ? 0 : c / union;
            default:
                throw new IllegalStateException(heuristic.toString());
        }
    }

    /** |a ∩ b|, or the Adamic-Adar sum of 1 / ln(degree) over it; the shorter list is searched in the longer. */
    private double common(int[] a, int[] b, boolean adamicAdar) {
        int[] small = a.length <= b.length ? a : b;
        int[] large = small == a ? b : a;
        double sum = 0;
        for (int w : small) {
            if (Arrays.binarySearch(large, w) >= 0) {
                sum += adamicAdar ? inverseLogDegree[w] : 1.0;
            }
        }
        return sum;
    }

    static int[][] undirectedNeighbours(NetworkWeek week) {
        int n = week.nodeCount();
        int[] count = new int[n];
        for (int k = 0; k < week.linkCount(); k++) {
            if (week.linkSources[k] != week.linkTargets[k]) {
                count[week.linkSources[k]]++;
                count[week.linkTargets[k]]++;
            }
        }
        int[][] lists = new int[n][];
        for (int i = 0; i < n; i++) {
            lists[i] = new int[count[i]];
        }
        int[] fill = new int[n];
        for (int k = 0; k < week.linkCount(); k++) {
            int s = week.linkSources[k];
            int t = week.linkTargets[k];
            if (s != t) {
                lists[s][fill[s]++] = t;
                lists[t][fill[t]++] = s;
            }
        }
        for (int i = 0; i < n; i++) {
            int[] l = lists[i];
            Arrays.sort(l);
            int u = 0;
            for (int j = 0; j < l.length; j++) {
                if (j == 0 || l[j] != l[j - 1]) {
                    l[u++] = l[j];
                }
            }
            lists[i] = Arrays.copyOf(l, u);
        }
        return lists;
    }
}
