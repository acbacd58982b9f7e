package io.dexposure.flink.metrics;

import io.dexposure.events.NodeKind;
import io.dexposure.flink.metrics.community.Infomap;
import io.dexposure.flink.metrics.community.InfomapResult;
import io.dexposure.flink.metrics.curvature.CurvatureResult;
import io.dexposure.flink.metrics.curvature.CurvatureSummary;
import io.dexposure.flink.metrics.curvature.NegativeLink;
import io.dexposure.flink.metrics.curvature.OllivierRicciCurvature;
import io.dexposure.flink.network.GellyGraphAdapter;
import io.dexposure.flink.network.WeeklyNetwork;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/** Computes a week's {@link WeekMetrics} from its network. Plain code; the window function only calls it. */
public final class WeekMetricsCalculator implements Serializable {
    private static final long serialVersionUID = 1L;

    private final double pageRankDamping;
    private final int pageRankMaxIterations;
    private final double pageRankTolerance;
    private final PageRankEngine pageRankEngine;
    private final OllivierRicciCurvature curvature = OllivierRicciCurvature.defaults();
    private final Infomap infomap = Infomap.defaults();

    /**
     * @param pageRankTolerance Gelly stops when the summed absolute change of all scores falls below this
     */
    public WeekMetricsCalculator(double pageRankDamping, int pageRankMaxIterations, double pageRankTolerance) {
        this(pageRankDamping, pageRankMaxIterations, pageRankTolerance, PageRankEngine.CSR);
    }

    public WeekMetricsCalculator(double pageRankDamping, int pageRankMaxIterations, double pageRankTolerance,
                                 PageRankEngine pageRankEngine) {
        this.pageRankEngine = pageRankEngine;
        this.pageRankDamping = pageRankDamping;
        this.pageRankMaxIterations = pageRankMaxIterations;
        this.pageRankTolerance = pageRankTolerance;
    }

    /** Time spent in each phase of the last {@link #compute} call, for the job's operator metrics. */
    public static final class PhaseTimes {
        /** The unweighted PageRank, by whichever engine is configured. */
        public long pageRankNanos;
        public long statisticsNanos;
        /** The metrics suite: structure, concentration, centralities, clustering, entropy, per-node scores. */
        public long suiteNanos;
    }

    public WeekMetrics compute(WeeklyNetwork network) {
        return analyse(network, new PhaseTimes()).week();
    }

    /** The weekly record and the per-node records of one week. */
    public WeekAnalysis analyse(WeeklyNetwork network, PhaseTimes times) {
        WeekMetrics m = basics(network, times);
        long start = System.nanoTime();
        List<ProtocolMetrics> protocols = suite(network, m);
        times.suiteNanos = System.nanoTime() - start;
        return new WeekAnalysis(m, protocols);
    }

    private WeekMetrics basics(WeeklyNetwork network, PhaseTimes times) {
        long start = System.nanoTime();
        WeekMetrics m = new WeekMetrics();
        int n = network.nodeCount();
        m.week = network.week().toString();
        m.id = m.week + ":network-metrics";
        m.nodes = n;
        m.edges = network.edgeCount();
        m.droppedLinks = network.droppedLinks();
        m.flippedLinks = network.flippedLinks();
        m.nullIdNodes = network.nullIdNodes();
        m.nullIdLinks = network.nullIdLinks();
        m.nonPositiveLinks = network.nonPositiveLinks();
        m.mergedParallelLinks = network.mergedParallelLinks();

        int[] in = new int[n];
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            boolean protocol = network.kind(i) == NodeKind.PROTOCOL;
            if (protocol) {
                m.protocols++;
                m.totalTvlUsd += network.tvlUsd(i);
            } else {
                m.tokenBuckets++;
                m.tokenBucketSizeUsd += network.tvlUsd(i);
            }
            in[i] = network.inDegree(i);
            out[i] = network.outDegree(i);
            if (in[i] == 0 && out[i] == 0) {
                m.isolatedNodes++;
            }
            for (int p = network.outStart(i); p < network.outEnd(i); p++) {
                int t = network.target(p);
                double w = network.weight(p);
                m.totalExposureUsd += w;
                if (network.kind(t) == NodeKind.PROTOCOL) {
                    m.protocolExposureUsd += w;
                }
                if (t == i) {
                    m.selfLoops++;
                }
            }
        }
        m.density = n < 2 ? 0.0 : (double) m.edges / ((double) n * (n - 1));
        m.meanDegree = n == 0 ? 0.0 : (double) m.edges / n;
        m.inDegreeMax = max(in);
        m.outDegreeMax = max(out);
        m.inDegreeStd = std(in, m.meanDegree);
        m.outDegreeStd = std(out, m.meanDegree);
        m.inDegreeMedian = median(in);
        m.outDegreeMedian = median(out);
        long afterStatistics = System.nanoTime();

