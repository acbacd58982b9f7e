package io.dexposure.tools.cli;

import io.dexposure.job.streams.ResultStreams;
import io.dexposure.events.Topics;
import io.dexposure.analytics.assembly.WeekIssue;
import io.dexposure.job.ExposureMonitorJob;
import io.dexposure.job.JobOptions;
import io.dexposure.job.options.MarketAnalysesOptions;
import io.dexposure.analytics.metrics.WeekMetrics;
import io.dexposure.analytics.alerts.Alert;
import io.dexposure.tools.results.AlertConsumer;
import io.dexposure.tools.results.ModelQualityConsumer;
import io.dexposure.tools.report.ReportData;
import io.dexposure.tools.report.ReportRenderer;
import io.dexposure.tools.results.WeekResultsConsumer;
import io.dexposure.analytics.linkpred.ModelQuality;
import io.dexposure.analytics.roland.RolandLiveUpdate;
import io.dexposure.job.sinks.JsonKafkaSink;
import io.dexposure.localkafka.LocalKafkaBroker;
import io.dexposure.replayer.cli.SnapshotReadOptions;
import io.dexposure.replayer.publish.KafkaTopics;
import io.dexposure.replayer.publish.PublishSummary;
import io.dexposure.replayer.publish.PublisherConfig;
import io.dexposure.replayer.publish.SnapshotReplay;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * {@code demo}: the whole pipeline on one machine, no Docker: a local KRaft broker (child JVM), the
 * monitor job on an embedded MiniCluster, and the replayer on the shipped sample (or any file in the
 * dataset format). Prints replay progress, a row per week as its metrics are committed, and a summary,
 * then stops everything.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Replay a snapshot file through a local Kafka broker and the Flink job, and print the weekly metrics.")
public class DemoCommand implements Callable<Integer> {
    @Option(names = "--input", description = "Snapshot file (default: data/sample/dexposure-sample.json in the project).")
    Path input;

    @Mixin
    SnapshotReadOptions reading = new SnapshotReadOptions();

    @Option(names = "--work-dir", description = "Broker data, checkpoints, logs and results; emptied at start (default: target/demo in the project).")
    Path workDir;

    @Option(names = "--parallelism", description = "Flink parallelism (default: ${DEFAULT-VALUE}).")
    int parallelism = 2;

    @Option(names = "--weeks-per-second", description = "Replay pace; 0 = as fast as possible (default: ${DEFAULT-VALUE}).")
    double weeksPerSecond = 0;

    @Option(names = "--checkpoint-interval-ms", description = "Results are committed, and so shown, at each checkpoint (default: ${DEFAULT-VALUE}).")
    long checkpointIntervalMs = 1_000;

    @Option(names = "--timeout-seconds", description = "Give up if the job has not reported every week by then (default: ${DEFAULT-VALUE}).")
    long timeoutSeconds = 900;

    /** The market analyses' switches and knobs, as the job has them (--no-sector-flows, --no-anomalies, ...). */
    @Mixin
    MarketAnalysesOptions market = new MarketAnalysesOptions();

