package io.dexposure.analytics.alerts;

import io.dexposure.events.UsdAmount;
import io.dexposure.analytics.risk.ContagionResult;
import io.dexposure.analytics.week.NetworkWeek;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Rule 3: DebtRank loss as a share of system TVL. {@code contagion}: the shocks observed this week
 * (warning / critical; subject = the protocol whose shock lost most). {@code contagion-hypothetical}:
 * the failure of the worst of the week's top-k systemic protocols, when its loss share rises through the
 * threshold (a warning at most: nothing has happened yet; a standing fact is not repeated every week;
 * subject = that protocol).
 */
public final class ContagionRule implements AlertRule {
    private static final int NAMED = 5;
    private final double warningShare;
    private final double criticalShare;
    private final double hypotheticalShare;

    public ContagionRule(AlertThresholds t) {
        this.warningShare = t.number("contagion.warning.loss-share");
        this.criticalShare = t.number("contagion.critical.loss-share");
        this.hypotheticalShare = t.number("contagion.systemic.warning.loss-share");
    }

    @Override
    public List<Alert> evaluate(WeekChange c) {
        List<Alert> alerts = new ArrayList<>();
        ContagionResult observed = c.risk.observed();
        if (observed != null && observed.lossShare() >= warningShare) {
            String severity = observed.lossShare() >= criticalShare ? Alert.CRITICAL : Alert.WARNING;
            double[] drops = c.risk.shockDrops();
            List<Integer> shocked = ranked(c.previous, observed, i -> drops[i] > 0, drops);
            List<Integer> hit = ranked(c.previous, observed, i -> drops[i] == 0 && observed.lossByNode()[i] > 0, null);
            List<AlertSubject> subjects = new ArrayList<>();
            StringBuilder names = new StringBuilder();
            for (int i : shocked.subList(0, Math.min(NAMED, shocked.size()))) {
                subjects.add(WeekChange.subject(c.previous, i, "shocked", observed.lossByNode()[i]));
                names.append(names.length() == 0 ? "" : ", ").append(IssuerCollapseRule.name(c, i));
            }
            StringBuilder creditors = new StringBuilder();
            for (int i : hit.subList(0, Math.min(NAMED, hit.size()))) {
                subjects.add(WeekChange.subject(c.previous, i, "distressed", observed.lossByNode()[i]));
                creditors.append(creditors.length() == 0 ? "" : ", ").append(IssuerCollapseRule.name(c, i)).append(' ')
                        .append(UsdAmount.format(observed.lossByNode()[i]));
            }
            alerts.add(AlertRule.alert(c.week(), CONTAGION, severity, subjects.get(0).id, observed.lossShare(),
                    Alert.CRITICAL.equals(severity) ? criticalShare : warningShare, observed.lossUsd(),
                    subjects.toArray(new AlertSubject[0]),
                    "This week's " + shocked.size() + " observed shock(s) (" + names + ") spread by DebtRank to "
                            + UsdAmount.format(observed.lossUsd()) + ", " + AlertRule.percent(observed.lossShare())
                            + " of system TVL, in " + observed.rounds() + " round(s), " + observed.distressed().length
                            + " protocols distressed" + (creditors.length() == 0 ? "." : "; hardest hit: " + creditors + ".")));
        }
        ContagionResult worst = c.risk.worstSystemicResult();
        double before = c.previousRisk == null || c.previousRisk.worstSystemicNode == null ? Double.NaN
                : c.previousRisk.worstSystemicLossShare;
        if (worst != null && worst.lossShare() >= hypotheticalShare && (Double.isNaN(before) || before < hypotheticalShare)) {
            int node = c.risk.worstSystemic();
            List<AlertSubject> subjects = new ArrayList<>();
            subjects.add(WeekChange.subject(c.current, node, "systemic", c.current.tvlUsd[node]));
            for (int i : ranked(c.current, worst, i -> i != node && worst.lossByNode()[i] > 0, null).stream().limit(NAMED).toList()) {
                subjects.add(WeekChange.subject(c.current, i, "distressed", worst.lossByNode()[i]));
            }
            alerts.add(AlertRule.alert(c.week(), CONTAGION_HYPOTHETICAL, Alert.WARNING, c.current.ids[node], worst.lossShare(),
                    hypotheticalShare, worst.lossUsd(), subjects.toArray(new AlertSubject[0]),
                    "If " + WeekChange.describe(c.current, node) + " failed, DebtRank puts the system loss at "
                            + UsdAmount.format(worst.lossUsd()) + ", " + AlertRule.percent(worst.lossShare()) + " of system TVL, "
                            + worst.distressed().length + " protocols distressed."));
        }
        return alerts;
    }

    /** Nodes passing the filter, by loss (or by {@code order} when given), largest first, ties by id. */
    private static List<Integer> ranked(NetworkWeek week, ContagionResult result, java.util.function.IntPredicate filter,
                                        double[] order) {
        double[] key = order == null ? result.lossByNode() : multiply(order, week.tvlUsd);
        return IntStream.range(0, week.nodeCount()).filter(filter).boxed()
                .sorted(Comparator.<Integer>comparingDouble(i -> -key[i]).thenComparing(i -> week.ids[i])).toList();
    }

    private static double[] multiply(double[] a, double[] b) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i] * b[i];
        }
        return out;
    }
}
