package io.dexposure.analytics.metrics.community;

import io.dexposure.analytics.network.WeeklyNetwork;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Two-level Infomap on a week's exposure network: the partition of the nodes that minimises the map
 * equation of a random walk on the links (Rosvall and Bergstrom 2008), found by
 * {@link MapEquationOptimizer} in several seeded trials, keeping the shortest code. Written from the
 * papers; no Infomap (GPL) code.
 *
 * <p>Defaults: {@link FlowModel#DIRECTED} (Infomap's own default for directed input, so codelengths
 * compare with what Infomap prints for {@code --directed --two-level}), links weighted by exposure
 * USD, teleportation 0.15, 5 trials, seed 123, one thread. Immutable and serializable.
 */
public final class Infomap implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final double DEFAULT_TELEPORTATION = 0.15;
    /**
     * Measured on a real-scale generated week (DIRECTED): 1 trial 3.496 bits, best of 5 3.392, best of
     * 10 3.392; about 0.2 s per trial on one core.
     */
    public static final int DEFAULT_TRIALS = 5;
    public static final long DEFAULT_SEED = 123;

    private final FlowModel flowModel;
    private final boolean weighted;
    private final double teleportation;
    private final int trials;
    private final long seed;
    private final int threads;

    private Infomap(FlowModel flowModel, boolean weighted, double teleportation, int trials, long seed, int threads) {
        if (trials < 1 || threads < 1 || !(teleportation >= 0 && teleportation < 1)) {
            throw new IllegalArgumentException("trials and threads must be >= 1, teleportation in [0, 1)");
        }
        this.flowModel = flowModel;
        this.weighted = weighted;
        this.teleportation = teleportation;
        this.trials = trials;
        this.seed = seed;
        this.threads = threads;
    }

    public static Infomap defaults() {
        return new Infomap(FlowModel.DIRECTED, true, DEFAULT_TELEPORTATION, DEFAULT_TRIALS, DEFAULT_SEED, 1);
    }

    public Infomap withFlowModel(FlowModel value) {
        return new Infomap(value, weighted, teleportation, trials, seed, threads);
    }

    /** false: every link weighs 1 (also for the modularity). */
    public Infomap withWeights(boolean value) {
        return new Infomap(flowModel, value, teleportation, trials, seed, threads);
    }

    public Infomap withTeleportation(double value) {
        return new Infomap(flowModel, weighted, value, trials, seed, threads);
    }

    public Infomap withTrials(int value) {
        return new Infomap(flowModel, weighted, teleportation, value, seed, threads);
    }

    public Infomap withSeed(long value) {
        return new Infomap(flowModel, weighted, teleportation, trials, value, threads);
    }

    /**
     * Threads the trials are spread over (1 = the calling thread). The result does not depend on it:
     * each trial has its own random stream, and ties go to the earlier trial.
     */
    public Infomap withThreads(int value) {
        return new Infomap(flowModel, weighted, teleportation, trials, seed, value);
    }

    public InfomapResult compute(WeeklyNetwork network) {
        return compute(network, null);
    }

    /** With an observer of every move (for the codelength invariant test). */
    InfomapResult compute(WeeklyNetwork network, MapEquationOptimizer.MoveObserver observer) {
        FlowNetwork flow = flowNetwork(network);
        SplittableRandom random = new SplittableRandom(seed);
        SplittableRandom[] streams = new SplittableRandom[trials];
        for (int trial = 0; trial < trials; trial++) {
            streams[trial] = random.split();
        }
        MapEquationOptimizer.Partition[] found = new MapEquationOptimizer.Partition[trials];
        AtomicInteger next = new AtomicInteger();
        Runnable work = () -> {
            for (int trial = next.getAndIncrement(); trial < trials; trial = next.getAndIncrement()) {
                found[trial] = new MapEquationOptimizer(flow, streams[trial], observer).run();
            }
        };
        runOnThreads(work, observer == null ? threads : 1);
        MapEquationOptimizer.Partition best = found[0];
        for (int trial = 1; trial < trials; trial++) {
            if (found[trial].codelength() < best.codelength() - MapEquationOptimizer.MIN_IMPROVEMENT) {
                best = found[trial];
            }
        }
        int[] modules = numberByFlow(flow, best.modules());
        int n = network.nodeCount();
        int moduleCount = 0;
        int[] nodes = new int[n];
        double largestFlow = 0;
        double[] moduleFlow = new double[n];
        boolean[] counted = countedModules(flow, modules);
        for (int v = 0; v < n; v++) {
            moduleFlow[modules[v]] += flow.nodeFlow[v];
            if (counted[modules[v]]) {
                nodes[modules[v]]++;
                moduleCount = Math.max(moduleCount, modules[v] + 1);
            }
        }
        int largestNodes = 0;
        for (int i = 0; i < n; i++) {
            largestNodes = Math.max(largestNodes, nodes[i]);
            largestFlow = Math.max(largestFlow, moduleFlow[i]);
        }
        double oneModule = MapEquation.codelength(flow, new int[n]);
        return new InfomapResult(modules, moduleCount, best.codelength(), oneModule,
                n == 0 ? Double.NaN : (double) largestNodes / n, largestFlow,
                Modularity.directed(network, modules, weighted), flowModel, trials);
    }

    private static void runOnThreads(Runnable work, int threads) {
        List<Thread> started = new ArrayList<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        for (int t = 1; t < threads; t++) {
            Thread thread = new Thread(work, "infomap-trials-" + t);
            thread.setDaemon(true);
            thread.setUncaughtExceptionHandler((th, e) -> failure.compareAndSet(null, e));
            thread.start();
            started.add(thread);
        }
        work.run();
        for (Thread thread : started) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while running Infomap trials", e);
            }
        }
        if (failure.get() != null) {
            throw new IllegalStateException("Infomap trial failed", failure.get());
        }
    }

    FlowNetwork flowNetwork(WeeklyNetwork network) {
        return FlowNetwork.of(network, flowModel, weighted, teleportation);
    }

    private static boolean hasLink(FlowNetwork flow, int v) {
        return flow.outOffsets[v + 1] > flow.outOffsets[v] || flow.inOffsets[v + 1] > flow.inOffsets[v];
    }

    /**
     * The modules that count as communities: some flow, and a node with a link. The others are nodes
     * the walk never visits on its own (unrecorded flow: nobody holds their tokens, so no link leads to
     * them; their out-links are coded, but the node itself costs nothing wherever it sits) left alone
     * by the search, and isolated nodes.
     */
    private static boolean[] countedModules(FlowNetwork flow, int[] modules) {
        int k = 0;
        for (int m : modules) {
            k = Math.max(k, m + 1);
        }
        double[] moduleFlow = new double[k];
        boolean[] linked = new boolean[k];
        for (int v = 0; v < modules.length; v++) {
            moduleFlow[modules[v]] += flow.nodeFlow[v];
            linked[modules[v]] |= hasLink(flow, v);
        }
        boolean[] counted = new boolean[k];
        for (int i = 0; i < k; i++) {
            counted[i] = linked[i] && moduleFlow[i] > 0;
        }
        return counted;
    }

    /**
     * Module ids: counted modules first by decreasing flow, then the others; ties by smallest node
     * index, so ids are stable for a given partition.
     */
    private static int[] numberByFlow(FlowNetwork flow, int[] modules) {
        int n = modules.length;
        int k = 0;
        for (int m : modules) {
            k = Math.max(k, m + 1);
        }
        double[] moduleFlow = new double[k];
        int[] firstNode = new int[k];
        Arrays.fill(firstNode, Integer.MAX_VALUE);
        for (int v = 0; v < n; v++) {
            moduleFlow[modules[v]] += flow.nodeFlow[v];
            firstNode[modules[v]] = Math.min(firstNode[modules[v]], v);
        }
        boolean[] counted = countedModules(flow, modules);
        Integer[] order = new Integer[k];
        for (int i = 0; i < k; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparing((Integer i) -> !counted[i]).thenComparing(i -> -moduleFlow[i])
                .thenComparingInt(i -> firstNode[i]));
        int[] rank = new int[k];
        for (int r = 0; r < k; r++) {
            rank[order[r]] = r;
        }
        int[] result = new int[n];
        for (int v = 0; v < n; v++) {
            result[v] = rank[modules[v]];
        }
        return result;
    }
}
