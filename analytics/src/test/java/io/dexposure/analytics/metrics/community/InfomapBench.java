package io.dexposure.analytics.metrics.community;

import io.dexposure.analytics.metrics.curvature.GeneratedWeeks;
import io.dexposure.analytics.network.WeeklyNetwork;

import java.util.Locale;

/**
 * Not a test: times two-level Infomap on a generated real-scale week for each flow model and trial
 * count. Run with the test classpath: {@code java -cp ... io.dexposure.analytics.metrics.community.InfomapBench
 * [nodes links]}.
 */
public final class InfomapBench {
    private InfomapBench() {
    }

    public static void main(String[] args) {
        int nodes = args.length > 0 ? Integer.parseInt(args[0]) : 11_000;
        int links = args.length > 1 ? Integer.parseInt(args[1]) : 75_000;
        WeeklyNetwork network = GeneratedWeeks.singleWeek(42, nodes, links);
        System.out.printf(Locale.ROOT, "week: %d nodes, %d links%n", network.nodeCount(), network.linkCount());
        for (FlowModel model : FlowModel.values()) {
            for (int trials : new int[] {1, 5, 10}) {
                for (int threads : model == FlowModel.DIRECTED ? new int[] {1, 2} : new int[] {1}) {
                    InfomapResult result = null;
                    double best = Double.MAX_VALUE;
                    for (int run = 0; run < 3; run++) {
                        long start = System.nanoTime();
                        result = Infomap.defaults().withFlowModel(model).withTrials(trials).withThreads(threads)
                                .compute(network);
                        best = Math.min(best, (System.nanoTime() - start) / 1e6);
                    }
                    System.out.printf(Locale.ROOT, "%-17s trials %2d threads %d: %6.0f ms (best of 3)  communities %d,"
                                    + " codelength %.6f (one module %.6f), largest %.3f of nodes / %.3f of flow,"
                                    + " modularity %.4f%n", model, trials, threads, best, result.moduleCount(),
                            result.codelength(), result.oneModuleCodelength(), result.largestModuleNodeShare(),
                            result.largestModuleFlowShare(), result.modularity());
                }
            }
        }
    }
}
