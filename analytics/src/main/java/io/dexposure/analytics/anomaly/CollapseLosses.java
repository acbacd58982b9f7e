package io.dexposure.analytics.anomaly;

import io.dexposure.analytics.week.NetworkWeek;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * What the week's collapsing issuers cost, per node: the two features that let the anomaly ensemble name
 * a collapse and its worst-hit creditors in USD, which the per-node log changes cannot (a lender losing
 * $1 B of a $50 B book moves its TVL 2 %, while thousands of small nodes move 90 % on churn alone).
 *
 * <p>An issuer's move this week is the median, over its holders that held it both weeks, of this week's
 * holding over last week's: a price-like move that links appearing or vanishing (half of them a week in
 * the real data) do not distort, as they would the issuer's total in-strength. An issuer collapses when
 * at least {@code minHolders} holders show a median fall of at least {@code collapseFall}. Then
 * <ul>
 *   <li>its own loss is last week's in-strength times the fall (what the network lost holding it), and</li>
 *   <li>each holder's creditor loss is the sum, over the collapsing issuers it held last week, of last
 *       week's holding times the issuer's fall.</li>
 * </ul>
 * Both are 0 for every node in a week without a collapse, so calm weeks are not touched. A holding that
 * vanished is not read as a fall (it may be churn in the data), only as last week's exposure.
 */
public final class CollapseLosses {
    /** No losses at all: for callers without the weeks' links (the features are then 0). */
    public static final CollapseLosses NONE = new CollapseLosses(Map.of(), Map.of(), Map.of(), 0);

    /**
     * @param collapseFall median fall of an issuer's holdings from which it counts as collapsing (default 0.5:
     *                     the broad drawdowns the real history shows, e.g. -25 % across volatile tokens in a
     *                     week, stay below it; UST, LUNA and FTT fell 90 % and more)
     * @param minHolders   holders holding the issuer both weeks needed to call a collapse (default 2: one
     *                     holder's withdrawal is not a price move)
     */
    public record Settings(double collapseFall, int minHolders) {
        public static Settings defaults() {
            return new Settings(0.5, 2);
        }
    }

    private final Map<String, Double> fall;
    private final Map<String, Double> own;
    private final Map<String, Double> creditor;
    private final double previousExposureUsd;

    private CollapseLosses(Map<String, Double> fall, Map<String, Double> own, Map<String, Double> creditor,
                           double previousExposureUsd) {
        this.fall = fall;
        this.own = own;
        this.creditor = creditor;
        this.previousExposureUsd = previousExposureUsd;
    }

    /** The losses of {@code current} against the week before it (null: none, no losses). */
    public static CollapseLosses between(NetworkWeek previous, NetworkWeek current, Settings s) {
        if (previous == null || current == null) {
            return NONE;
        }
        // Last week's nodes by this week's position (-1: gone), so links are matched on two ints, not two strings.
        Map<String, Integer> now = current.indexById();
        int[] position = new int[previous.nodeCount()];
        for (int i = 0; i < position.length; i++) {
            position[i] = now.getOrDefault(previous.ids[i], -1);
        }
        Map<Long, Double> before = new HashMap<>(previous.linkCount() * 2);
        double exposure = 0;
        for (int k = 0; k < previous.linkCount(); k++) {
            double w = previous.linkWeights[k];
            if (w > 0) {
                exposure += w;
                int s0 = position[previous.linkSources[k]];
                int t0 = position[previous.linkTargets[k]];
                if (s0 >= 0 && t0 >= 0) {
                    before.put(pair(s0, t0), w);
                }
            }
        }
        // Ratios of this week's holding to last week's, grouped by issuer (the link's target).
        int n = current.nodeCount();
        double[][] ratios = new double[n][];
        int[] counts = new int[n];
        for (int k = 0; k < current.linkCount(); k++) {
            if (!(current.linkWeights[k] > 0)) {
                continue;
            }
            int issuer = current.linkTargets[k];
            Double was = before.get(pair(current.linkSources[k], issuer));
            if (was == null) {
                continue;
            }
            if (ratios[issuer] == null) {
                ratios[issuer] = new double[4];
            } else if (counts[issuer] == ratios[issuer].length) {
                ratios[issuer] = Arrays.copyOf(ratios[issuer], counts[issuer] * 2);
            }
            ratios[issuer][counts[issuer]++] = current.linkWeights[k] / was;
        }
        double[] fallAt = new double[n];
        Map<String, Double> fall = new HashMap<>();
        for (int i = 0; i < n; i++) {
            if (counts[i] >= s.minHolders()) {
                double f = 1 - RobustScaler.median(Arrays.copyOf(ratios[i], counts[i]));
                if (f >= s.collapseFall()) {
                    fall.put(current.ids[i], f);
                    fallAt[i] = f;
                }
            }
        }
        if (fall.isEmpty()) {
            return NONE;
        }
        Map<String, Double> own = new HashMap<>();
        Map<String, Double> creditor = new HashMap<>();
        for (int k = 0; k < previous.linkCount(); k++) {
            double w = previous.linkWeights[k];
            int t0 = position[previous.linkTargets[k]];
            if (t0 >= 0 && fallAt[t0] > 0 && w > 0) {
                own.merge(current.ids[t0], w * fallAt[t0], Double::sum);
                creditor.merge(previous.ids[previous.linkSources[k]], w * fallAt[t0], Double::sum);
            }
        }
        return new CollapseLosses(Map.copyOf(fall), Map.copyOf(own), Map.copyOf(creditor), exposure);
    }

    /**
     * The node's own loss in basis points of last week's total exposure (the sum of its links): the network's
     * share that went, a scale on which a $10 k crash of a small token is nothing and a Terra is hundreds.
     */
    public double ownLossBp(String node) {
        return basisPoints(ownLossUsd(node));
    }

    /** The node's creditor loss in basis points of last week's total exposure. */
    public double creditorLossBp(String node) {
        return basisPoints(creditorLossUsd(node));
    }

    private double basisPoints(double usd) {
        return previousExposureUsd > 0 ? usd / previousExposureUsd * 1e4 : 0;
    }

    private static long pair(int holder, int issuer) {
        return ((long) holder << 32) | (issuer & 0xffffffffL);
    }

    /** The issuers that collapsed this week and their median fall (0.5 = holdings halved). */
    public Map<String, Double> collapsingIssuers() {
        return fall;
    }

    /** USD the network lost holding this node, if it collapsed this week; else 0. */
    public double ownLossUsd(String node) {
        return own.getOrDefault(node, 0.0);
    }

    /** USD this node lost on its holdings of the week's collapsing issuers; 0 if it held none. */
    public double creditorLossUsd(String node) {
        return creditor.getOrDefault(node, 0.0);
    }
}
