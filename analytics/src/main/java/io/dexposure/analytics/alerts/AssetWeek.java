package io.dexposure.analytics.alerts;

import io.dexposure.analytics.assets.AssetKind;
import io.dexposure.analytics.assets.AssetMove;
import io.dexposure.analytics.assets.AssetView;
import io.dexposure.analytics.assets.CreditorLosses;
import io.dexposure.analytics.risk.Contagion;
import io.dexposure.analytics.risk.ContagionResult;
import io.dexposure.analytics.week.NetworkWeek;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the asset rules look at beside the {@link WeekChange}: the week's {@link AssetView}, the issuers
 * whose price fell at least the asset-collapse warning move while others held at least the warning USD
 * (collapsing), those at the critical level, the creditors' losses measured on the collapsing issuers, and
 * DebtRank seeded by those losses on the previous week's network.
 */
public final class AssetWeek {
    public final AssetView view;
    /** Collapsing issuers (warning level or above), largest price loss first. */
    public final List<AssetMove> collapsing;
    /** Ids of the collapsing issuers at the critical level. */
    public final Set<String> critical;
    public final CreditorLosses losses;
    /** DebtRank seeded by the measured losses (null without losses or without a previous week). */
    public final ContagionResult contagion;
    /** Previous week's node id -> index (null without a previous week). */
    public final Map<String, Integer> previousIndex;

    private AssetWeek(AssetView view, List<AssetMove> collapsing, Set<String> critical, CreditorLosses losses,
                      ContagionResult contagion, Map<String, Integer> previousIndex) {
        this.view = view;
        this.collapsing = collapsing;
        this.critical = critical;
        this.losses = losses;
        this.contagion = contagion;
        this.previousIndex = previousIndex;
    }

    public static AssetWeek of(WeekChange c, AssetThresholdValues t, Contagion contagion) {
        AssetView view = AssetView.of(c.previous, c.current);
        List<AssetMove> collapsing = new ArrayList<>();
        Set<String> critical = new TreeSet<>();
        for (AssetMove a : view.issuersByPriceLoss()) {
            if (a.kind() == AssetKind.BUCKET || Double.isNaN(a.priceMove())) {
                continue;
            }
            if (a.priceFall() >= t.warningFall() && a.heldBefore() >= t.warningHeldUsd()) {
                collapsing.add(a);
                if (t.isCritical(a)) {
                    critical.add(a.id());
                }
            }
        }
        CreditorLosses losses = CreditorLosses.of(collapsing);
        Map<String, Integer> previousIndex = c.previous == null ? null : c.previous.indexById();
        ContagionResult spread = null;
        if (c.previous != null && !losses.byId().isEmpty()) {
            double[] shock = new double[c.previous.nodeCount()];
            for (CreditorLosses.Creditor creditor : losses.byId().values()) {
                Integer i = previousIndex.get(creditor.id());
                if (i != null && c.previous.tvlUsd[i] > 0) {
                    shock[i] = Math.min(1, creditor.lossUsd() / c.previous.tvlUsd[i]);
                }
            }
            spread = contagion.simulate(c.previous.tvlUsd, c.previousLinks, shock);
        }
        return new AssetWeek(view, collapsing, critical, losses, spread, previousIndex);
    }

    /** Previous-week TVL of a node (0 when it was not there). */
    public double previousTvl(NetworkWeek previous, String id) {
        Integer i = previousIndex == null ? null : previousIndex.get(id);
        return i == null ? 0 : Math.max(0, previous.tvlUsd[i]);
    }

    /** The asset-collapse thresholds every asset rule shares. */
    public record AssetThresholdValues(double warningFall, double warningHeldUsd, double criticalFall, double criticalHeldUsd,
                                       int criticalMinHolders) {
        public static AssetThresholdValues of(AlertThresholds t) {
            return new AssetThresholdValues(t.number("asset-collapse.warning.price-fall"),
                    t.number("asset-collapse.warning.held-by-others-usd"), t.number("asset-collapse.critical.price-fall"),
                    t.number("asset-collapse.critical.held-by-others-usd"), t.integer("asset-collapse.critical.min-holders"));
        }

        public boolean isCritical(AssetMove a) {
            return a.priceFall() >= criticalFall && a.heldBefore() >= criticalHeldUsd && a.holdersBoth() >= criticalMinHolders;
        }
    }
}