    @Option(names = "--roland", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Run ROLAND's live update and print its link-prediction quality per week; --no-roland leaves it out (default: ${DEFAULT-VALUE}).")
    boolean roland = true;
    @Option(names = "--report", description = "Also write the report (PNG charts + index.html, as the report command) into this directory.")
    Path reportDir;

    /** Where the table and summary go; tests swap it. */
    PrintStream out = System.out;

    @Override
    public Integer call() throws Exception {
        Path home = Path.of(System.getProperty("dexposure.home", "."));
        Path file = input != null ? input : home.resolve("data/sample/dexposure-sample.json");
        Path dir = workDir != null ? workDir : home.resolve("target/demo");
        if (!Files.isRegularFile(file)) {
            System.err.println("No snapshot file at " + file + " (use --input FILE).");
            return 2;
        }
        emptyDirectory(dir);
        HeapUsage.track();
        ConsoleProgress console = new ConsoleProgress(out, System.console() != null && out == System.out);
        out.printf(Locale.US, "DeXposure demo: %s (%.1f MB), work dir %s%n", file, Files.size(file) / 1e6, dir);

        long started = System.nanoTime();
        try (LocalKafkaBroker broker = LocalKafkaBroker.start(dir.resolve("kafka"))) {
            out.printf(Locale.US, "Kafka broker (KRaft, child JVM pid %d) at %s, up in %.1f s%n", broker.pid(),
                    broker.bootstrapServers(), (System.nanoTime() - started) / 1e9);
            JobOptions options = jobOptions(broker.bootstrapServers(), dir);
            KafkaTopics.ensure(options.kafka.bootstrapServers, options.kafka.allTopics(), parallelism);

            StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(parallelism,
                    ExposureMonitorJob.clusterConfiguration(options));
            ExposureMonitorJob.forKafka(options).build(env);
            JobClient job = env.executeAsync(ExposureMonitorJob.JOB_NAME);
            out.printf("Flink job %s running on an embedded MiniCluster (parallelism %d)%n%n", job.getJobID(), parallelism);

            ResultCollector results = new ResultCollector(options, console, dir.resolve("network-metrics.jsonl"));
            Thread follower = new Thread(results, "demo-results");
            follower.setDaemon(true);
            follower.start();
            try {
                PublisherConfig publisher = PublisherConfig.of(options.kafka.bootstrapServers, options.kafka.inputTopic)
                        .withDirectory(reading.directory(file))
                        .withWeeksPerSecond(weeksPerSecond);
                SnapshotReplay.Result replay = SnapshotReplay.run(file, reading.readerOptions(),
                        publisher, console::progress, results::expectWeek);
                PublishSummary summary = replay.summary();
                console.progress(String.format(Locale.US, "replay done: %,d weeks, %,d records in %.1f s (%,.0f events/s); waiting for the job",
                        summary.weeksPublished(), summary.records(), summary.elapsed().toMillis() / 1e3, summary.eventsPerSecond()));
                boolean complete = results.awaitWeeks(replay.weeksInInput(), job, Duration.ofSeconds(timeoutSeconds));
                console.finish();
                results.stop();
                follower.join(10_000);
                if (options.roland.roland && complete) {
                    out.println();
                    ModelQualityTable.print(out, awaitModelQuality(options, results.metricsByWeek().size() - 1));
                }
                printSummary(out, results, summary, replay.weeksInInput().size(), started, dir);
                if (complete) {
                    printAlerts(out, options, replay.weeksInInput(), dir.resolve("alerts.jsonl"));
                }
                if (reportDir != null) {
                    ReportData reportData = ReportData.fromKafka(options.kafka);
                    io.dexposure.tools.explorer.ExplorerRecords records = io.dexposure.tools.explorer.ExplorerRecords.fromKafka(options.kafka);
                    java.nio.file.Path supply = file.toAbsolutePath().resolveSibling("supply-checks.csv");
                    io.dexposure.tools.report.ReportAnalyses analyses = new io.dexposure.tools.report.ReportAnalyses(
                            records.protocolMetrics(), null, io.dexposure.analytics.embedding.EmbeddingMap.Settings.defaults(),
                            java.nio.file.Files.exists(supply) ? supply : null);
                    ReportRenderer.render(reportData, analyses, reportDir);
                    out.println("Report: " + reportDir.resolve("index.html").toAbsolutePath());
                    io.dexposure.tools.explorer.ExplorerWriter.Summary explorer = new io.dexposure.tools.explorer.ExplorerWriter(
                            reportData, records, io.dexposure.tools.explorer.ExplorerWriter.DEFAULT_TOP_NODES, analyses.embedding())
                            .write(reportDir, file, reading.readerOptions(), reading.directory(file), line -> { });
                    out.println("Explorer: " + explorer.page().toAbsolutePath() + " (links from " + file + ")");
                }
                return complete ? 0 : 1;
            } finally {
                results.stop();
                cancel(job);
            }
        }
    }

    /** ROLAND's quality records, once one per scored week has been committed (or after 30 s). */
    private static List<ModelQuality> awaitModelQuality(JobOptions options, int scoredWeeks) {
        List<ModelQuality> records = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        try (ModelQualityConsumer consumer = new ModelQualityConsumer(options.kafka.bootstrapServers, options.kafka.topic(ResultStreams.MODEL_QUALITY))) {
            while (System.nanoTime() < deadline
                    && records.stream().filter(q -> RolandLiveUpdate.MODEL.equals(q.model)).count() < scoredWeeks) {
                records.addAll(consumer.poll(Duration.ofMillis(500)));
            }
        }
        return records;
    }

    private JobOptions jobOptions(String bootstrap, Path dir) {
        JobOptions options = new JobOptions();
        options.kafka.bootstrapServers = bootstrap;
        options.execution.checkpointDir = dir.resolve("checkpoints").toUri().toString();
        options.execution.checkpointIntervalMs = checkpointIntervalMs;
        options.execution.parallelism = parallelism;
        options.kafka.groupId = "dexposure-demo";
        options.kafka.transactionalIdPrefix = "dexposure-demo";
        options.execution.restartAttempts = 0; // a demo should fail at once with its cause, not retry
        options.kafka.inputTopic = Topics.SNAPSHOT_EVENTS;
        options.roland.roland = roland;
        options.market = market;
        return options;
    }

    private static void printSummary(PrintStream out, ResultCollector results, PublishSummary replay, int weeks,
                                     long started, Path dir) {
        List<WeekMetrics> metrics = results.metricsByWeek();
        new WeekTable(out).summary(metrics);
        out.println();
        out.printf(Locale.US, "%d of %d weeks computed, %d reported as issues; replay %,.0f events/s; total %.1f s; "
                        + "heap after GC at most %,d MB of %,d MB (an upper bound; replayer, job and MiniCluster share this JVM)%n",
                metrics.size(), weeks, results.issues().size(), replay.eventsPerSecond(), (System.nanoTime() - started) / 1e9,
                HeapUsage.peakLiveMb(), HeapUsage.maxMb());
        for (WeekIssue issue : results.issues()) {
            out.println("  issue " + issue.id + ": " + issue.message);
        }
        out.println("Metrics records: " + dir.resolve("network-metrics.jsonl") + "   log: " + System.getProperty("dexposure.log.file", "dexposure.log"));
    }

    /**
     * The alerts of the replay, read back from the alerts topic as a consumer would: a timeline strip (one
     * character a week: '!' critical, '*' warning, '.' calm) and every critical alert's sentence.
     */
    private static void printAlerts(PrintStream out, JobOptions options, List<LocalDate> weeks, Path jsonl) throws IOException {
        List<Alert> alerts = new ArrayList<>();
        try (AlertConsumer consumer = new AlertConsumer(options.kafka.bootstrapServers, options.kafka.topic(ResultStreams.ALERTS), null, Alert.INFO);
             OutputStream records = Files.newOutputStream(jsonl)) {
            // The sequential operator finishes a little after the last week's metrics: read until quiet.
            long quietSince = System.nanoTime();
            while (System.nanoTime() - quietSince < TimeUnit.SECONDS.toNanos(3)) {
                List<Alert> batch = consumer.poll(Duration.ofMillis(300));
                if (!batch.isEmpty()) {
                    quietSince = System.nanoTime();
                }
                for (Alert a : batch) {
                    alerts.add(a);
                    records.write(JsonKafkaSink.toJson(a));
                    records.write('\n');
                }
            }
        }
        // One character a week for its most severe alert: '.' calm or info, '*' warning, '!' critical.
        Map<String, Integer> worst = new TreeMap<>();
        weeks.forEach(w -> worst.put(w.toString(), 0));
        alerts.forEach(a -> worst.merge(a.week, AlertConsumer.rank(a.severity), Math::max));
        StringBuilder strip = new StringBuilder();
        worst.values().forEach(rank -> strip.append(".*!".charAt(rank)));
        long critical = alerts.stream().filter(a -> Alert.CRITICAL.equals(a.severity)).count();
        long warning = alerts.stream().filter(a -> Alert.WARNING.equals(a.severity)).count();
        out.printf(Locale.US, "%nAlerts: %d critical, %d warning, %d info (topic %s; records in %s)%n", critical, warning,
                alerts.size() - critical - warning, options.kafka.topic(ResultStreams.ALERTS), jsonl);
        out.println("  " + weeks.get(0) + " " + strip + " " + weeks.get(weeks.size() - 1)
                + "   (! critical, * warning, . calm)");
        alerts.stream().filter(a -> Alert.CRITICAL.equals(a.severity) && a.rule.equals(io.dexposure.analytics.alerts.AlertRule.ISSUER_COLLAPSE))
                .sorted(java.util.Comparator.comparing((Alert a) -> a.week).thenComparing(a -> -a.value))
                .forEach(a -> out.println("  " + AlertsCommand.line(a, false)));
        out.println("  All of them: bin/dexposure alerts --bootstrap-servers <broker> --severity info, or " + jsonl.getFileName());
    }

    /** The root cause of a finished job's failure, for one line on the console. */
    private static String failureOf(JobClient job) {
        try {
            job.getJobExecutionResult().get(10, TimeUnit.SECONDS);
            return "it finished without failing";
        } catch (Exception e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            return root.getClass().getSimpleName() + ": " + root.getMessage();
        }
    }

    private static void cancel(JobClient job) {
        try {
            JobStatus status = job.getJobStatus().get(5, TimeUnit.SECONDS);
            if (!status.isGloballyTerminalState()) {
                job.cancel().get(30, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            // Already gone with its MiniCluster: nothing left to stop.
        }
    }

    private static void emptyDirectory(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    if (!p.equals(dir) && !p.getFileName().toString().equals("dexposure.log")) {
                        Files.delete(p);
                    }
                }
            }
        }
        Files.createDirectories(dir);
    }

