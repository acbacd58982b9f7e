package io.dexposure.analytics.risk;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One of the week's top-N systemic protocols on the protocol-risk topic (key = protocol id):
 * the Systemic Importance Score and its three normalised parts.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"id", "week", "node", "name", "category", "rank", "systemicImportance", "pageRankScore",
        "tailExposureScore", "tvlScore", "pageRank", "tailExposureUsd", "tvlUsd", "debtRankLossUsd"})
public class ProtocolRisk {
    /** week + ":" + node. */
    public String id;
    public String week;
    public String node;
    public String name;
    public String category;
    /** 1 = most systemic this week. */
    public int rank;
    /** Weighted mean of the three scores below, in [0, 1]. */
    public double systemicImportance;
    public double pageRankScore;
    public double tailExposureScore;
    public double tvlScore;
    /** The raw inputs. */
    public double pageRank;
    public double tailExposureUsd;
    public double tvlUsd;
    /** System loss (USD) if this protocol failed, by DebtRank; null when it was not simulated. */
    public Double debtRankLossUsd;

    public ProtocolRisk() {
    }
}
