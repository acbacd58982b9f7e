package io.dexposure.flink.metrics;

import io.dexposure.events.NodeKind;
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

    /**
     * @param pageRankTolerance Gelly stops when the summed absolute change of all scores falls below this
     */
    public WeekMetricsCalculator(double pageRankDamping, int pageRankMaxIterations, double pageRankTolerance) {
        this.pageRankDamping = pageRankDamping;
        this.pageRankMaxIterations = pageRankMaxIterations;
        this.pageRankTolerance = pageRankTolerance;
    }

    /** Time spent in each phase of the last {@link #compute} call, for the job's operator metrics. */
    public static final class PhaseTimes {
        public long gellyNanos;
        public long statisticsNanos;
    }

    public WeekMetrics compute(WeeklyNetwork network) {
        return compute(network, new PhaseTimes());
    }

    public WeekMetrics compute(WeeklyNetwork network, PhaseTimes times) {
        long start = System.nanoTime();
        WeekMetrics m = new WeekMetrics();
        int n = network.nodeCount();
        m.week = network.week().toString();
        m.id = m.week + ":network-metrics";
        m.nodes = n;
        m.edges = network.edgeCount();
        m.droppedLinks = network.droppedLinks();
        m.flippedLinks = network.flippedLinks();
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

        double[] pageRank = GellyGraphAdapter.pageRank(network, pageRankDamping, pageRankMaxIterations, pageRankTolerance);
        m.pageRankTop10 = top(network, pageRank, 10);
        times.statisticsNanos = afterStatistics - start;
        times.gellyNanos = System.nanoTime() - afterStatistics;
        return m;
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
