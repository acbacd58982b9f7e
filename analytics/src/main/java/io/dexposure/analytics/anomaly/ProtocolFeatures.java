package io.dexposure.analytics.anomaly;

import io.dexposure.analytics.metrics.ProtocolMetrics;
import io.dexposure.analytics.week.NetworkWeek;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A week's feature rows for the anomaly detectors, one per node, from its per-node metrics and their
 * change since last week. Levels are logs (USD and degrees span orders of magnitude); changes are
 * differences of those logs, so -2.3 is a 90 % fall whatever the size. A node new this week has
 * changes of 0. Community change = 1 - Jaccard of its Infomap community's members this week and last
 * (community ids are per week, members are not). The last two are what the week's collapsing issuers
 * cost ({@link CollapseLosses}), in basis points of last week's total exposure: the node's own loss if it
 * collapsed, and its loss as a creditor of those that did; 0 for every node in a week without a collapse.
 * They are standardised on that fixed scale (1 bp a unit, so the clip is 10 bp), not on their own spread.
 */
public final class ProtocolFeatures {
    public static final List<String> NAMES = List.of("log_tvl", "log_in_strength", "log_out_strength",
            "log_in_degree", "log_out_degree", "log_pagerank", "betweenness", "curvature",
            "d_log_tvl", "d_log_in_strength", "d_log_out_strength", "d_log_in_degree", "d_log_out_degree",
            "d_log_pagerank", "community_change", "collapse_loss_bp", "creditor_loss_bp");
    /** Index of the first change feature in {@link #NAMES}: levels before it, changes from it on. */
    public static final int FIRST_CHANGE = 8;

    /** Indices of the two loss features in {@link #NAMES}. */
    public static final int COLLAPSE_LOSS = 15;
    public static final int CREDITOR_LOSS = 16;

    /**
     * ids[i] and rows[i] = NAMES-ordered features of node i; metrics[i] its record; spreads[j] the scale the
     * robust standardisation divides column j by, NaN where the column's own spread is right; losses the week's
     * collapse losses the two loss features came from; sizeUsd[i] the largest of node i's TVL, in- and out-strength
     * this week and last (what the materiality floor reads).
     */
    public record Week(String week, List<ProtocolMetrics> metrics, double[][] rows, double[] spreads, CollapseLosses losses,
                       double[] sizeUsd) {
        public String id(int i) {
            return metrics.get(i).node;
        }
    }

    private ProtocolFeatures() {
    }

    /** The features without the loss features' links (both 0): for callers that only have the metrics. */
    public static Week of(List<ProtocolMetrics> current, List<ProtocolMetrics> previous) {
        return of(current, previous, CollapseLosses.NONE);
    }

    /** A week's features read from the two networks themselves, losses included. */
    public static Week of(NetworkWeek current, NetworkWeek previous, CollapseLosses.Settings settings) {
        return of(metricsOf(current), previous == null ? null : metricsOf(previous),
                CollapseLosses.between(previous, current, settings));
    }

    public static Week of(List<ProtocolMetrics> current, List<ProtocolMetrics> previous, CollapseLosses losses) {
        Map<String, ProtocolMetrics> before = new HashMap<>();
        if (previous != null) {
            previous.forEach(m -> before.put(m.node, m));
        }
        Map<Integer, Set<String>> communityNow = members(current);
        Map<Integer, Set<String>> communityBefore = previous == null ? Map.of() : members(previous);
        // Jaccard depends only on the two communities: computed once per pair, not once per member (a giant
        // community of thousands of nodes made this quadratic at real scale).
        Map<Long, Double> jaccardByPair = new HashMap<>();
        List<ProtocolMetrics> kept = new ArrayList<>(current);
        double[][] rows = new double[kept.size()][];
        double[] sizeUsd = new double[kept.size()];
        for (int i = 0; i < kept.size(); i++) {
            ProtocolMetrics m = kept.get(i);
            double[] level = levels(m, kept.size());
            ProtocolMetrics b = before.get(m.node);
            sizeUsd[i] = Math.max(size(m), b == null ? 0 : size(b));
            double[] row = new double[NAMES.size()];
            System.arraycopy(level, 0, row, 0, level.length);
            if (b != null) {
                double[] old = levels(b, previous.size());
                row[8] = level[0] - old[0];
                row[9] = level[1] - old[1];
                row[10] = level[2] - old[2];
                row[11] = level[3] - old[3];
                row[12] = level[4] - old[4];
                row[13] = level[5] - old[5];
                row[14] = m.community != null && b.community != null
                        ? jaccardByPair.computeIfAbsent(((long) m.community << 32) | (b.community & 0xffffffffL),
                                pair -> communityChange(m, b, communityNow, communityBefore))
                        : communityChange(m, b, communityNow, communityBefore);
            }
            row[COLLAPSE_LOSS] = losses.ownLossBp(m.node);
            row[CREDITOR_LOSS] = losses.creditorLossBp(m.node);
            rows[i] = row;
        }
        double[] spreads = new double[NAMES.size()];
        Arrays.fill(spreads, Double.NaN);
        // Their own spread is no scale: nearly every node loses nothing, so a $10 k loss would reach the clip
        // like a collapse. A basis point of the whole network is the unit instead.
        spreads[COLLAPSE_LOSS] = spreads[CREDITOR_LOSS] = 1;
        return new Week(current.isEmpty() ? null : current.get(0).week, kept, rows, spreads, losses, sizeUsd);
    }