    /** Follows the output topics, prints each week's row once, keeps what it saw. */
    private static final class ResultCollector implements Runnable {
        private final JobOptions options;
        private final ConsoleProgress console;
        private final Path jsonl;
        private final Map<String, WeekMetrics> metrics = new TreeMap<>();
        private final Map<String, WeekIssue> issues = new TreeMap<>();
        /** Weeks read by the replay whose row is not printed yet, in week order: rows come out in that order. */
        private final java.util.ArrayDeque<String> unprinted = new java.util.ArrayDeque<>();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private WeekTable table;
        private volatile Exception failure;

        ResultCollector(JobOptions options, ConsoleProgress console, Path jsonl) {
            this.options = options;
            this.console = console;
            this.jsonl = jsonl;
        }

        @Override
        public void run() {
            synchronized (this) {
                table = new WeekTable(new PrintStream(new LineSink(console), true, StandardCharsets.UTF_8));
                table.header();
            }
            try (WeekResultsConsumer consumer = new WeekResultsConsumer(options.kafka.bootstrapServers, options.kafka.topic(ResultStreams.NETWORK_METRICS),
                         options.kafka.topic(ResultStreams.DATA_QUALITY));
                 OutputStream records = Files.newOutputStream(jsonl)) {
                while (running.get()) {
                    WeekResultsConsumer.Batch batch = consumer.poll(Duration.ofMillis(500));
                    for (WeekMetrics m : batch.metrics()) {
                        boolean fresh;
                        synchronized (this) {
                            fresh = metrics.putIfAbsent(m.week, m) == null;
                        }
                        if (fresh) {
                            records.write(JsonKafkaSink.toJson(m));
                            records.write('\n');
                        }
                    }
                    for (WeekIssue i : batch.issues()) {
                        boolean fresh;
                        synchronized (this) {
                            fresh = issues.putIfAbsent(i.id, i) == null;
                        }
                        if (fresh) {
                            console.println("!! " + i.week + " " + i.problem + ": " + i.message);
                        }
                    }
                    printReadyRows();
                }
            } catch (Exception e) {
                failure = e;
            }
        }

