package io.dexposure.analytics.alerts;

import io.dexposure.events.UsdAmount;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Rule 1: a protocol's TVL falls by at least X % week over week while other protocols held at least $Y
 * of its tokens (previous week). Names the issuer and its largest creditors; USD at risk = what others
 * held times the fall.
 */
public final class IssuerCollapseRule implements AlertRule {
    private final double warningDrop;
    private final double warningHeld;
    private final double criticalDrop;
    private final double criticalHeld;
    private final double criticalMinTvl;
    private final int creditorsNamed;

    public IssuerCollapseRule(AlertThresholds t) {
        this.warningDrop = t.number("issuer-collapse.warning.tvl-drop");
        this.warningHeld = t.number("issuer-collapse.warning.held-by-others-usd");
        this.criticalDrop = t.number("issuer-collapse.critical.tvl-drop");
        this.criticalHeld = t.number("issuer-collapse.critical.held-by-others-usd");
        this.criticalMinTvl = t.number("issuer-collapse.critical.min-tvl-usd");
        this.creditorsNamed = t.integer("issuer-collapse.creditors-named");
    }

    @Override
    public List<Alert> evaluate(WeekChange c) {
        List<Alert> alerts = new ArrayList<>();
        if (c.previous == null) {
            return alerts;
        }
        for (int i = 0; i < c.previous.nodeCount(); i++) {
            if (!WeekChange.isProtocol(c.previous, i)) {
                continue;
            }
            double drop = c.tvlDrop(i);
            if (drop < warningDrop) {
                continue;
            }
            double held = c.heldByOthers(i);
            boolean large = c.previous.tvlUsd[i] >= criticalMinTvl;
            String severity = drop >= criticalDrop && held >= criticalHeld && large ? Alert.CRITICAL
                    : held >= warningHeld ? Alert.WARNING : null;
            if (severity == null) {
                continue;
            }
            List<AlertSubject> subjects = new ArrayList<>();
            subjects.add(WeekChange.subject(c.previous, i, "issuer", c.previous.tvlUsd[i]));
            List<Integer> creditors = largestCreditors(c, i);
            StringBuilder named = new StringBuilder();
            for (int p : creditors.subList(0, Math.min(creditorsNamed, creditors.size()))) {
                int creditor = c.previousLinks.creditor(p);
                subjects.add(WeekChange.subject(c.previous, creditor, "creditor", c.previousLinks.exposure(p)));
                named.append(named.length() == 0 ? "" : ", ").append(name(c, creditor)).append(' ')
                        .append(UsdAmount.format(c.previousLinks.exposure(p)));
            }
            String id = c.previous.ids[i];
            alerts.add(AlertRule.alert(c.week(), ISSUER_COLLAPSE, severity, id, drop,
                    Alert.CRITICAL.equals(severity) ? criticalDrop : warningDrop, held * drop,
                    subjects.toArray(new AlertSubject[0]),
                    WeekChange.describe(c.previous, i) + " lost " + AlertRule.percent(drop) + " of its TVL ("
                            + UsdAmount.format(c.previous.tvlUsd[i]) + " -> " + UsdAmount.format(c.currentTvl(id))
                            + ") since " + c.previous.week + " while other protocols held " + UsdAmount.format(held)
                            + " of its tokens" + (named.length() == 0 ? "." : "; largest holders: " + named + ".")));
        }
        return alerts;
    }

    /** Positions (in the previous week's links by issuer) of the issuer's creditors, largest first, itself excluded. */
    static List<Integer> largestCreditors(WeekChange c, int issuer) {
        List<Integer> positions = new ArrayList<>();
        for (int p = c.previousLinks.start(issuer); p < c.previousLinks.end(issuer); p++) {
            if (c.previousLinks.creditor(p) != issuer) {
                positions.add(p);
            }
        }
        positions.sort(Comparator.<Integer>comparingDouble(p -> -c.previousLinks.exposure(p))
                .thenComparing(p -> c.previous.ids[c.previousLinks.creditor(p)]));
        return positions;
    }

    static String name(WeekChange c, int previousNode) {
        String n = c.previous.names[previousNode];
        return n == null ? c.previous.ids[previousNode] : n;
    }
}
