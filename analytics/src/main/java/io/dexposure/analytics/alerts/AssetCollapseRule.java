package io.dexposure.analytics.alerts;

import io.dexposure.analytics.assets.AssetMove;
import io.dexposure.analytics.assets.CreditorLosses;
import io.dexposure.events.UsdAmount;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * asset-collapse: an issuer's tokens (a protocol's, or a token node such as UST, LUNA, FTT) lose at least
 * X % of their price estimate (median change across the holders that held them in both weeks, so
 * withdrawals do not count) while others held at least $Y of them in the previous week. Critical at the
 * larger thresholds and with enough holders for the median to mean something. Names the asset and its
 * largest creditors with their measured losses.
 */
public final class AssetCollapseRule {
    public static final String NAME = "asset-collapse";
    private final AssetWeek.AssetThresholdValues t;
    private final int creditorsNamed;

    public AssetCollapseRule(AlertThresholds thresholds) {
        this.t = AssetWeek.AssetThresholdValues.of(thresholds);
        this.creditorsNamed = thresholds.integer("issuer-collapse.creditors-named");
    }

    public List<Alert> evaluate(WeekChange c, AssetWeek assets) {
        List<Alert> alerts = new ArrayList<>();
        for (AssetMove a : assets.collapsing) {
            boolean critical = assets.critical.contains(a.id());
            String severity = critical ? Alert.CRITICAL : Alert.WARNING;
            Integer node = assets.previousIndex.get(a.id());
            List<AlertSubject> subjects = new ArrayList<>();
            subjects.add(node == null ? AlertSubject.of(a.id(), null, null, "asset", a.heldBefore())
                    : WeekChange.subject(c.previous, node, "asset", a.heldBefore()));
            List<Integer> holders = new ArrayList<>();
            for (int h = 0; h < a.holders().length; h++) {
                if (a.holderLoss(h) > 0) {
                    holders.add(h);
                }
            }
            holders.sort(Comparator.<Integer>comparingDouble(h -> -a.holderLoss(h)).thenComparing(h -> a.holders()[h]));
            StringBuilder named = new StringBuilder();
            for (int h : holders.subList(0, Math.min(creditorsNamed, holders.size()))) {
                subjects.add(creditor(c, assets, a.holders()[h], a.holderLoss(h)));
                named.append(named.length() == 0 ? "" : ", ").append(name(c, assets, a.holders()[h])).append(" lost ")
                        .append(UsdAmount.format(a.holderLoss(h)));
            }
            String what = (node == null || c.previous.names[node] == null ? a.id() : c.previous.names[node] + " (" + a.id() + ")");
            alerts.add(AlertRule.alert(c.week(), NAME, severity, a.id(), -a.priceFall(),
                    -(critical ? t.criticalFall() : t.warningFall()), a.priceLossUsd(), subjects.toArray(new AlertSubject[0]),
                    a.kind().jsonName() + " " + what + ": price estimate " + AlertRule.percent(-a.priceFall()) + " (median of "
                            + a.holdersBoth() + " holders) since " + c.previous.week + "; held by others "
                            + UsdAmount.format(a.heldBefore()) + " -> " + UsdAmount.format(a.heldNow()) + ", "
                            + UsdAmount.format(a.withdrawnUsd()) + " withdrawn beyond the price move"
                            + (named.length() == 0 ? "." : "; largest losses: " + named + ".")));
        }
        return alerts;
    }

    static AlertSubject creditor(WeekChange c, AssetWeek assets, String id, double lossUsd) {
        Integer i = assets.previousIndex.get(id);
        return i == null ? AlertSubject.of(id, null, null, "creditor", lossUsd) : WeekChange.subject(c.previous, i, "creditor", lossUsd);
    }

    static String name(WeekChange c, AssetWeek assets, String id) {
        Integer i = assets.previousIndex.get(id);
        return i == null || c.previous.names[i] == null ? id : c.previous.names[i];
    }

    static double lossOf(CreditorLosses losses, String id) {
        return losses.lossUsd(id);
    }
}
