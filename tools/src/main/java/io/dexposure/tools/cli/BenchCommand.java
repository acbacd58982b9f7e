package io.dexposure.tools.cli;

import io.dexposure.events.SnapshotEvent;
import io.dexposure.events.SnapshotEventJson;
import io.dexposure.tools.bench.MarketAnalysesBenchmark;
import io.dexposure.tools.bench.MetricsBenchmark;
import io.dexposure.tools.bench.RolandBenchmark;
import io.dexposure.tools.bench.WindowBenchmark;
import io.dexposure.job.options.AnalysisOptions;
import io.dexposure.job.options.RolandOptions;
import io.dexposure.localkafka.LocalKafkaBroker;
import io.dexposure.replayer.generate.ExposureNetworkGenerator;
import io.dexposure.replayer.generate.GeneratedWeek;
import io.dexposure.replayer.generate.GeneratorSettings;
import io.dexposure.replayer.generate.SnapshotFileWriter;
import io.dexposure.replayer.generate.WeeklySizes;
import io.dexposure.replayer.publish.KafkaTopics;
import io.dexposure.replayer.publish.PublishSummary;
import io.dexposure.replayer.publish.PublisherConfig;
import io.dexposure.replayer.publish.WeekEvents;
import io.dexposure.replayer.publish.WeekPublisher;
import io.dexposure.snapshot.ProtocolDirectory;
import io.dexposure.snapshot.SnapshotReader;
import io.dexposure.snapshot.WeekSnapshot;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * {@code bench}: the walking skeleton's costs at real scale, as tables with references measured in
 * the same run. Speed targets live here, never in timed unit tests.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure the weekly window (by phase) and the replay into Kafka on generated real-scale weeks; "
                + "with --roland, ROLAND's live update per week instead (the other job flags do not apply).")
public class BenchCommand implements Callable<Integer> {
    @Option(names = "--nodes", description = "Nodes per generated week (default: ${DEFAULT-VALUE}, the largest real weeks).")
    int nodes = 11_000;

    @Option(names = "--links", description = "Links per generated week (default: ${DEFAULT-VALUE}).")
    int links = 75_000;

    @Option(names = "--runs", description = "Measured runs of the window (default: ${DEFAULT-VALUE}).")
    int runs = 5;

    @Option(names = "--warmups", description = "Discarded warm-up runs (default: ${DEFAULT-VALUE}).")
    int warmups = 2;

    @Option(names = "--kafka-weeks", description = "Weeks replayed into a local broker; 0 skips the Kafka part (default: ${DEFAULT-VALUE}).")
    int kafkaWeeks = 4;

    @Option(names = "--seed", description = "Generator seed (default: ${DEFAULT-VALUE}).")
    long seed = 42;

    @Option(names = "--metrics", description = "Also time every network metric kernel on the generated week, "
            + "with the Gelly and JGraphT engines where they exist (their results cross-checked).")
    boolean metrics;

    @Option(names = "--networkx", description = "With --metrics: run NetworkX (analytics/src/test/python/networkx_reference.py, "
            + "needs python3 with networkx, numpy and scipy) once on the same week, without its steps that take minutes.")
    boolean networkx;

    @Option(names = "--networkx-slow", description = "With --metrics: run NetworkX including weighted assortativity, "
            + "betweenness and clustering (several minutes at real scale); implies --networkx.")
    boolean networkxSlow;