        /** The replay read this week; its row is printed once it and every earlier week have a result. */
        synchronized void expectWeek(LocalDate week) {
            unprinted.add(week.toString());
        }

        private synchronized void printReadyRows() {
            while (!unprinted.isEmpty() && table != null) {
                String week = unprinted.peek();
                WeekMetrics m = metrics.get(week);
                if (m != null) {
                    table.row(m);
                } else if (issues.values().stream().noneMatch(i -> week.equals(i.week))) {
                    return;
                }
                unprinted.poll();
            }
        }

        boolean awaitWeeks(List<LocalDate> weeks, JobClient job, Duration timeout) throws Exception {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                if (failure != null) {
                    throw failure;
                }
                synchronized (this) {
                    long done = weeks.stream().map(LocalDate::toString)
                            .filter(w -> metrics.containsKey(w) || issues.values().stream().anyMatch(i -> w.equals(i.week)))
                            .count();
                    if (done == weeks.size()) {
                        return true;
                    }
                }
                JobStatus status;
                try {
                    status = job.getJobStatus().get(5, TimeUnit.SECONDS);
                } catch (java.util.concurrent.ExecutionException e) {
                    status = JobStatus.FAILED; // a local job's MiniCluster shuts down with the job
                }
                if (status.isGloballyTerminalState()) {
                    System.err.println("The Flink job stopped early (" + status + "): " + failureOf(job)
                            + "\nFull log: " + System.getProperty("dexposure.log.file", "dexposure.log"));
                    return false;
                }
                Thread.sleep(200);
            }
            System.err.println("Timed out waiting for every week's result.");
            return false;
        }

        void stop() {
            running.set(false);
        }

        synchronized List<WeekMetrics> metricsByWeek() {
            return new ArrayList<>(metrics.values());
        }

        synchronized List<WeekIssue> issues() {
            return new ArrayList<>(issues.values());
        }
    }

    /** Routes the table's lines through the console, above the progress line. */
    private static final class LineSink extends OutputStream {
        private final ConsoleProgress console;
        private final java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();

        LineSink(ConsoleProgress console) {
            this.console = console;
        }

        @Override
        public synchronized void write(int b) {
            if (b == '\n') {
                console.println(line.toString(StandardCharsets.UTF_8));
                line.reset();
            } else {
                line.write(b);
            }
        }
    }
}
