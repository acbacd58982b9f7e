package io.dexposure.analytics.metrics.curvature;

import io.dexposure.analytics.network.WeeklyNetwork;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Ollivier-Ricci curvature of every exposure link of a week, as GraphRicciCurvature (Ni et al.) defines
 * it for directed graphs: for the link x -> y, m_x keeps alpha at x and spreads 1 - alpha over x's
 * in-neighbours, m_y keeps alpha at y and spreads 1 - alpha over y's out-neighbours (weights
 * proportional to base^(-d^exponent), top {@code neighbourLimit} neighbours), and
 * kappa(x, y) = 1 - W1(m_x, m_y) / d(x, y), with W1 the optimal transport cost under shortest-path
 * distances and d(x, y) the shortest-path distance (the issue #47 fix: not the link's own length).
 *
 * <p>Lengths: see {@link LinkLength}; {@link LinkLength#UNIT} (default) reproduces GraphRicciCurvature's
 * golden values. Self-loops get NaN, zero-exposure links 0 (GraphRicciCurvature's zero-weight rule);
 * neither takes part in neighbourhoods, paths or statistics.
 *
 * <p>Transport: exact below {@code exactSizeLimit} = |supp m_x| x |supp m_y| (unit lengths: the sparse
 * flow of {@link UnitLengthTransport}; weighted lengths: the dense cost matrix from bounded Dijkstra,
 * solved by {@link PrimalDualMinCostFlow}), above it {@link SinkhornTransport}. Immutable and
 * serializable; {@link #compute} may be called from several threads.
 */
public final class OllivierRicciCurvature implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final double DEFAULT_ALPHA = 0.5;
    public static final double DEFAULT_BASE = Math.E;
    public static final double DEFAULT_EXPONENT = 2;
    public static final int DEFAULT_NEIGHBOUR_LIMIT = 3000;
    /**
     * Unit lengths: exact everywhere. Measured on a real-scale week: the 69 problems above 10,000 cells
     * (up to 3001 x 26) take 0.3-0.6 s together exactly, Sinkhorn (epsilon 0.01 d(x, y)) 3.2 s with a
     * curvature error up to 6e-6, so approximating would only cost time (see the bench).
     */
    public static final long DEFAULT_EXACT_SIZE_LIMIT_UNIT = Long.MAX_VALUE;
    /**
     * Log-share lengths: the dense exact solver slows with many distinct costs (all exact: 133 s for a
     * real-scale week); Sinkhorn above 2000 cells: 3.5 s, 146 of 75k links approximated, curvature
     * error max 0.0015, mean 0.00008 (measured, see the bench).
     */
    public static final long DEFAULT_EXACT_SIZE_LIMIT_LOG_SHARE = 2_000;
    /** Inverse-weight lengths: costs span decades, which entropic smoothing handles badly; always exact. */
    public static final long DEFAULT_EXACT_SIZE_LIMIT_INVERSE_WEIGHT = Long.MAX_VALUE;
    public static final double DEFAULT_SINKHORN_EPSILON = 0.01;
    public static final int MOST_NEGATIVE_COUNT = 10;

    private final double alpha;
    private final double base;
    private final double exponent;
    private final int neighbourLimit;
    private final LinkLength linkLength;
    private final long exactSizeLimit;
    private final double sinkhornEpsilon;
    private final int threads;

    private OllivierRicciCurvature(double alpha, double base, double exponent, int neighbourLimit,
                                   LinkLength linkLength, long exactSizeLimit, double sinkhornEpsilon, int threads) {
        if (!(alpha >= 0 && alpha <= 1)) {
            throw new IllegalArgumentException("alpha must be in [0, 1], got " + alpha);
        }
        if (neighbourLimit < 1 || threads < 1 || exactSizeLimit < 0 || !(sinkhornEpsilon > 0)) {
            throw new IllegalArgumentException("neighbourLimit and threads must be >= 1, exactSizeLimit >= 0,"
                    + " sinkhornEpsilon > 0");
        }
        this.alpha = alpha;
        this.base = base;
        this.exponent = exponent;
        this.neighbourLimit = neighbourLimit;
        this.linkLength = linkLength;
        this.exactSizeLimit = exactSizeLimit;
        this.sinkhornEpsilon = sinkhornEpsilon;
        this.threads = threads;
    }

    /** alpha 0.5, base e, exponent 2, top 3000 neighbours, unit lengths, exact transport, one thread. */
    public static OllivierRicciCurvature defaults() {
        return new OllivierRicciCurvature(DEFAULT_ALPHA, DEFAULT_BASE, DEFAULT_EXPONENT, DEFAULT_NEIGHBOUR_LIMIT,
                LinkLength.UNIT, DEFAULT_EXACT_SIZE_LIMIT_UNIT, DEFAULT_SINKHORN_EPSILON, 1);
    }

    public OllivierRicciCurvature withAlpha(double value) {
        return new OllivierRicciCurvature(value, base, exponent, neighbourLimit, linkLength, exactSizeLimit,
                sinkhornEpsilon, threads);
    }

    public OllivierRicciCurvature withNeighbourWeights(double newBase, double newExponent) {
        return new OllivierRicciCurvature(alpha, newBase, newExponent, neighbourLimit, linkLength, exactSizeLimit,
                sinkhornEpsilon, threads);
    }

    public OllivierRicciCurvature withNeighbourLimit(int value) {
        return new OllivierRicciCurvature(alpha, base, exponent, value, linkLength, exactSizeLimit, sinkhornEpsilon,
                threads);
    }

    /** Also resets the exact-size limit to that length mode's default. */
    public OllivierRicciCurvature withLinkLength(LinkLength value) {
        long limit = switch (value) {
            case UNIT -> DEFAULT_EXACT_SIZE_LIMIT_UNIT;
            case LOG_SHARE -> DEFAULT_EXACT_SIZE_LIMIT_LOG_SHARE;
            case INVERSE_WEIGHT -> DEFAULT_EXACT_SIZE_LIMIT_INVERSE_WEIGHT;
        };
        return new OllivierRicciCurvature(alpha, base, exponent, neighbourLimit, value, limit, sinkhornEpsilon,
                threads);
    }

    /** Problems with |supp m_x| x |supp m_y| above this are approximated by Sinkhorn. */
    public OllivierRicciCurvature withExactSizeLimit(long value) {
        return new OllivierRicciCurvature(alpha, base, exponent, neighbourLimit, linkLength, value, sinkhornEpsilon,
                threads);
    }

    /** Sinkhorn's regularisation epsilon as a fraction of the link's distance d(x, y). */
    public OllivierRicciCurvature withSinkhornEpsilon(double value) {
        return new OllivierRicciCurvature(alpha, base, exponent, neighbourLimit, linkLength, exactSizeLimit, value,
                threads);
    }

    /** Worker threads for one week (1 = the calling thread only). */
    public OllivierRicciCurvature withThreads(int value) {
        return new OllivierRicciCurvature(alpha, base, exponent, neighbourLimit, linkLength, exactSizeLimit,
                sinkhornEpsilon, value);
    }

    public LinkLength linkLength() {
        return linkLength;
    }

    public long exactSizeLimit() {
        return exactSizeLimit;
    }

    public CurvatureResult compute(WeeklyNetwork network) {
        int n = network.nodeCount();
        int m = network.linkCount();
        double[] curvature = new double[m];
        CurvatureMethod[] methods = new CurvatureMethod[m];
        double[] lengths = linkLength.lengths(network);
        CurvatureGraph graph = CurvatureGraph.of(network, lengths);

        for (int x = 0; x < n; x++) {
            for (int p = network.outStart(x); p < network.outEnd(x); p++) {
                if (network.target(p) == x) {
                    curvature[p] = Double.NaN;
                    methods[p] = CurvatureMethod.SELF_LOOP;
                } else if (!(network.weight(p) > 0)) {
                    curvature[p] = 0.0;
                    methods[p] = CurvatureMethod.ZERO_WEIGHT;
                }
            }
        }

        // Heaviest sources first, handed out one at a time, so threads finish together.
        Integer[] order = new Integer[n];
        long[] work = new long[n];
        for (int x = 0; x < n; x++) {
            order[x] = x;
            long targets = 0;
            for (int p = graph.outOffsets[x]; p < graph.outOffsets[x + 1]; p++) {
                targets += Math.min(graph.outDegree(graph.outTargets[p]), neighbourLimit) + 1;
            }
            work[x] = (Math.min(graph.inDegree(x), neighbourLimit) + 1) * targets;
        }
        Arrays.sort(order, Comparator.comparingLong((Integer x) -> -work[x]).thenComparingInt(x -> x));
        AtomicInteger next = new AtomicInteger();
        Runnable task = () -> {
            EdgeWorker worker = new EdgeWorker(network, graph, lengths, curvature, methods);
            for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                if (work[order[i]] > 0) {
                    worker.source(order[i]);
                }
            }
        };
        runOnThreads(task);
        return summarise(network, curvature, methods);
    }

    private void runOnThreads(Runnable task) {
        if (threads == 1) {
            task.run();
            return;
        }
        List<Thread> started = new ArrayList<>();
        Throwable[] failure = new Throwable[1];
        for (int t = 1; t < threads; t++) {
            Thread thread = new Thread(task, "ollivier-ricci-" + t);
            thread.setDaemon(true);
            thread.setUncaughtExceptionHandler((th, e) -> {
                synchronized (failure) {
                    failure[0] = e;
                }
            });
            thread.start();
            started.add(thread);
        }
        task.run();
        for (Thread thread : started) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while computing curvature", e);
            }
        }
        synchronized (failure) {
            if (failure[0] != null) {
                throw new IllegalStateException("curvature worker failed", failure[0]);
            }
        }
    }

    private static CurvatureResult summarise(WeeklyNetwork network, double[] curvature, CurvatureMethod[] methods) {
        int n = network.nodeCount();
        int m = network.linkCount();
        double[] values = new double[m];
        int count = 0;
        int approximate = 0;
        double[] nodeSum = new double[n];
        int[] nodeLinks = new int[n];
        List<Integer> defined = new ArrayList<>();
        for (int x = 0; x < n; x++) {
            for (int p = network.outStart(x); p < network.outEnd(x); p++) {
                CurvatureMethod method = methods[p];
                if (method != CurvatureMethod.EXACT && method != CurvatureMethod.APPROXIMATE) {
                    continue;
                }
                if (method == CurvatureMethod.APPROXIMATE) {
                    approximate++;
                }
                double k = curvature[p];
                values[count++] = k;
                defined.add(p);
                int y = network.target(p);
                nodeSum[x] += k;
                nodeLinks[x]++;
                nodeSum[y] += k;
                nodeLinks[y]++;
            }
        }
        double[] nodeMean = new double[n];
        for (int i = 0; i < n; i++) {
            nodeMean[i] = nodeLinks[i] == 0 ? Double.NaN : nodeSum[i] / nodeLinks[i];
        }
        defined.sort(Comparator.comparingDouble((Integer p) -> curvature[p]).thenComparingInt(p -> p));
        int[] sourceOf = new int[m];
        for (int x = 0; x < n; x++) {
            for (int p = network.outStart(x); p < network.outEnd(x); p++) {
                sourceOf[p] = x;
            }
        }
        List<NegativeLink> mostNegative = new ArrayList<>();
        for (int i = 0; i < Math.min(MOST_NEGATIVE_COUNT, defined.size()); i++) {
            int p = defined.get(i);
            mostNegative.add(new NegativeLink(p, network.id(sourceOf[p]), network.id(network.target(p)), curvature[p]));
        }
        return new CurvatureResult(curvature, methods, CurvatureSummary.of(values, count, approximate),
                List.copyOf(mostNegative), nodeMean);
    }

    /** One thread's scratch space; computes all curvature links leaving one source at a time. */
    private final class EdgeWorker {
        private final WeeklyNetwork network;
        private final CurvatureGraph graph;
        private final double[] lengths;
        private final double[] curvature;
        private final CurvatureMethod[] methods;
        private final NeighbourhoodMeasure sourceMeasure = new NeighbourhoodMeasure();
        private final NeighbourhoodMeasure targetMeasure = new NeighbourhoodMeasure();
        private final SinkhornTransport sinkhorn = new SinkhornTransport(sinkhornEpsilon, 1e-9, 20_000);
        private UnitLengthTransport unitTransport;
        private UnitDistances unitDistances;
        private WeightedLengthTransport weightedTransport;
        private double[] costMatrix = new double[0];

        EdgeWorker(WeeklyNetwork network, CurvatureGraph graph, double[] lengths, double[] curvature,
                   CurvatureMethod[] methods) {
            this.network = network;
            this.graph = graph;
            this.lengths = lengths;
            this.curvature = curvature;
            this.methods = methods;
        }

        void source(int x) {
            if (linkLength == LinkLength.UNIT) {
                unitSource(x);
            } else {
                if (weightedTransport == null) {
                    weightedTransport = new WeightedLengthTransport(graph, lengths, alpha, base, exponent,
                            neighbourLimit, exactSizeLimit, sinkhorn);
                }
                weightedTransport.source(x, network, curvature, methods);
            }
        }

        private void unitSource(int x) {
            sourceMeasure.unitLengths(x, graph.inSources, graph.inOffsets[x], graph.inOffsets[x + 1], neighbourLimit,
                    alpha);
            for (int p = network.outStart(x); p < network.outEnd(x); p++) {
                if (!CurvatureGraph.isCurvatureLink(network, x, p)) {
                    continue;
                }
                int y = network.target(p);
                targetMeasure.unitLengths(y, graph.outTargets, graph.outOffsets[y], graph.outOffsets[y + 1],
                        neighbourLimit, alpha);
                long size = (long) sourceMeasure.size * targetMeasure.size;
                double w1 = size > exactSizeLimit ? approximateUnit() : Double.NaN;
                if (Double.isNaN(w1)) {
                    if (unitTransport == null) {
                        unitTransport = new UnitLengthTransport(graph);
                    }
                    w1 = unitTransport.wasserstein(sourceMeasure, targetMeasure);
                    methods[p] = CurvatureMethod.EXACT;
                } else {
                    methods[p] = CurvatureMethod.APPROXIMATE;
                }
                curvature[p] = 1.0 - w1; // d(x, y) = 1
            }
        }

        private double approximateUnit() {
            if (unitDistances == null) {
                unitDistances = new UnitDistances(graph);
            }
            int rows = sourceMeasure.size;
            int columns = targetMeasure.size;
            if (costMatrix.length < rows * columns) {
                costMatrix = new double[Math.max(rows * columns, costMatrix.length * 2)];
            }
            unitDistances.fill(sourceMeasure, targetMeasure, costMatrix);
            return sinkhorn.transportCost(sourceMeasure.mass, rows, targetMeasure.mass, columns, costMatrix, 1.0);
        }
    }
}