        double[] pageRank = pageRankEngine == PageRankEngine.GELLY
                ? GellyGraphAdapter.pageRank(network, pageRankDamping, pageRankMaxIterations, pageRankTolerance)
                : UnweightedPageRank.compute(network, pageRankDamping, pageRankMaxIterations, pageRankTolerance);
        m.pageRankTop10 = top(network, pageRank, 10);
        times.statisticsNanos = afterStatistics - start;
        times.pageRankNanos = System.nanoTime() - afterStatistics;
        return m;
    }

    /**
     * The metrics suite's kernels (each a plain class with its own NetworkX golden test), fastest exact
     * engine each; fills the weekly record and returns one record per node.
     */
    private List<ProtocolMetrics> suite(WeeklyNetwork network, WeekMetrics m) {
        Components.Result components = Components.compute(network);
        m.weakComponents = components.weakCount();
        m.largestWeakComponentShare = components.largestWeakShare();
        m.strongComponents = components.strongCount();
        m.largestStrongComponentShare = components.largestStrongShare();

        DegreeDistribution.Result degrees = DegreeDistribution.compute(network);
        m.degreeCentralization = degrees.totalCentralization();
        m.inDegreeCentralization = degrees.inCentralization();
        m.outDegreeCentralization = degrees.outCentralization();
        m.degreeCv = degrees.coefficientOfVariation();
        m.degreeEntropy = degrees.entropy();
        m.degreeTop10PercentShare = degrees.top10PercentShare();
        m.degreeGini = degrees.gini();

        DegreeAssortativity.Result assortativity = DegreeAssortativity.compute(network);
        m.assortativity = definedOrNull(assortativity.unweighted());
        m.weightedAssortativity = definedOrNull(assortativity.weighted());

        Concentration.Result concentration = Concentration.compute(network);
        m.tvlHhi = concentration.tvlHhi();
        m.tvlGini = concentration.tvlGini();
        m.tvlTop10Share = concentration.tvlTop10Share();
        m.exposureHhi = concentration.exposureHhi();
        m.exposureGini = concentration.exposureGini();
        m.exposureTop10Share = concentration.exposureTop10Share();

        // The weighted walk needs more iterations than NetworkX's 100 to reach the same L1 tolerance.
        double[] weightedPageRank = WeightedPageRank.compute(network, pageRankDamping,
                Math.max(pageRankMaxIterations, WeightedPageRank.DEFAULT_MAX_ITERATIONS), pageRankTolerance).scores();
        Hits.Result hits = Hits.compute(network);
        double[] closeness = ClosenessCentrality.compute(network);
        double[] betweenness = Betweenness.compute(network);
        Clustering.Result clustering = Clustering.compute(network);
        NetworkEntropy.Result entropy = NetworkEntropy.compute(network, weightedPageRank, pageRankDamping);

        m.averageCloseness = ClosenessCentrality.average(closeness);
        m.averageClustering = clustering.averageDirected();
        m.averageWeightedClustering = clustering.averageDirectedWeighted();
        m.averageUndirectedClustering = clustering.averageUndirected();
        m.transitivity = clustering.transitivity();
        m.entropyRate = entropy.entropyRate();
        m.normalisedEntropyRate = entropy.normalisedEntropyRate();
        m.pageRankEntropy = entropy.pageRankEntropy();
        m.exposureEntropy = entropy.exposureEntropy();
        m.weightedPageRankTop10 = top(network, weightedPageRank, 10);
        m.betweennessTop10 = top(network, betweenness, 10);

        CurvatureResult curvatures = curvature.compute(network);
        CurvatureSummary c = curvatures.summary();
        m.curvatureLinks = c.links();
        m.curvatureApproximated = c.approximate();
        m.curvatureMean = definedOrNull(c.mean());
        m.curvatureMedian = definedOrNull(c.median());
        m.curvatureP05 = definedOrNull(c.p05());
        m.curvatureP25 = definedOrNull(c.p25());
        m.curvatureP75 = definedOrNull(c.p75());
        m.curvatureP95 = definedOrNull(c.p95());
        m.curvatureMin = definedOrNull(c.min());
        m.curvatureMax = definedOrNull(c.max());
        m.mostNegativeCurvature = new ArrayList<>();
        for (NegativeLink link : curvatures.mostNegative()) {
            m.mostNegativeCurvature.add(new CurvedLink(link.sourceId(), link.targetId(), link.curvature()));
        }

        InfomapResult communities = infomap.compute(network);
        m.communities = communities.moduleCount();
        m.codelength = definedOrNull(communities.codelength());
        m.oneModuleCodelength = definedOrNull(communities.oneModuleCodelength());
        m.largestCommunityShare = definedOrNull(communities.largestModuleNodeShare());
        m.largestCommunityFlowShare = definedOrNull(communities.largestModuleFlowShare());
        m.modularity = definedOrNull(communities.modularity());

        Adjacency adjacency = Adjacency.of(network);
        List<ProtocolMetrics> protocols = new ArrayList<>(network.nodeCount());
        for (int i = 0; i < network.nodeCount(); i++) {
            ProtocolMetrics p = new ProtocolMetrics();
            p.week = m.week;
            p.node = network.id(i);
            p.id = m.week + ":" + p.node;
            p.name = network.name(i);
            p.category = network.category(i);
            p.kind = network.kind(i).jsonName();
            p.tvlUsd = network.tvlUsd(i);
            p.inDegree = network.inDegree(i);
            p.outDegree = network.outDegree(i);
            p.inStrengthUsd = adjacency.inStrength(i);
            p.outStrengthUsd = adjacency.outStrength(i);
            p.pageRank = weightedPageRank[i];
            p.hub = hits.hubs()[i];
            p.authority = hits.authorities()[i];
            p.closeness = closeness[i];
            p.betweenness = betweenness[i];
            p.clustering = clustering.directed()[i];
            p.weightedClustering = clustering.directedWeighted()[i];
            int module = communities.moduleOfNode()[i];
            p.community = module < communities.moduleCount() ? module : null;
            p.meanCurvature = definedOrNull(curvatures.nodeMeanCurvature()[i]);
            protocols.add(p);
        }
        return protocols;
    }

    private static Double definedOrNull(double value) {
        return Double.isNaN(value) ? null : value;
    }

    /** The k highest scores, ties broken by node id so the list is the same on every run. */
    static List<RankedNode> top(WeeklyNetwork network, double[] scores, int k) {
        Integer[] order = IntStream.range(0, scores.length).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.<Integer>comparingDouble(i -> -scores[i]).thenComparing(network::id));
        List<RankedNode> top = new ArrayList<>(Math.min(k, order.length));
        for (int r = 0; r < Math.min(k, order.length); r++) {
            int i = order[r];
            top.add(new RankedNode(r + 1, network.id(i), network.name(i), network.category(i),
                    network.kind(i).jsonName(), scores[i]));
        }
        return top;
    }

    private static int max(int[] values) {
        int max = 0;
        for (int v : values) {
            max = Math.max(max, v);
        }
        return max;
    }

    private static double std(int[] values, double mean) {
        if (values.length == 0) {
            return 0.0;
        }
        double sum = 0;
        for (int v : values) {
            sum += (v - mean) * (v - mean);
        }
        return Math.sqrt(sum / values.length);
    }

    private static double median(int[] values) {
        if (values.length == 0) {
            return 0.0;
        }
        int[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2.0;
    }
}
