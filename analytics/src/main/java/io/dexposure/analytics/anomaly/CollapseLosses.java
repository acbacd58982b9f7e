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
        Map<String, Double> before = new HashMap<>(previous.linkCount() * 2);
        double exposure = 0;
        for (int k = 0; k < previous.linkCount(); k++) {
            if (previous.linkWeights[k] > 0) {
                exposure += previous.linkWeights[k];
                before.put(key(previous.ids[previous.linkSources[k]], previous.ids[previous.linkTargets[k]]),
                        previous.linkWeights[k]);
            }
        }
        // Ratios of this week's holding to last week's, grouped by issuer (the link's target).
        Map<String, double[]> ratios = new HashMap<>();
        Map<String, Integer> counts = new HashMap<>();
        for (int k = 0; k < current.linkCount(); k++) {
            if (!(current.linkWeights[k] > 0)) {
                continue;
            }
            String issuer = current.ids[current.linkTargets[k]];
            Double was = before.get(key(current.ids[current.linkSources[k]], issuer));
            if (was == null) {
                continue;
            }
            int c = counts.merge(issuer, 1, Integer::sum);
            double[] r = ratios.computeIfAbsent(issuer, i -> new double[4]);
            if (c > r.length) {
                r = Arrays.copyOf(r, r.length * 2);
                ratios.put(issuer, r);
            }
            r[c - 1] = current.linkWeights[k] / was;
        }
        Map<String, Double> fall = new HashMap<>();
        for (Map.Entry<String, double[]> e : ratios.entrySet()) {
            int c = counts.get(e.getKey());
            if (c >= s.minHolders()) {
                double f = 1 - RobustScaler.median(Arrays.copyOf(e.getValue(), c));
                if (f >= s.collapseFall()) {
                    fall.put(e.getKey(), f);
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
            Double f = fall.get(previous.ids[previous.linkTargets[k]]);
            if (f != null && w > 0) {
                own.merge(previous.ids[previous.linkTargets[k]], w * f, Double::sum);
                creditor.merge(previous.ids[previous.linkSources[k]], w * f, Double::sum);
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

    private static String key(String holder, String issuer) {
        return holder + '\u0000' + issuer;
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
