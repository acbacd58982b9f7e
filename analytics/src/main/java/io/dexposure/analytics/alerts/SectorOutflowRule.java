package io.dexposure.analytics.alerts;

import io.dexposure.events.UsdAmount;
import io.dexposure.analytics.risk.SectorSpillover;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Rule 5: a category's TVL (its protocols' TVL) drops by at least V % week over week. Subject = the
 * category; names the protocols that lost most.
 */
public final class SectorOutflowRule implements AlertRule {
    private static final int NAMED = 3;
    private final double warningDrop;
    private final double criticalDrop;
    private final double minTvl;
    private final double criticalMinTvl;

    public SectorOutflowRule(AlertThresholds t) {
        this.warningDrop = t.number("sector-outflow.warning.tvl-drop");
        this.criticalDrop = t.number("sector-outflow.critical.tvl-drop");
        this.minTvl = t.number("sector-outflow.min-tvl-usd");
        this.criticalMinTvl = t.number("sector-outflow.critical.min-tvl-usd");
    }

    @Override
    public List<Alert> evaluate(WeekChange c) {
        List<Alert> alerts = new ArrayList<>();
        if (c.previous == null) {
            return alerts;
        }
        Map<String, Double> before = SectorSpillover.tvlBySector(c.previous);
        Map<String, Double> after = SectorSpillover.tvlBySector(c.current);
        for (var sector : before.entrySet()) {
            double was = sector.getValue();
            double now = after.getOrDefault(sector.getKey(), 0.0);
            if (was < minTvl) {
                continue;
            }
            double drop = 1 - now / was;
            String severity = drop >= criticalDrop && was >= criticalMinTvl ? Alert.CRITICAL : drop >= warningDrop ? Alert.WARNING : null;
            if (severity == null) {
                continue;
            }
            List<AlertSubject> subjects = new ArrayList<>();
            subjects.add(AlertSubject.of(sector.getKey(), sector.getKey(), sector.getKey(), "sector", was - now));
            List<Integer> losers = IntStream.range(0, c.previous.nodeCount())
                    .filter(i -> WeekChange.isProtocol(c.previous, i) && sector.getKey().equals(SectorSpillover.sector(c.previous.categories[i])))
                    .boxed().sorted(Comparator.<Integer>comparingDouble(i -> -(c.previous.tvlUsd[i] - c.currentTvl(c.previous.ids[i])))
                            .thenComparing(i -> c.previous.ids[i])).limit(NAMED).toList();
            StringBuilder names = new StringBuilder();
            for (int i : losers) {
                double lost = c.previous.tvlUsd[i] - c.currentTvl(c.previous.ids[i]);
                if (lost > 0) {
                    subjects.add(WeekChange.subject(c.previous, i, "shocked", lost));
                    names.append(names.length() == 0 ? "" : ", ").append(IssuerCollapseRule.name(c, i)).append(" -")
                            .append(UsdAmount.format(lost));
                }
            }
            alerts.add(AlertRule.alert(c.week(), SECTOR_OUTFLOW, severity, sector.getKey(), drop,
                    Alert.CRITICAL.equals(severity) ? criticalDrop : warningDrop, was - now,
                    subjects.toArray(new AlertSubject[0]),
                    "The " + sector.getKey() + " sector lost " + AlertRule.percent(drop) + " of its TVL ("
                            + UsdAmount.format(was) + " -> " + UsdAmount.format(now) + ") since " + c.previous.week
                            + (names.length() == 0 ? "." : "; largest outflows: " + names + ".")));
        }
        return alerts;
    }
}
