package io.dexposure.tools.bench;

import io.dexposure.job.gelly.GellyMetrics;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.dexposure.analytics.assembly.AssembledWeek;
import io.dexposure.analytics.assembly.WeekAssembly;
import io.dexposure.analytics.metrics.Betweenness;
import io.dexposure.analytics.metrics.ClosenessCentrality;
import io.dexposure.analytics.metrics.Clustering;
import io.dexposure.analytics.metrics.Components;
import io.dexposure.analytics.metrics.Concentration;
import io.dexposure.analytics.metrics.DegreeAssortativity;
import io.dexposure.analytics.metrics.DegreeDistribution;
import io.dexposure.analytics.metrics.Hits;
import io.dexposure.analytics.metrics.NetworkEntropy;
import io.dexposure.analytics.metrics.UnweightedPageRank;
import io.dexposure.analytics.metrics.WeightedPageRank;
import io.dexposure.analytics.metrics.community.Infomap;
import io.dexposure.analytics.metrics.curvature.OllivierRicciCurvature;
import io.dexposure.job.gelly.GellyGraphAdapter;
import io.dexposure.analytics.network.WeeklyNetwork;
import io.dexposure.replayer.publish.WeekEvents;
import io.dexposure.snapshot.ProtocolDirectory;
import io.dexposure.snapshot.SnapshotWriter;
import io.dexposure.snapshot.WeekSnapshot;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Every network metric kernel timed on one week, with the alternative engines where they exist (Gelly on a
 * CollectionEnvironment, JGraphT) and, optionally, NetworkX on the same week run once as a child process
 * ({@code analytics/src/test/python/networkx_reference.py}). Overlapping engines are checked against each
 * other: a disagreement beyond {@link #AGREEMENT} fails the benchmark ({@link IllegalStateException}).
 *
 * <p>Default engines: median of {@code runs} after {@code warmups}; alternative engines (several seconds
 * each for Gelly) the median of {@code min(runs, 3)} after one warm-up.
 */
public final class MetricsBenchmark {
    /** Largest absolute difference allowed between two engines computing the same values. */
    public static final double AGREEMENT = 1e-9;
    /** Goals of the metrics suite at real scale. */
    public static final double GOAL_MAX_MS = 2_000;
    public static final double GOAL_NETWORKX_SPEEDUP = 20;
    public static final String GELLY = "Gelly";
    public static final String JGRAPHT = "JGraphT";

    private static final double DAMPING = WeightedPageRank.DEFAULT_DAMPING;
    private static final int PR_ITERATIONS = WeightedPageRank.DEFAULT_MAX_ITERATIONS;
    private static final double PR_TOLERANCE = WeightedPageRank.DEFAULT_TOLERANCE;

    /** NetworkX steps (keys of the script's "seconds") taking minutes at real scale, skipped unless asked. */
    private static final String NX_SLOW_SKIP = "assortativity_weighted,betweenness,clustering";

    /**
     * One metric: the default engine's median, the alternatives' medians by engine name, and the NetworkX
     * steps (keys of the script's "seconds") that compute the same ({@code nxSlow}: skipped by default).
     */
    public record Row(String metric, double defaultMs, Map<String, Double> alternativeMs, List<String> nxSteps,
                      boolean nxSlow) {
        public Double alternative(String engine) {
            return alternativeMs.get(engine);
        }
    }

    /** The NetworkX run: its per-step seconds, or why there are none. */
    public record NetworkxRun(Map<String, Double> seconds, String version, boolean slow, double wallSeconds,
                              String unavailable) {
        public static NetworkxRun skipped(String reason) {
            return new NetworkxRun(Map.of(), null, false, 0, reason);
        }

        public boolean available() {
            return unavailable == null;
        }
    }

    /**
     * The table: rows in order, and the largest absolute difference found by each agreement check (engine
     * against the default: per-node values, plus the averages and transitivity for clustering; exact equality
     * for components, 0 or infinity).
     */
    public record Result(String network, List<Row> rows, Map<String, Double> agreement, int warmups, int runs,
                         int alternativeRuns) {
        public Row row(String metric) {
            return rows.stream().filter(r -> r.metric().equals(metric)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no row " + metric));
        }

        public double totalMs() {
            return rows.stream().mapToDouble(Row::defaultMs).sum();
        }
    }

    private final WeekSnapshot week;
    private final WeeklyNetwork network;

    public MetricsBenchmark(WeekSnapshot week) {
        this.week = week;
        AssembledWeek assembled = WeekAssembly.assemble(week.week().toString(),
                WeekEvents.of(week, ProtocolDirectory.empty(), "bench"));
        if (!assembled.isComplete()) {
            throw new IllegalStateException(assembled.issue().message);
        }
        this.network = assembled.network();
    }

    public WeeklyNetwork network() {
        return network;
    }

    /** Times every metric; throws if two engines disagree beyond {@link #AGREEMENT}. */
    public Result run(int warmups, int runs) {
        if (runs < 1) {
            throw new IllegalArgumentException("runs must be >= 1");
        }
        int altWarmups = Math.min(warmups, 1);
        int altRuns = Math.min(runs, 3);
        WeeklyNetwork net = network;
        List<Row> rows = new ArrayList<>();
        Map<String, Double> agreement = new LinkedHashMap<>();

        rows.add(row("DegreeAssortativity unweighted", median(warmups, runs, () -> DegreeAssortativity.unweighted(net)),
                Map.of(), List.of("assortativity.unweighted"), false));
        rows.add(row("DegreeAssortativity weighted", median(warmups, runs, () -> DegreeAssortativity.weighted(net)),
                Map.of(), List.of("assortativity.weighted"), true));
        rows.add(row("DegreeDistribution", median(warmups, runs, () -> DegreeDistribution.compute(net)),
                Map.of(), List.of("degree_distribution"), false));
        rows.add(row("Concentration", median(warmups, runs, () -> Concentration.compute(net)),
                Map.of(), List.of("concentration"), false));

        Timed<Components.Result> components = timed(warmups, runs, () -> Components.compute(net));
        Timed<Components.Result> componentsJ = timed(altWarmups, altRuns, () -> Components.jgrapht(net));
        Timed<int[]> weakGelly = timed(altWarmups, altRuns, () -> GellyMetrics.weakLabels(net));
        agreement.put("Components JGraphT", components.value.equals(componentsJ.value) ? 0.0 : Double.POSITIVE_INFINITY);
        agreement.put("Components Gelly (weak labels)",
                maxDiff(toDouble(Components.weakLabels(net)), toDouble(weakGelly.value)));
        rows.add(row("Components (weak + strong)", components.ms,
                alternatives(JGRAPHT, componentsJ.ms, GELLY + " (weak only)", weakGelly.ms), List.of("components"), false));

        Timed<WeightedPageRank.Result> pr = timed(warmups, runs,
                () -> WeightedPageRank.compute(net, DAMPING, PR_ITERATIONS, PR_TOLERANCE));
        Timed<double[]> prJ = timed(altWarmups, altRuns,
                () -> WeightedPageRank.jgrapht(net, DAMPING, PR_ITERATIONS, PR_TOLERANCE));
        agreement.put("WeightedPageRank JGraphT", maxDiff(pr.value.scores(), prJ.value));
        rows.add(row("WeightedPageRank (tol 1e-10)", pr.ms, alternatives(JGRAPHT, prJ.ms), List.of("pagerank"), false));

        Timed<double[]> upr = timed(warmups, runs,
                () -> UnweightedPageRank.compute(net, DAMPING, PR_ITERATIONS, PR_TOLERANCE));
        Timed<double[]> uprG = timed(altWarmups, altRuns,
                () -> GellyGraphAdapter.pageRank(net, DAMPING, PR_ITERATIONS, PR_TOLERANCE));
        agreement.put("UnweightedPageRank Gelly", maxDiff(upr.value, uprG.value));
        rows.add(row("UnweightedPageRank (tol 1e-10)", upr.ms, alternatives(GELLY, uprG.ms), List.of(), false));

        rows.add(row("Hits weighted (tol 1e-12)", median(warmups, runs, () -> Hits.compute(net)),
                Map.of(), List.of("hits.weighted"), false));
        Timed<Hits.Result> hitsU = timed(warmups, runs,
                () -> Hits.compute(net, false, Hits.DEFAULT_MAX_ITERATIONS, Hits.DEFAULT_TOLERANCE));
        Timed<Hits.Result> hitsG = timed(altWarmups, altRuns,
                () -> GellyMetrics.hits(net, Hits.DEFAULT_MAX_ITERATIONS, Hits.DEFAULT_TOLERANCE));
        agreement.put("Hits unweighted Gelly", Math.max(
                maxDiff(hitsU.value.hubs(), hitsG.value.hubs()),
                maxDiff(hitsU.value.authorities(), hitsG.value.authorities())));
        rows.add(row("Hits unweighted (tol 1e-12)", hitsU.ms, alternatives(GELLY, hitsG.ms), List.of("hits.unweighted"), false));

        rows.add(row("ClosenessCentrality", median(warmups, runs, () -> ClosenessCentrality.compute(net)),
                Map.of(), List.of("closeness"), false));

        Timed<double[]> bc = timed(warmups, runs, () -> Betweenness.compute(net));
        Timed<double[]> bcJ = timed(altWarmups, altRuns, () -> Betweenness.jgrapht(net));
        agreement.put("Betweenness JGraphT", maxDiff(bc.value, bcJ.value));
        rows.add(row("Betweenness (exact)", bc.ms, alternatives(JGRAPHT, bcJ.ms), List.of("betweenness"), true));

        Timed<Clustering.Result> cl = timed(warmups, runs, () -> Clustering.compute(net));
        Timed<Clustering.Undirected> clG = timed(altWarmups, altRuns, () -> GellyMetrics.undirectedClustering(net));
        agreement.put("Clustering undirected Gelly", Math.max(
                maxDiff(cl.value.undirected(), clG.value.local()),
                Math.max(Math.abs(cl.value.averageUndirected() - clG.value.average()),
                        Math.abs(cl.value.transitivity() - clG.value.transitivity()))));
        rows.add(row("Clustering (directed, weighted, undirected)", cl.ms, alternatives(GELLY + " (undirected only)", clG.ms),
                List.of("clustering.directed", "clustering.weighted", "clustering.undirected"), true));

        double[] pi = pr.value.scores();
        rows.add(row("NetworkEntropy (PageRank given)", median(warmups, runs, () -> NetworkEntropy.compute(net, pi, DAMPING)),
                Map.of(), List.of("entropy"), false));
        rows.add(row("OllivierRicciCurvature (defaults)",
                median(warmups, runs, () -> OllivierRicciCurvature.defaults().compute(net)), Map.of(), List.of(), false));
        rows.add(row("Infomap (defaults)", median(warmups, runs, () -> Infomap.defaults().compute(net)),
                Map.of(), List.of(), false));

        StringBuilder failures = new StringBuilder();
        agreement.forEach((check, diff) -> {
            if (!(diff <= AGREEMENT)) {
                failures.append(String.format(Locale.US, "%n  %s: largest difference %.3g > %.0e", check, diff, AGREEMENT));
            }
        });
        if (!failures.isEmpty()) {
            throw new IllegalStateException("Metric engines disagree on " + net + ":" + failures);
        }
        return new Result(net.toString(), rows, agreement, warmups, runs, altRuns);
    }

    // ---- NetworkX ------------------------------------------------------------------------------------

    /** Why NetworkX cannot run here (python3, networkx, numpy or scipy missing; no script), or null. */
    public static String networkxUnavailable(Path script) {
        if (!Files.isRegularFile(script)) {
            return "reference script not found at " + script;
        }
        try {
            Process p = new ProcessBuilder("python3", "-c", "import networkx, numpy, scipy")
                    .redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "python3 did not answer within 60 s";
            }
            if (p.exitValue() != 0) {
                String[] lines = output.split("\n");
                return "python3 cannot import networkx/numpy/scipy (" + lines[lines.length - 1] + ")";
            }
            return null;
        } catch (IOException e) {
            return "python3 not found (" + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /**
     * Writes this week to {@code dir/metrics-week.json} and runs the reference script on it once (PageRank
     * to the same L1 tolerance as the Java default); without {@code slow} the steps that take minutes at
     * real scale are skipped.
     */
    public NetworkxRun networkx(Path script, Path dir, boolean slow) throws IOException, InterruptedException {
        String unavailable = networkxUnavailable(script);
        if (unavailable != null) {
            return NetworkxRun.skipped(unavailable);
        }
        Files.createDirectories(dir);
        Path file = dir.resolve("metrics-week.json");
        try (SnapshotWriter writer = SnapshotWriter.create(file)) {
            writer.writeWeek(week);
        }
        List<String> command = new ArrayList<>(List.of("python3", script.toString(), file.toString(),
                "--week", week.week().toString(), "--pagerank-tol", Double.toString(PR_TOLERANCE)));
        if (!slow) {
            command.add("--skip");
            command.add(NX_SLOW_SKIP);
        }
        Path stderr = dir.resolve("networkx.stderr.txt");
        long start = System.nanoTime();
        Process p = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
        byte[] stdout = p.getInputStream().readAllBytes();
        int exit = p.waitFor();
        double wall = (System.nanoTime() - start) / 1e9;
        if (exit != 0) {
            throw new IllegalStateException("NetworkX reference script failed (exit " + exit + "), see " + stderr
                    + ": " + String.join(" ", command));
        }
        ObjectMapper mapper = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();
        JsonNode json = mapper.readTree(stdout);
        Map<String, Double> seconds = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = json.path("seconds").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            seconds.put(e.getKey(), e.getValue().asDouble());
        }
        if (json.path("nodes").asInt() != network.nodeCount() || json.path("edges").asInt() != network.linkCount()) {
            throw new IllegalStateException("NetworkX built " + json.path("nodes") + " nodes / " + json.path("edges")
                    + " links, Java " + network);
        }
        return new NetworkxRun(seconds, json.path("networkx").asText(), slow, wall, null);
    }

    /** NetworkX milliseconds for a row, or null when it has no NetworkX counterpart or the step was skipped. */
    public static Double networkxMs(Row row, NetworkxRun nx) {
        if (row.nxSteps().isEmpty() || !nx.available()) {
            return null;
        }
        double s = 0;
        for (String step : row.nxSteps()) {
            Double v = nx.seconds().get(step);
            if (v == null) {
                return null;
            }
            s += v;
        }
        return s * 1000;
    }

    // ---- printing ------------------------------------------------------------------------------------

    public static void print(PrintStream out, Result result, NetworkxRun nx) {
        out.printf(Locale.US, "%nMetric kernels on %s: default engine median of %d runs after %d warm-ups, "
                + "alternatives median of %d after 1 (ms; ratio = engine / default)%n",
                result.network(), result.runs(), result.warmups(), result.alternativeRuns());
        if (nx.available()) {
            out.printf(Locale.US, "NetworkX %s on the same week, one run as a child process (%.0f s wall)%s%n",
                    nx.version(), nx.wallSeconds(), nx.slow() ? "" : "; steps taking minutes skipped (--networkx-slow runs them)");
        } else {
            out.printf(Locale.US, "NetworkX: not run (%s)%n", nx.unavailable());
        }
        String format = "%-44s %9s  %-22s %-22s %12s %9s%n";
        out.printf(Locale.US, format, "metric", "default", "Gelly (x)", "JGraphT (x)", "NetworkX", "NX/Java");
        double nxTotal = 0;
        double javaComparable = 0;
        double slowestNxRatio = Double.POSITIVE_INFINITY;
        String slowestNxMetric = null;
        double maxMs = 0;
        String maxMetric = null;
        for (Row row : result.rows()) {
            String gelly = "";
            String jgrapht = "";
            for (Map.Entry<String, Double> alt : row.alternativeMs().entrySet()) {
                String cell = String.format(Locale.US, "%.1f (%.1fx)", alt.getValue(), alt.getValue() / row.defaultMs());
                if (alt.getKey().startsWith(GELLY)) {
                    gelly = cell + (alt.getKey().equals(GELLY) ? "" : " *");
                } else {
                    jgrapht = cell;
                }
            }
            String nxCell;
            String ratio = "";
            Double nxMs = networkxMs(row, nx);
            if (row.nxSteps().isEmpty()) {
                nxCell = "-";
            } else if (!nx.available()) {
                nxCell = "not run";
            } else if (nxMs == null) {
                nxCell = row.nxSlow() && !nx.slow() ? "skipped (slow)" : "missing";
            } else {
                nxCell = String.format(Locale.US, "%.1f", nxMs);
                double r = nxMs / row.defaultMs();
                ratio = String.format(Locale.US, "%.0fx", r);
                nxTotal += nxMs;
                javaComparable += row.defaultMs();
                if (r < slowestNxRatio) {
                    slowestNxRatio = r;
                    slowestNxMetric = row.metric();
                }
            }
            if (row.defaultMs() > maxMs) {
                maxMs = row.defaultMs();
                maxMetric = row.metric();
            }
            out.printf(Locale.US, format, row.metric(), String.format(Locale.US, "%.1f", row.defaultMs()), gelly, jgrapht,
                    nxCell, ratio);
        }
        out.printf(Locale.US, format, "total (all metrics, default engines)", String.format(Locale.US, "%.1f", result.totalMs()),
                "", "", "", "");
        if (javaComparable > 0) {
            out.printf(Locale.US, format, "total over the rows NetworkX ran", String.format(Locale.US, "%.1f", javaComparable),
                    "", "", String.format(Locale.US, "%.1f", nxTotal), String.format(Locale.US, "%.0fx", nxTotal / javaComparable));
        }
        out.println("* the Gelly engine covers part of the metric only (weak components; undirected clustering)");
        out.printf(Locale.US, "Engines agree within %.0e: %s%n", AGREEMENT, agreementSummary(result));
        out.printf(Locale.US, "Goal every metric <= %.0f s: %s (slowest %s, %.0f ms)%n", GOAL_MAX_MS / 1000,
                maxMs <= GOAL_MAX_MS ? "met" : "NOT met", maxMetric, maxMs);
        if (slowestNxMetric != null) {
            boolean each = slowestNxRatio >= GOAL_NETWORKX_SPEEDUP;
            boolean total = nxTotal / javaComparable >= GOAL_NETWORKX_SPEEDUP;
            out.printf(Locale.US, "Goal >= %.0fx faster than NetworkX: %s on the total (%.0fx), %s for every metric "
                    + "(least %.1fx, %s)%s%n", GOAL_NETWORKX_SPEEDUP, total ? "met" : "NOT met", nxTotal / javaComparable,
                    each ? "met" : "NOT met", slowestNxRatio, slowestNxMetric,
                    nx.slow() ? "" : "; slow NetworkX steps not measured");
        } else {
            out.printf(Locale.US, "Goal >= %.0fx faster than NetworkX: not measured (run with --networkx)%n",
                    GOAL_NETWORKX_SPEEDUP);
        }
    }

    private static String agreementSummary(Result result) {
        List<String> parts = new ArrayList<>();
        result.agreement().forEach((check, diff) -> parts.add(String.format(Locale.US, "%s %.1e", check, diff)));
        return String.join(", ", parts);
    }

    // ---- helpers -------------------------------------------------------------------------------------

    private static Row row(String metric, double ms, Map<String, Double> alternatives, List<String> nxSteps, boolean nxSlow) {
        return new Row(metric, ms, alternatives, nxSteps, nxSlow);
    }

    private static Map<String, Double> alternatives(Object... engineAndMs) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < engineAndMs.length; i += 2) {
            m.put((String) engineAndMs[i], (Double) engineAndMs[i + 1]);
        }
        return m;
    }

    private record Timed<T>(T value, double ms) {
    }

    private static <T> Timed<T> timed(int warmups, int runs, Supplier<T> work) {
        List<Double> times = new ArrayList<>();
        T last = null;
        for (int r = 0; r < warmups + runs; r++) {
            long start = System.nanoTime();
            last = Objects.requireNonNull(work.get());
            double ms = (System.nanoTime() - start) / 1e6;
            if (r >= warmups) {
                times.add(ms);
            }
        }
        times.sort(Double::compare);
        int n = times.size();
        double median = n % 2 == 1 ? times.get(n / 2) : (times.get(n / 2 - 1) + times.get(n / 2)) / 2;
        return new Timed<>(last, median);
    }

    private static double median(int warmups, int runs, Supplier<?> work) {
        return timed(warmups, runs, work).ms;
    }

    private static double maxDiff(double[] a, double[] b) {
        if (a.length != b.length) {
            return Double.POSITIVE_INFINITY;
        }
        double largest = 0;
        for (int i = 0; i < a.length; i++) {
            double d = Math.abs(a[i] - b[i]);
            if (!(d <= largest)) {
                largest = Double.isNaN(d) ? Double.POSITIVE_INFINITY : d;
            }
        }
        return largest;
    }

    private static double[] toDouble(int[] values) {
        double[] d = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            d[i] = values[i];
        }
        return d;
    }
}