    private static double size(ProtocolMetrics m) {
        return Math.max(m.tvlUsd, Math.max(m.inStrengthUsd, m.outStrengthUsd));
    }

    /**
     * The per-node metric records the features read, rebuilt from a week as the sequential operators
     * receive it (degrees and strengths from its links, PageRank, betweenness, curvature and community
     * from the arrays the analysis attached; 0, 0, none and none when it attached none).
     */
    public static List<ProtocolMetrics> metricsOf(NetworkWeek week) {
        int n = week.nodeCount();
        int[] inDegree = new int[n];
        int[] outDegree = new int[n];
        double[] inStrength = new double[n];
        double[] outStrength = new double[n];
        for (int k = 0; k < week.linkCount(); k++) {
            int s = week.linkSources[k];
            int t = week.linkTargets[k];
            outDegree[s]++;
            inDegree[t]++;
            outStrength[s] += week.linkWeights[k];
            inStrength[t] += week.linkWeights[k];
        }
        List<ProtocolMetrics> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            ProtocolMetrics m = new ProtocolMetrics();
            m.week = week.week;
            m.id = week.week + ":" + week.ids[i];
            m.node = week.ids[i];
            m.name = week.names[i];
            m.category = week.categories[i];
            m.tvlUsd = week.tvlUsd[i];
            m.inDegree = inDegree[i];
            m.outDegree = outDegree[i];
            m.inStrengthUsd = inStrength[i];
            m.outStrengthUsd = outStrength[i];
            m.pageRank = defined(week.pageRank, i, 0);
            m.betweenness = defined(week.betweenness, i, 0);
            double curvature = defined(week.meanCurvature, i, Double.NaN);
            m.meanCurvature = Double.isNaN(curvature) ? null : curvature;
            m.community = week.community == null || week.community[i] < 0 ? null : week.community[i];
            out.add(m);
        }
        return out;
    }

    private static double defined(double[] values, int i, double otherwise) {
        return values == null || Double.isNaN(values[i]) ? otherwise : values[i];
    }

    private static double[] levels(ProtocolMetrics m, int nodes) {
        return new double[]{
                Math.log1p(Math.max(0, m.tvlUsd)),
                Math.log1p(Math.max(0, m.inStrengthUsd)),
                Math.log1p(Math.max(0, m.outStrengthUsd)),
                Math.log1p(m.inDegree),
                Math.log1p(m.outDegree),
                // PageRank times n is 1 for an average node whatever the week's size.
                Math.log1p(m.pageRank * nodes),
                m.betweenness,
                m.meanCurvature == null ? 0 : m.meanCurvature};
    }

    private static Map<Integer, Set<String>> members(List<ProtocolMetrics> week) {
        Map<Integer, Set<String>> members = new HashMap<>();
        for (ProtocolMetrics m : week) {
            if (m.community != null) {
                members.computeIfAbsent(m.community, c -> new HashSet<>()).add(m.node);
            }
        }
        return members;
    }

    private static double communityChange(ProtocolMetrics now, ProtocolMetrics before,
                                          Map<Integer, Set<String>> membersNow, Map<Integer, Set<String>> membersBefore) {
        if (now.community == null && before.community == null) {
            return 0;
        }
        if (now.community == null || before.community == null) {
            return 1;
        }
        Set<String> a = membersNow.get(now.community);
        Set<String> b = membersBefore.get(before.community);
        int common = 0;
        for (String id : a) {
            if (b.contains(id)) {
                common++;
            }
        }
        return 1 - (double) common / (a.size() + b.size() - common);
    }
}
