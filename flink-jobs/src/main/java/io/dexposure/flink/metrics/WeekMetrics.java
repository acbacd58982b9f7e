package io.dexposure.flink.metrics;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;

/**
 * One record per completed week on the network-metrics topic (key = week). Flat, so SQL sinks and
 * jq can read it as is; field table in the README. Deterministic: the same week always gives the
 * same record, so a restarted job's output can be compared and deduplicated by {@link #id}.
 */
@JsonPropertyOrder({"id", "week", "nodes", "protocols", "tokenBuckets", "edges", "selfLoops", "isolatedNodes",
        "totalTvlUsd", "tokenBucketSizeUsd", "totalExposureUsd", "protocolExposureUsd", "density",
        "meanDegree", "inDegreeMax", "outDegreeMax", "inDegreeStd", "outDegreeStd", "inDegreeMedian",
        "outDegreeMedian", "droppedLinks", "flippedLinks", "mergedParallelLinks", "pageRankTop10"})
public class WeekMetrics {
    /** week + ":network-metrics". */
    public String id;
    public String week;
    public int nodes;
    public int protocols;
    public int tokenBuckets;
    /** Distinct directed links (parallel links merged). */
    public int edges;
    public int selfLoops;
    /** Nodes with neither in- nor out-links. */
    public int isolatedNodes;
    /** Sum of protocol nodes' TVL (token buckets hold nothing of their own). */
    public double totalTvlUsd;
    /** Sum of token-bucket node sizes (what protocols hold in tokens without an issuing protocol). */
    public double tokenBucketSizeUsd;
    /** Sum of all link sizes. */
    public double totalExposureUsd;
    /** Sum of link sizes whose target is a protocol: exposure between protocols, where contagion travels. */
    public double protocolExposureUsd;
    /** edges / (n (n - 1)), NetworkX's directed density. */
    public double density;
    /** edges / nodes (the mean in-degree, equal to the mean out-degree). */
    public double meanDegree;
    public int inDegreeMax;
    public int outDegreeMax;
    /** Population standard deviation. */
    public double inDegreeStd;
    public double outDegreeStd;
    public double inDegreeMedian;
    public double outDegreeMedian;
    public int droppedLinks;
    public int flippedLinks;
    public int mergedParallelLinks;
    /** Gelly's unweighted PageRank, top 10 nodes, ties by id. */
    public List<RankedNode> pageRankTop10;

    public WeekMetrics() {
    }
}