    @Option(names = "--market", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Also time the sequential market analyses per week (sector flows, rolling VAR, anomaly ensemble) against the window (default: ${DEFAULT-VALUE}).")
    boolean market = true;

    @Option(names = "--roland-weeks", description = "With --roland: generated weeks, the first one only initialises (default: ${DEFAULT-VALUE}).")
    int rolandWeeks = 12;

    @Option(names = "--roland-warmups", description = "With --roland: weeks after the first left out of the table; the JIT and "
            + "PyTorch's allocator take a few real-scale weeks to settle, and the job runs hundreds (default: ${DEFAULT-VALUE}).")
    int rolandWarmups = 4;

    /** {@code --roland} (the job's switch, given explicitly here) measures ROLAND's live update instead; the --roland-* flags apply. */
    @Mixin
    RolandOptions roland = new RolandOptions();

    @Spec
    CommandSpec spec;

    @Option(names = "--work-dir", description = "Broker data and the temporary snapshot file (default: target/bench in the project).")
    Path workDir;

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        Path dir = workDir != null ? workDir : Path.of(System.getProperty("dexposure.home", ".")).resolve("target/bench");
        Files.createDirectories(dir);
        HeapUsage.track();
        out.printf(Locale.US, "DeXposure bench: %,d nodes / %,d links per week, %d cores, max heap %,d MB, Java %s%n%n",
                nodes, links, Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20,
                System.getProperty("java.version"));

        if (roland.roland && spec.commandLine().getParseResult().hasMatchedOption("--roland")) {
            long start = System.nanoTime();
            RolandBenchmark bench = new RolandBenchmark(roland.settings(), seed, rolandWeeks, nodes, links);
            out.printf(Locale.US, "Generated %d weeks in %.1f s%n", bench.weeks().size(), (System.nanoTime() - start) / 1e9);
            bench.run(out, Math.min(rolandWarmups, Math.max(0, rolandWeeks - 2)));
            out.printf(Locale.US, "Peak live heap after GC, whole run: %,d MB of %,d MB%n", HeapUsage.peakLiveMb(), HeapUsage.maxMb());
            return 0;
        }
        long t0 = System.nanoTime();
        GeneratedWeek generated = ExposureNetworkGenerator.singleWeek(seed, nodes, links);
        WeekSnapshot week = generated.toWeekSnapshot();
        double generateMs = (System.nanoTime() - t0) / 1e6;
        List<SnapshotEvent> events = WeekEvents.of(week, ProtocolDirectory.empty(), "bench");
        out.printf(Locale.US, "Generated week %s: %,d nodes, %,d links, %,d records (%.0f ms)%n", week.week(),
                week.nodes().size(), week.links().size(), events.size(), generateMs);

        AnalysisOptions defaults = new AnalysisOptions();
        Map<String, List<Double>> window = new WindowBenchmark(week.week().toString(), events, defaults.pageRankDamping,
                defaults.pageRankMaxIterations, defaults.pageRankTolerance).run(warmups, runs);
        printWindow(out, window);
        if (market) {
            long m0 = System.nanoTime();
            MarketAnalysesBenchmark bench = new MarketAnalysesBenchmark(seed, nodes, links);
            out.printf(Locale.US, "%nGenerated and analysed 2 weeks of %,d nodes / %,d links for the market analyses (%.1f s)%n",
                    bench.nodes(), bench.links(), (System.nanoTime() - m0) / 1e9);
            printMarket(out, bench.run(warmups, runs), mean(window.get("assembly: records -> WeeklyNetwork"))
                    + mean(window.get("whole metrics record (all engines)")));
        }

        if (metrics) {
            metrics(out, week, dir);
        }
        if (kafkaWeeks > 0) {
            replay(out, dir);
        }
        out.printf(Locale.US, "%nPeak live heap after GC, whole run: %,d MB of %,d MB%n", HeapUsage.peakLiveMb(), HeapUsage.maxMb());
        return 0;
    }

    private void printWindow(PrintStream out, Map<String, List<Double>> window) {
        out.printf(Locale.US, "%nWeekly window at real scale, %d runs after %d warm-ups (ms)%n", runs, warmups);
        out.printf(Locale.US, "%-48s %9s %9s %9s%n", "phase", "mean", "min", "max");
        for (Map.Entry<String, List<Double>> e : window.entrySet()) {
            out.printf(Locale.US, "%-48s %9.1f %9.1f %9.1f%n", e.getKey(), mean(e.getValue()),
                    e.getValue().stream().mapToDouble(d -> d).min().orElse(0),
                    e.getValue().stream().mapToDouble(d -> d).max().orElse(0));
        }
        double assembly = mean(window.get("assembly: records -> WeeklyNetwork"));
        double metrics = mean(window.get("whole metrics record (all engines)"));
        double gelly = mean(window.get("  of which Gelly PageRank"));
        double reference = mean(window.get("reference: PageRank on the CSR arrays"));
        out.printf(Locale.US, "%-48s %9.1f%n", "window function total (assembly + metrics)", assembly + metrics);
        out.printf(Locale.US, "Gelly PageRank / CSR reference: %.1fx; Gelly share of the window: %.0f%%%n",
                gelly / reference, 100 * gelly / (assembly + metrics));
    }

    private void printMarket(PrintStream out, Map<String, List<Double>> steps, double windowMs) {
        out.printf(Locale.US, "%nSequential market analyses per week at real scale, %d runs after %d warm-ups (ms; share = of the window function)%n",
                runs, warmups);
        out.printf(Locale.US, "%-70s %9s %9s %9s %6s%n", "step", "mean", "min", "max", "share");
        for (Map.Entry<String, List<Double>> e : steps.entrySet()) {
            out.printf(Locale.US, "%-70s %9.1f %9.1f %9.1f %5.0f%%%n", e.getKey(), mean(e.getValue()),
                    e.getValue().stream().mapToDouble(d -> d).min().orElse(0),
                    e.getValue().stream().mapToDouble(d -> d).max().orElse(0), 100 * mean(e.getValue()) / windowMs);
        }
        out.printf(Locale.US, "%-70s %9.1f%n", "reference: window function total (assembly + metrics)", windowMs);
    }

