package io.dexposure.analytics.alerts;

import io.dexposure.analytics.risk.Contagion;
import io.dexposure.analytics.risk.ProtocolRisk;
import io.dexposure.analytics.risk.SystemicImportance;
import io.dexposure.analytics.risk.WeekRisk;
import io.dexposure.analytics.risk.WeekRiskCalculator;
import io.dexposure.analytics.week.NetworkWeek;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Everything the sequential risk operator computes for a week, given the previous one: systemic
 * importance, contagion, sector spillover, and the six alert rules. Plain and deterministic (the same
 * weeks give the same records), so tests and the evaluation command call it without Flink; the state it
 * needs (the previous week and its risk record, the change-point detectors) is passed in.
 */
public final class ShockDetector {
    private final WeekRiskCalculator risk;
    private final List<AlertRule> rules;
    private final RegimeChangeRule regimeChange;

    public ShockDetector(AlertThresholds t) {
        double weights = t.number("systemic-importance.pagerank-weight") + t.number("systemic-importance.tail-weight")
                + t.number("systemic-importance.tvl-weight");
        this.risk = new WeekRiskCalculator(
                new SystemicImportance(t.number("systemic-importance.pagerank-weight") / weights,
                        t.number("systemic-importance.tail-weight") / weights, t.number("systemic-importance.tvl-weight") / weights),
                new Contagion(t.number("contagion.distress-threshold"), t.integer("contagion.max-rounds")),
                t.integer("systemic-importance.top-n"), t.integer("contagion.systemic.top-k"),
                t.number("contagion.shock-min-tvl-drop"), t.number("contagion.shock-min-tvl-usd"));
        this.rules = List.of(new IssuerCollapseRule(t), new CreditorAtRiskRule(t), new ContagionRule(t),
                new SectorOutflowRule(t), new ConcentrationRule(t));
        this.regimeChange = new RegimeChangeRule(t);
    }

    public record Assessment(List<Alert> alerts, List<ProtocolRisk> protocolRisk, WeekRisk weekRisk) {
    }

    /**
     * @param previous     the previous analysed week, or null for the first week of a run
     * @param previousRisk the week-risk record assessed for {@code previous} (null with it)
     * @param detectors    change-point state per metric, updated in place
     */
    public Assessment assess(NetworkWeek current, NetworkWeek previous, WeekRisk previousRisk,
                             Map<String, ChangePointDetector> detectors) {
        WeekRiskCalculator.Assessment assessment = risk.assess(current, previous);
        WeekChange change = new WeekChange(current, previous, assessment, previousRisk);
        List<Alert> alerts = new ArrayList<>();
        for (AlertRule rule : rules) {
            alerts.addAll(rule.evaluate(change));
        }
        alerts.addAll(regimeChange.evaluate(change, detectors));
        return new Assessment(alerts, assessment.topProtocols(), assessment.weekRisk());
    }
}
