package io.dexposure.analytics.alerts;

import io.dexposure.events.NodeKind;
import io.dexposure.analytics.risk.ExposureLinks;
import io.dexposure.analytics.risk.WeekRisk;
import io.dexposure.analytics.risk.WeekRiskCalculator;
import io.dexposure.analytics.week.NetworkWeek;

import java.util.Map;

/**
 * What the alert rules look at: this week, the previous one (null for the first week of a run), the
 * previous week's links by issuer (who held what going into the week), the week's risk assessment, and
 * the previous week's risk record (null for the first week of a run).
 */
public final class WeekChange {
    public final NetworkWeek current;
    public final NetworkWeek previous;
    public final Map<String, Integer> currentIndex;
    public final ExposureLinks previousLinks;
    public final WeekRiskCalculator.Assessment risk;
    public final WeekRisk previousRisk;

    public WeekChange(NetworkWeek current, NetworkWeek previous, WeekRiskCalculator.Assessment risk, WeekRisk previousRisk) {
        this.current = current;
        this.previous = previous;
        this.currentIndex = risk.currentIndex();
        this.previousLinks = risk.previousLinks();
        this.risk = risk;
        this.previousRisk = previousRisk;
    }

    public String week() {
        return current.week;
    }

    /** This week's TVL of a node of the previous week (0 when it is gone). */
    public double currentTvl(String id) {
        Integer i = currentIndex.get(id);
        return i == null ? 0 : Math.max(0, current.tvlUsd[i]);
    }

    /** Fraction of TVL lost since the previous week by previous-week node {@code i} (0 when it grew). */
    public double tvlDrop(int previousNode) {
        double before = previous.tvlUsd[previousNode];
        return before <= 0 ? 0 : Math.max(0, 1 - currentTvl(previous.ids[previousNode]) / before);
    }

    public static boolean isProtocol(NetworkWeek week, int node) {
        return NodeKind.classify(week.ids[node]) == NodeKind.PROTOCOL;
    }

    /** USD of previous-week node {@code i}'s tokens held by other nodes (its own holdings left out). */
    public double heldByOthers(int previousNode) {
        double held = 0;
        for (int p = previousLinks.start(previousNode); p < previousLinks.end(previousNode); p++) {
            if (previousLinks.creditor(p) != previousNode) {
                held += previousLinks.exposure(p);
            }
        }
        return held;
    }

    public static AlertSubject subject(NetworkWeek week, int node, String role, Double usd) {
        return AlertSubject.of(week.ids[node], week.names[node], week.categories[node], role, usd);
    }

    /** "Name (id, Category)" for messages. */
    public static String describe(NetworkWeek week, int node) {
        String detail = week.categories[node] == null ? week.ids[node] : week.ids[node] + ", " + week.categories[node];
        return (week.names[node] == null ? "" : week.names[node] + " ") + "(" + detail + ")";
    }
}
