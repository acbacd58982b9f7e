package io.dexposure.analytics.risk;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The week's contagion and sector-spillover summary on the week-risk topic (key = week): DebtRank
 * for the shocks observed this week and for the worst top-systemic failure, and the sector HHI.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"id", "week", "systemTvlUsd", "observedShocks", "observedLossUsd", "observedLossShare",
        "observedRounds", "observedDistressed", "worstSystemicNode", "worstSystemicLossUsd", "worstSystemicLossShare",
        "worstSystemicRounds", "worstSystemicDistressed", "sectorHhi", "sectorFlows"})
public class WeekRisk {
    /** week + ":week-risk". */
    public String id;
    public String week;
    public double systemTvlUsd;
    /** Protocols whose TVL fell this week (the observed shocks fed to DebtRank). */
    public int observedShocks;
    public double observedLossUsd;
    public double observedLossShare;
    public int observedRounds;
    public int observedDistressed;
    /** The top-K systemic protocol whose failure loses the most. */
    public String worstSystemicNode;
    public double worstSystemicLossUsd;
    public double worstSystemicLossShare;
    public int worstSystemicRounds;
    public int worstSystemicDistressed;
    /** HHI of the sector-to-sector exposure matrix's cells. */
    public double sectorHhi;
    /** The sector spillover matrix, non-zero cells only. */
    public SectorFlow[] sectorFlows;

    public WeekRisk() {
    }

    /** Exposure from holders in one category to issuers in another. */
    public static class SectorFlow {
        public String from;
        public String to;
        public double usd;

        public SectorFlow() {
        }

        public SectorFlow(String from, String to, double usd) {
            this.from = from;
            this.to = to;
            this.usd = usd;
        }
    }
}