    /** Every metric kernel on the week, alternative engines and (optionally) NetworkX measured in the same run. */
    private void metrics(PrintStream out, WeekSnapshot week, Path dir) throws Exception {
        MetricsBenchmark bench = new MetricsBenchmark(week);
        MetricsBenchmark.Result result = bench.run(warmups, runs);
        MetricsBenchmark.NetworkxRun nx;
        if (networkx || networkxSlow) {
            Path script = Path.of(System.getProperty("dexposure.home", "."))
                    .resolve("analytics/src/test/python/networkx_reference.py");
            out.printf(Locale.US, "%nRunning NetworkX on the same week%s...%n",
                    networkxSlow ? " (slow steps included: several minutes)" : "");
            nx = bench.networkx(script, dir, networkxSlow);
            if (!nx.available()) {
                out.printf(Locale.US, "NetworkX skipped: %s%n", nx.unavailable());
            }
        } else {
            nx = MetricsBenchmark.NetworkxRun.skipped("--networkx not given");
        }
        MetricsBenchmark.print(out, result, nx);
    }

    /** Replayer throughput into a real broker, against reading and serialising the same weeks alone. */
    private void replay(PrintStream out, Path dir) throws Exception {
        GeneratorSettings settings = GeneratorSettings.withoutScenarios(seed,
                WeeklySizes.fixed(LocalDate.of(2024, 7, 1), kafkaWeeks, nodes, links));
        Path file = dir.resolve("bench-weeks.json");
        long records = 0;
        try (SnapshotFileWriter writer = new SnapshotFileWriter(Files.newOutputStream(file))) {
            ExposureNetworkGenerator generator = new ExposureNetworkGenerator(settings);
            while (generator.hasNextWeek()) {
                GeneratedWeek w = generator.nextWeek();
                writer.writeWeek(w);
                records += w.nodeCount() + w.linkCount() + 1L;
            }
        }
        long size = Files.size(file);

        long start = System.nanoTime();
        List<WeekSnapshot> weeks = new ArrayList<>();
        try (SnapshotReader reader = SnapshotReader.open(file, SnapshotReader.Options.all())) {
            reader.forEachRemaining(weeks::add);
        }
        double readSeconds = (System.nanoTime() - start) / 1e9;

        start = System.nanoTime();
        long bytes = 0;
        for (WeekSnapshot w : weeks) {
            for (SnapshotEvent e : WeekEvents.of(w, ProtocolDirectory.empty(), "bench")) {
                bytes += SnapshotEventJson.toBytes(e).length;
            }
        }
        double serialiseSeconds = (System.nanoTime() - start) / 1e9;

        PublishSummary summary;
        Path brokerDir = dir.resolve("kafka");
        deleteRecursively(brokerDir);
        try (LocalKafkaBroker broker = LocalKafkaBroker.start(brokerDir)) {
            KafkaTopics.ensure(broker.bootstrapServers(), List.of("bench.snapshot-events"), 1);
            try (WeekPublisher publisher = new WeekPublisher(PublisherConfig.of(broker.bootstrapServers(), "bench.snapshot-events"))) {
                summary = publisher.publishAll(weeks.iterator(), "bench");
            }
        }
        double readRate = records / readSeconds;
        double serialiseRate = records / serialiseSeconds;
        out.printf(Locale.US, "%nReplay of %d real-scale weeks (%,d records, file %.0f MB, JSON on the topic %.0f MB)%n",
                weeks.size(), records, size / 1e6, bytes / 1e6);
        out.printf(Locale.US, "%-44s %12s %10s%n", "stage", "events/s", "ratio");
        out.printf(Locale.US, "%-44s %,12.0f %10s%n", "reference: serialise records to JSON only", serialiseRate, "1.00");
        out.printf(Locale.US, "%-44s %,12.0f %10.2f%n", "read the snapshot file (streaming parser)", readRate, readRate / serialiseRate);
        out.printf(Locale.US, "%-44s %,12.0f %10.2f%n", "publish into Kafka (one transaction a week)",
                summary.eventsPerSecond(), summary.eventsPerSecond() / serialiseRate);
        Files.deleteIfExists(file);
    }

    private static double mean(List<Double> values) {
        return values.stream().mapToDouble(d -> d).average().orElse(0);
    }

    private static void deleteRecursively(Path dir) throws java.io.IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}
