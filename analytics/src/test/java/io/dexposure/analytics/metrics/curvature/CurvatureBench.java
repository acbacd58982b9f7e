package io.dexposure.analytics.metrics.curvature;

import io.dexposure.analytics.network.WeeklyNetwork;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Not a test: times Ollivier-Ricci curvature on a generated real-scale week and measures the Sinkhorn
 * approximation against the exact transport on the week's largest problems. Run with the test
 * classpath: {@code java -cp ... io.dexposure.analytics.metrics.curvature.CurvatureBench [nodes links]}.
 */
public final class CurvatureBench {
    private CurvatureBench() {
    }

    public static void main(String[] args) {
        int nodes = args.length > 0 ? Integer.parseInt(args[0]) : 11_000;
        int links = args.length > 1 ? Integer.parseInt(args[1]) : 75_000;
        long t0 = System.nanoTime();
        WeeklyNetwork network = GeneratedWeeks.singleWeek(42, nodes, links);
        System.out.printf(Locale.ROOT, "week: %d nodes, %d links, built in %.0f ms%n", network.nodeCount(),
                network.linkCount(), ms(t0));

        OllivierRicciCurvature exact = OllivierRicciCurvature.defaults();
        CurvatureResult result = null;
        for (int threads : new int[] {1, 2}) {
            for (int run = 0; run < 3; run++) {
                long start = System.nanoTime();
                result = exact.withThreads(threads).compute(network);
                System.out.printf(Locale.ROOT, "unit lengths, exact, %d thread(s), run %d: %.0f ms%n", threads, run,
                        ms(start));
            }
        }
        System.out.println("summary: " + result.summary());
        System.out.println("most negative: " + result.mostNegative());

        // Approximation error on every problem above a size, exact vs Sinkhorn, same links.
        CurvatureGraph graph = CurvatureGraph.of(network, LinkLength.UNIT.lengths(network));
        long threshold = args.length > 2 ? Long.parseLong(args[2]) : 10_000;
        for (double epsilon : new double[] {0.01, 0.003}) {
            List<double[]> pairs = new ArrayList<>();
            long exactNanos = 0;
            long approxNanos = 0;
            for (int x = 0; x < network.nodeCount(); x++) {
                for (int p = network.outStart(x); p < network.outEnd(x); p++) {
                    if (!CurvatureGraph.isCurvatureLink(network, x, p)) {
                        continue;
                    }
                    int y = network.target(p);
                    long size = (long) (Math.min(graph.inDegree(x), 3000) + 1) * (Math.min(graph.outDegree(y), 3000) + 1);
                    if (size <= threshold) {
                        continue;
                    }
                    long[] nanos = new long[2];
                    double[] w = exactAndApproximate(network, graph, p, x, epsilon, nanos);
                    exactNanos += nanos[0];
                    approxNanos += nanos[1];
                    pairs.add(new double[] {w[0], w[1], size});
                }
            }
            double max = 0;
            double sum = 0;
            for (double[] pair : pairs) {
                double error = Math.abs(pair[0] - pair[1]); // |kappa error| = |W1 error| since d(x, y) = 1
                max = Math.max(max, error);
                sum += error;
            }
            System.out.printf(Locale.ROOT, "Sinkhorn eps %.3f x d(x,y) on the %d problems of size > %d: kappa abs error"
                            + " max %.6f mean %.6f; exact %.0f ms total, Sinkhorn %.0f ms total%n", epsilon, pairs.size(),
                    threshold, max, pairs.isEmpty() ? 0 : sum / pairs.size(), exactNanos / 1e6, approxNanos / 1e6);
        }

        // Weighted lengths: the defaults (exact, or Sinkhorn above the limit), and everything exact for
        // the approximation error.
        for (LinkLength length : new LinkLength[] {LinkLength.LOG_SHARE, LinkLength.INVERSE_WEIGHT}) {
            OllivierRicciCurvature weighted = OllivierRicciCurvature.defaults().withLinkLength(length);
            long start = System.nanoTime();
            CurvatureResult byDefault = weighted.compute(network);
            System.out.printf(Locale.ROOT, "%s lengths, defaults (exact up to %d cells): %.0f ms, %d of %d approximated;"
                            + " %s%n", length, weighted.exactSizeLimit(), ms(start), byDefault.summary().approximate(),
                    byDefault.summary().links(), byDefault.summary());
            if (byDefault.summary().approximate() > 0) {
                start = System.nanoTime();
                CurvatureResult exactAll = weighted.withExactSizeLimit(Long.MAX_VALUE).compute(network);
                double max = 0;
                double sum = 0;
                int count = 0;
                for (int p = 0; p < network.linkCount(); p++) {
                    if (byDefault.linkMethods()[p] == CurvatureMethod.APPROXIMATE) {
                        double error = Math.abs(byDefault.linkCurvature()[p] - exactAll.linkCurvature()[p]);
                        max = Math.max(max, error);
                        sum += error;
                        count++;
                    }
                }
                System.out.printf(Locale.ROOT, "%s lengths, all exact: %.0f ms; Sinkhorn error on the %d approximated"
                        + " links: kappa abs error max %.6f mean %.6f%n", length, ms(start), count, max, sum / count);
            }
        }
    }

    /** W1 of one link (unit lengths) exactly and by Sinkhorn, and the nanoseconds each took. */
    private static double[] exactAndApproximate(WeeklyNetwork network, CurvatureGraph graph, int position, int source,
                                                double epsilon, long[] nanos) {
        NeighbourhoodMeasure mx = new NeighbourhoodMeasure();
        NeighbourhoodMeasure my = new NeighbourhoodMeasure();
        int y = network.target(position);
        mx.unitLengths(source, graph.inSources, graph.inOffsets[source], graph.inOffsets[source + 1], 3000, 0.5);
        my.unitLengths(y, graph.outTargets, graph.outOffsets[y], graph.outOffsets[y + 1], 3000, 0.5);
        UnitLengthTransport transport = new UnitLengthTransport(graph);
        long start = System.nanoTime();
        double exact = transport.wasserstein(mx, my);
        nanos[0] = System.nanoTime() - start;
        start = System.nanoTime();
        double[] cost = new double[mx.size * my.size];
        new UnitDistances(graph).fill(mx, my, cost);
        double approximate = new SinkhornTransport(epsilon, 1e-9, 20_000).transportCost(mx.mass, mx.size, my.mass,
                my.size, cost, 1.0);
        nanos[1] = System.nanoTime() - start;
        return new double[] {exact, approximate};
    }

    private static double ms(long start) {
        return (System.nanoTime() - start) / 1e6;
    }
}
