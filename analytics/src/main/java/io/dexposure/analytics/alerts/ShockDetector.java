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
    private final Contagion contagion;
    private final AssetWeek.AssetThresholdValues assetThresholds;
    private final AssetCollapseRule assetCollapse;
    private final CreditorLossRule creditorLoss;
    private final MeasuredContagionRule measuredContagion;

    public ShockDetector(AlertThresholds t) {
        double weights = t.number("systemic-importance.pagerank-weight") + t.number("systemic-importance.tail-weight")
                + t.number("systemic-importance.tvl-weight");
        this.risk = new WeekRiskCalculator(
                new SystemicImportance(t.number("systemic-importance.pagerank-weight") / weights,
                        t.number("systemic-importance.tail-weight") / weights, t.number("systemic-importance.tvl-weight") / weights),
                new Contagion(t.number("contagion.distress-threshold"), t.integer("contagion.max-rounds")),
                t.integer("systemic-importance.top-n"), t.integer("contagion.systemic.top-k"),
                t.number("contagion.shock-min-tvl-drop"), t.number("contagion.shock-min-tvl-usd"));
        // creditor-at-risk and observed contagion are measured on assets now (below); issuer-collapse stays
        // for protocols whose own TVL drains, unless the drain is explained otherwise (see assess).
        this.rules = List.of(new IssuerCollapseRule(t), new ContagionRule(t),
                new SectorOutflowRule(t), new ConcentrationRule(t));
        this.regimeChange = new RegimeChangeRule(t);
        this.contagion = new Contagion(t.number("contagion.distress-threshold"), t.integer("contagion.max-rounds"));
        this.assetThresholds = AssetWeek.AssetThresholdValues.of(t);
        this.assetCollapse = new AssetCollapseRule(t);
        this.creditorLoss = new CreditorLossRule(t);
        this.measuredContagion = new MeasuredContagionRule(t);
    }

    /** @param assets the week's asset view, collapsing assets and measured losses (null for the first week) */
    public record Assessment(List<Alert> alerts, List<ProtocolRisk> protocolRisk, WeekRisk weekRisk, AssetWeek assets) {
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
        AssetWeek assets = previous == null ? null : AssetWeek.of(change, assetThresholds, contagion);
        if (assets != null) {
            alerts.addAll(assetCollapse.evaluate(change, assets));
            alerts.addAll(creditorLoss.evaluate(change, assets));
            alerts.addAll(measuredContagion.evaluate(change, assets));
        }
        for (AlertRule rule : rules) {
            for (Alert a : rule.evaluate(change)) {
                if (keep(a, change, assets)) {
                    alerts.add(a);
                }
            }
        }
        alerts.addAll(regimeChange.evaluate(change, detectors));
        return new Assessment(alerts, assessment.topProtocols(), assessment.weekRisk(), assets);
    }

    /**
     * The TVL-based rules still add what the asset rules do not see (a protocol draining, sector flows,
     * hypothetical failures), but not where the asset view explains the fall: contagion from TVL drops is
     * replaced by contagion from measured losses; a protocol already reported by asset-collapse is not
     * reported twice; and a protocol whose TVL fell mostly by its measured losses on what it holds is a
     * creditor in distress (creditor-at-risk), not a collapsing issuer.
     */
    private static boolean keep(Alert a, WeekChange change, AssetWeek assets) {
        if (AlertRule.CONTAGION.equals(a.rule)) {
            return false;
        }
        if (AlertRule.ISSUER_COLLAPSE.equals(a.rule) && assets != null) {
            if (assets.collapsing.stream().anyMatch(m -> m.id().equals(a.subject))) {
                return false;
            }
            double before = assets.previousTvl(change.previous, a.subject);
            double fall = before - change.currentTvl(a.subject);
            return !(fall > 0 && assets.losses.lossUsd(a.subject) >= 0.5 * fall);
        }
        return true;
    }
}
