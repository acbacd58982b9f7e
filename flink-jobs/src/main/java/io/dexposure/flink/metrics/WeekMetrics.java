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
        "outDegreeMedian", "droppedLinks", "flippedLinks", "nullIdNodes", "nullIdLinks",
        "nonPositiveLinks", "mergedParallelLinks",
        "weakComponents", "largestWeakComponentShare", "strongComponents", "largestStrongComponentShare",
        "degreeCentralization", "inDegreeCentralization", "outDegreeCentralization", "degreeCv", "degreeEntropy",
        "degreeTop10PercentShare", "degreeGini", "assortativity", "weightedAssortativity",
        "tvlHhi", "tvlGini", "tvlTop10Share", "exposureHhi", "exposureGini", "exposureTop10Share",
        "averageCloseness", "averageClustering", "averageWeightedClustering", "averageUndirectedClustering",
        "transitivity", "entropyRate", "normalisedEntropyRate", "pageRankEntropy", "exposureEntropy",
        "curvatureLinks", "curvatureApproximated", "curvatureMean", "curvatureMedian", "curvatureP05", "curvatureP25",
        "curvatureP75", "curvatureP95", "curvatureMin", "curvatureMax", "communities", "codelength",
        "oneModuleCodelength", "largestCommunityShare", "largestCommunityFlowShare", "modularity",
        "pageRankTop10", "weightedPageRankTop10", "betweennessTop10", "mostNegativeCurvature"})
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
    /** Input nodes with a null id, merged into the unresolved node "None". */
    public int nullIdNodes;
    /** Input links with a null endpoint, attached to the unresolved node "None". */
    public int nullIdLinks;
    /** Input links with size &lt;= 0 (dropped by default, or flipped). */
    public int nonPositiveLinks;
    public int mergedParallelLinks;
    // --- structure (metrics suite; definitions in the README, NetworkX-exact where NetworkX has them)
    public int weakComponents;
    public double largestWeakComponentShare;
    public int strongComponents;
    public double largestStrongComponentShare;
    /** Freeman degree centralization of total, in- and out-degree. */
    public double degreeCentralization;
    public double inDegreeCentralization;
    public double outDegreeCentralization;
    /** Coefficient of variation of the total degree. */
    public double degreeCv;
    /** Shannon entropy (nat) of the total-degree histogram. */
    public double degreeEntropy;
    /** Share of all degree held by the top 10 % of nodes (k = max(1, floor(0.1 n))). */
    public double degreeTop10PercentShare;
    public double degreeGini;
    /** NetworkX degree_assortativity_coefficient(x='out', y='in'); null when undefined (no variance). */
    public Double assortativity;
    /** The same with strengths (weight = exposure); null when undefined. */
    public Double weightedAssortativity;
    /** HHI, Gini and top-10 share of protocol TVL and of link exposure (DeXposure-FM formulas). */
    public double tvlHhi;
    public double tvlGini;
    public double tvlTop10Share;
    public double exposureHhi;
    public double exposureGini;
    public double exposureTop10Share;
    /** Mean NetworkX closeness (incoming, Wasserman-Faust). */
    public double averageCloseness;
    /** Mean Fagiolo directed clustering, unweighted and weighted; mean undirected clustering; transitivity. */
    public double averageClustering;
    public double averageWeightedClustering;
    public double averageUndirectedClustering;
    public double transitivity;
    /** Entropy rate of the exposure-weighted PageRank walk (nat), and divided by ln n. */
    public double entropyRate;
    public double normalisedEntropyRate;
    /** Shannon entropy (nat) of the weighted PageRank distribution and of the link-exposure shares. */
    public double pageRankEntropy;
    public double exposureEntropy;

    /**
     * Ollivier-Ricci curvature of the links (alpha 0.5, unit lengths, exact transport; GraphRicciCurvature's
     * definition, divided by the distance): how many links have one, how many were approximated, and the
     * distribution. Null where undefined (a week without links).
     */
    public int curvatureLinks;
    public int curvatureApproximated;
    public Double curvatureMean;
    public Double curvatureMedian;
    public Double curvatureP05;
    public Double curvatureP25;
    public Double curvatureP75;
    public Double curvatureP95;
    public Double curvatureMin;
    public Double curvatureMax;
    /** Infomap (two-level map equation, directed, exposure-weighted): communities with flow, codelength (bits). */
    public int communities;
    public Double codelength;
    public Double oneModuleCodelength;
    /** Share of nodes, and of random-walk flow, in the largest community. */
    public Double largestCommunityShare;
    public Double largestCommunityFlowShare;
    /** Directed Newman-Girvan modularity of the Infomap partition (NetworkX modularity on the DiGraph). */
    public Double modularity;

    /** Gelly's unweighted PageRank, top 10 nodes, ties by id. */
    public List<RankedNode> pageRankTop10;
    /** Exposure-weighted PageRank, top 10. */
    public List<RankedNode> weightedPageRankTop10;
    /** Betweenness (normalised), top 10. */
    public List<RankedNode> betweennessTop10;
    /** The 10 most negatively curved links: the bottlenecks where stress concentrates. */
    public List<CurvedLink> mostNegativeCurvature;

    public WeekMetrics() {
    }
}
