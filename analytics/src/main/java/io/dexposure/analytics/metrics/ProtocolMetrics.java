package io.dexposure.analytics.metrics;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One node's scores in one week, on the protocol-metrics topic (key = node id, so a consumer can
 * follow one protocol). Token buckets are included, marked by {@link #kind}. Field table in the README.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"id", "week", "node", "name", "category", "kind", "tvlUsd", "inDegree", "outDegree",
        "inStrengthUsd", "outStrengthUsd", "pageRank", "hub", "authority", "closeness", "betweenness",
        "clustering", "weightedClustering", "community", "meanCurvature"})
public class ProtocolMetrics {
    /** week + ":" + node, deterministic for deduplication. */
    public String id;
    public String week;
    /** The node id: DefiLlama protocol id or token bucket. */
    public String node;
    public String name;
    public String category;
    /** "protocol" or "token_bucket". */
    public String kind;
    public double tvlUsd;
    public int inDegree;
    public int outDegree;
    /** USD of this node's tokens held by others: how much others are exposed to it. */
    public double inStrengthUsd;
    /** USD this node holds of others' tokens: its exposure. */
    public double outStrengthUsd;
    /** Exposure-weighted PageRank (NetworkX semantics). */
    public double pageRank;
    /** Weighted HITS hub and authority scores (NetworkX semantics, sum 1). */
    public double hub;
    public double authority;
    /** NetworkX closeness: incoming distances, Wasserman-Faust corrected. */
    public double closeness;
    /** NetworkX betweenness, normalised, directed, unweighted. */
    public double betweenness;
    /** Fagiolo directed clustering, unweighted and weighted (NetworkX clustering on the DiGraph). */
    public double clustering;
    public double weightedClustering;
    /** Infomap community (ids are per week); null when the node carries no random-walk flow. */
    public Integer community;
    /** Mean Ollivier-Ricci curvature of its in- and out-links; null when it has none. */
    public Double meanCurvature;

    public ProtocolMetrics() {
    }
}
