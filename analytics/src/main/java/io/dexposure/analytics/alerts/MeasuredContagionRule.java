package io.dexposure.analytics.alerts;

import io.dexposure.analytics.assets.CreditorLosses;
import io.dexposure.events.UsdAmount;
import io.dexposure.analytics.risk.ContagionResult;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * contagion seeded by measured losses: every creditor starts having lost what it measurably lost on
 * collapsing assets (as a share of its TVL), and DebtRank spreads that on the previous week's network to
 * the holders of the creditors' own tokens. Reports the total (seed plus spread) as a share of system
 * TVL; critical needs a critical asset collapse behind it. Subject: the collapsing asset with the largest
 * price loss.
 */
public final class MeasuredContagionRule {
    private static final int NAMED = 5;
    private final double warningShare;
    private final double criticalShare;

    public MeasuredContagionRule(AlertThresholds t) {
        this.warningShare = t.number("contagion.warning.loss-share");
        this.criticalShare = t.number("contagion.critical.loss-share");
    }

    public List<Alert> evaluate(WeekChange c, AssetWeek assets) {
        List<Alert> alerts = new ArrayList<>();
        ContagionResult r = assets.contagion;
        if (r == null || r.lossShare() < warningShare || assets.collapsing.isEmpty()) {
            return alerts;
        }
        String severity = r.lossShare() >= criticalShare && !assets.critical.isEmpty() ? Alert.CRITICAL : Alert.WARNING;
        List<AlertSubject> subjects = new ArrayList<>();
        StringBuilder names = new StringBuilder();
        for (var a : assets.collapsing.subList(0, Math.min(NAMED, assets.collapsing.size()))) {
            Integer i = assets.previousIndex.get(a.id());
            subjects.add(i == null ? AlertSubject.of(a.id(), null, null, "asset", a.priceLossUsd())
                    : WeekChange.subject(c.previous, i, "asset", a.priceLossUsd()));
            names.append(names.length() == 0 ? "" : ", ").append(AssetCollapseRule.name(c, assets, a.id()));
        }
        double measured = assets.losses.totalUsd();
        List<Integer> hit = IntStream.range(0, c.previous.nodeCount()).filter(i -> r.lossByNode()[i] > 0).boxed()
                .sorted(Comparator.<Integer>comparingDouble(i -> -r.lossByNode()[i]).thenComparing(i -> c.previous.ids[i])).toList();
        StringBuilder hardest = new StringBuilder();
        for (int i : hit.subList(0, Math.min(NAMED, hit.size()))) {
            subjects.add(WeekChange.subject(c.previous, i, "distressed", r.lossByNode()[i]));
            hardest.append(hardest.length() == 0 ? "" : ", ").append(IssuerCollapseRule.name(c, i)).append(' ')
                    .append(UsdAmount.format(r.lossByNode()[i]));
        }
        alerts.add(AlertRule.alert(c.week(), AlertRule.CONTAGION, severity, subjects.get(0).id, r.lossShare(),
                Alert.CRITICAL.equals(severity) ? criticalShare : warningShare, r.lossUsd(), subjects.toArray(new AlertSubject[0]),
                "Measured losses of " + UsdAmount.format(measured) + " on collapsing assets (" + names + ") spread by DebtRank to "
                        + UsdAmount.format(r.lossUsd()) + ", " + AlertRule.percent(r.lossShare()) + " of system TVL, in "
                        + r.rounds() + " round(s), " + r.distressed().length + " nodes distressed"
                        + (hardest.length() == 0 ? "." : "; hardest hit: " + hardest + ".")));
        return alerts;
    }

    static double measured(CreditorLosses l) {
        return l.totalUsd();
    }
}
