package io.dexposure.analytics.alerts;

import io.dexposure.analytics.assets.AssetMove;
import io.dexposure.analytics.assets.CreditorLosses;
import io.dexposure.events.UsdAmount;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * creditor-at-risk on measured losses: a holder's loss on collapsing assets (the fall in USD of what it
 * held of them, {@link CreditorLosses}) is at least Z % of its previous-week TVL and at least $W. Critical
 * needs the larger share and at least one of the assets collapsing at the critical level: a broad market
 * drawdown makes every holder lose a little of everything, which is not a crisis of one asset.
 */
public final class CreditorLossRule {
    public static final String NAME = AlertRule.CREDITOR_AT_RISK;
    private final double warningShare;
    private final double criticalShare;
    private final double minLoss;

    public CreditorLossRule(AlertThresholds t) {
        this.warningShare = t.number("creditor-loss.warning.loss-share");
        this.criticalShare = t.number("creditor-loss.critical.loss-share");
        this.minLoss = t.number("creditor-loss.min-loss-usd");
    }

    public List<Alert> evaluate(WeekChange c, AssetWeek assets) {
        List<Alert> alerts = new ArrayList<>();
        for (CreditorLosses.Creditor creditor : assets.losses.byId().values()) {
            double tvl = assets.previousTvl(c.previous, creditor.id());
            if (tvl <= 0 || creditor.lossUsd() < minLoss) {
                continue;
            }
            double share = Math.min(1, creditor.lossUsd() / tvl);
            boolean fromCritical = creditor.byAsset().keySet().stream().anyMatch(assets.critical::contains);
            String severity = share >= criticalShare && fromCritical ? Alert.CRITICAL : share >= warningShare ? Alert.WARNING : null;
            if (severity == null) {
                continue;
            }
            List<AlertSubject> subjects = new ArrayList<>();
            subjects.add(AssetCollapseRule.creditor(c, assets, creditor.id(), creditor.lossUsd()));
            StringBuilder detail = new StringBuilder();
            for (Map.Entry<String, Double> e : creditor.byAsset().entrySet()) {
                AssetMove asset = assets.view.issuer(e.getKey());
                Integer i = assets.previousIndex.get(e.getKey());
                subjects.add(i == null ? AlertSubject.of(e.getKey(), null, null, "asset", e.getValue())
                        : WeekChange.subject(c.previous, i, "asset", e.getValue()));
                detail.append(detail.length() == 0 ? "" : ", ").append(AssetCollapseRule.name(c, assets, e.getKey())).append(' ')
                        .append(UsdAmount.format(e.getValue())).append(" of ").append(UsdAmount.format(creditor.heldByAsset().get(e.getKey())))
                        .append(" held (price ").append(AlertRule.percent(-asset.priceFall())).append(')');
            }
            Integer node = assets.previousIndex.get(creditor.id());
            String who = node == null ? creditor.id() : WeekChange.describe(c.previous, node);
            alerts.add(AlertRule.alert(c.week(), NAME, severity, creditor.id(), share,
                    Alert.CRITICAL.equals(severity) ? criticalShare : warningShare, creditor.lossUsd(),
                    subjects.toArray(new AlertSubject[0]),
                    who + " lost " + UsdAmount.format(creditor.lossUsd()) + " on collapsing assets it held, "
                            + AlertRule.percent(share) + " of its " + UsdAmount.format(tvl) + " TVL: " + detail + "."));
        }
        return alerts;
    }
}
