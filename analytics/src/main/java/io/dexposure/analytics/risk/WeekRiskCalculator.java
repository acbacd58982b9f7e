package io.dexposure.analytics.risk;

import io.dexposure.events.NodeKind;
import io.dexposure.analytics.week.NetworkWeek;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The week's systemic-risk picture: Systemic Importance Scores (top-N protocols), DebtRank for the
 * shocks observed since the previous week and for the failure of each top-K systemic protocol, and the
 * sector spillover matrix. Plain: the sequential operator keeps the previous week, this only computes.
 */
public final class WeekRiskCalculator {
    private final SystemicImportance importance;
    private final Contagion contagion;
    private final int topN;
    private final int topK;
    private final double shockMinDrop;
    private final double shockMinTvlUsd;

    public WeekRiskCalculator(SystemicImportance importance, Contagion contagion, int topN, int topK,
                              double shockMinDrop, double shockMinTvlUsd) {
        this.importance = importance;
        this.contagion = contagion;
        this.topN = topN;
        this.topK = topK;
        this.shockMinDrop = shockMinDrop;
        this.shockMinTvlUsd = shockMinTvlUsd;
    }

    /**
     * @param observed     DebtRank of this week's observed shocks, run on the previous week's network
     *                     (null without a previous week or without shocks)
     * @param shockDrops   per node of the previous week: its observed TVL drop fraction when it counts as a shock, else 0
     * @param worstSystemic index (this week) of the top-K protocol whose failure loses most, or -1
     * @param currentIndex  this week's node id -> index
     * @param previousLinks the previous week's links by issuer (null without a previous week)
     */
    public record Assessment(List<ProtocolRisk> topProtocols, WeekRisk weekRisk, ContagionResult observed,
                             double[] shockDrops, ContagionResult worstSystemicResult, int worstSystemic,
                             Map<String, Integer> currentIndex, ExposureLinks previousLinks) {
    }

    /** @param previous the previous analysed week, or null for the first week of a run */
    public Assessment assess(NetworkWeek current, NetworkWeek previous) {
        double[] pageRank = current.pageRank;
        if (pageRank == null || Arrays.stream(pageRank).anyMatch(Double::isNaN)) {
            pageRank = io.dexposure.analytics.metrics.WeightedPageRank.compute(current.toNetwork()).scores();
        }
        SystemicImportance.Scores scores = importance.score(current, pageRank);
        Integer[] protocols = ranking(current, scores);
        double[] systemicLoss = new double[current.nodeCount()];
        Arrays.fill(systemicLoss, Double.NaN);
        ExposureLinks links = ExposureLinks.of(current);
        ContagionResult worst = null;
        int worstNode = -1;
        for (int r = 0; r < Math.min(topK, protocols.length); r++) {
            int node = protocols[r];
            double[] shock = new double[current.nodeCount()];
            shock[node] = 1.0;
            ContagionResult result = contagion.simulate(current.tvlUsd, links, shock);
            systemicLoss[node] = result.lossUsd();
            if (worst == null || result.lossUsd() > worst.lossUsd()) {
                worst = result;
                worstNode = node;
            }
        }

        List<ProtocolRisk> top = new ArrayList<>();
        for (int r = 0; r < Math.min(topN, protocols.length); r++) {
            int i = protocols[r];
            ProtocolRisk p = new ProtocolRisk();
            p.id = current.week + ":" + current.ids[i];
            p.week = current.week;
            p.node = current.ids[i];
            p.name = current.names[i];
            p.category = current.categories[i];
            p.rank = r + 1;
            p.systemicImportance = scores.score()[i];
            p.pageRankScore = scores.pageRankScore()[i];
            p.tailExposureScore = scores.tailScore()[i];
            p.tvlScore = scores.tvlScore()[i];
            p.pageRank = pageRank[i];
            p.tailExposureUsd = scores.tailExposureUsd()[i];
            p.tvlUsd = current.tvlUsd[i];
            p.debtRankLossUsd = Double.isNaN(systemicLoss[i]) ? null : systemicLoss[i];
            top.add(p);
        }

        WeekRisk risk = new WeekRisk();
        risk.id = current.week + ":week-risk";
        risk.week = current.week;
        for (double tvl : current.tvlUsd) {
            risk.systemTvlUsd += Math.max(0, tvl);
        }
        Map<String, Integer> currentIndex = current.indexById();
        ExposureLinks previousLinks = previous == null ? null : ExposureLinks.of(previous);
        double[] drops = null;
        ContagionResult observed = null;
        if (previous != null) {
            drops = shockDrops(current, currentIndex, previous);
            int shocks = (int) Arrays.stream(drops).filter(d -> d > 0).count();
            risk.observedShocks = shocks;
            if (shocks > 0) {
                observed = contagion.simulate(previous.tvlUsd, previousLinks, drops);
                risk.observedLossUsd = observed.lossUsd();
                risk.observedLossShare = observed.lossShare();
                risk.observedRounds = observed.rounds();
                risk.observedDistressed = observed.distressed().length;
            }
        }
        if (worst != null) {
            risk.worstSystemicNode = current.ids[worstNode];
            risk.worstSystemicLossUsd = worst.lossUsd();
            risk.worstSystemicLossShare = worst.lossShare();
            risk.worstSystemicRounds = worst.rounds();
            risk.worstSystemicDistressed = worst.distressed().length;
        }
        SectorSpillover.Result spillover = SectorSpillover.of(current);
        risk.sectorHhi = spillover.index();
        risk.sectorFlows = spillover.flows().toArray(new WeekRisk.SectorFlow[0]);
        return new Assessment(top, risk, observed, drops, worst, worstNode, currentIndex, previousLinks);
    }

    /** Protocol nodes by score, highest first; ties by id so the ranking does not depend on arrival order. */
    private static Integer[] ranking(NetworkWeek week, SystemicImportance.Scores scores) {
        Integer[] protocols = IntStream.range(0, week.nodeCount())
                .filter(i -> NodeKind.classify(week.ids[i]) == NodeKind.PROTOCOL).boxed().toArray(Integer[]::new);
        Arrays.sort(protocols, Comparator.<Integer>comparingDouble(i -> -scores.score()[i]).thenComparing(i -> week.ids[i]));
        return protocols;
    }

    /** Per node of the previous week: its TVL drop fraction if it counts as an observed shock, else 0. */
    private double[] shockDrops(NetworkWeek current, Map<String, Integer> now, NetworkWeek previous) {
        double[] drops = new double[previous.nodeCount()];
        for (int i = 0; i < previous.nodeCount(); i++) {
            double before = previous.tvlUsd[i];
            if (NodeKind.classify(previous.ids[i]) != NodeKind.PROTOCOL || before < shockMinTvlUsd || before <= 0) {
                continue;
            }
            Integer j = now.get(previous.ids[i]);
            double after = j == null ? 0 : Math.max(0, current.tvlUsd[j]);
            double drop = 1 - after / before;
            if (drop >= shockMinDrop) {
                drops[i] = drop;
            }
        }
        return drops;
    }
}
