package io.dexposure.tools.integration;

import io.dexposure.job.streams.ResultStreams;
import io.dexposure.analytics.alerts.Alert;
import io.dexposure.analytics.alerts.AlertThresholds;
import io.dexposure.tools.evaluation.FileShockReplay;
import io.dexposure.analytics.alerts.ShockDetector;
import io.dexposure.tools.results.AlertConsumer;
import io.dexposure.analytics.assembly.WeekIssue;
import io.dexposure.job.ExposureMonitorJob;
import io.dexposure.job.JobOptions;
import io.dexposure.analytics.metrics.WeekMetrics;
import io.dexposure.analytics.metrics.WeekMetricsCalculator;
import io.dexposure.analytics.network.SnapshotNetworks;
import io.dexposure.analytics.network.WeeklyNetwork;
import io.dexposure.tools.results.WeekResultsConsumer;
import io.dexposure.job.sinks.JsonKafkaSink;
import io.dexposure.analytics.incidents.Incident;
import io.dexposure.analytics.incidents.IncidentState;
import io.dexposure.analytics.incidents.IncidentTracker;
import io.dexposure.localkafka.LocalKafkaBroker;
import io.dexposure.replayer.publish.KafkaTopics;
import io.dexposure.replayer.publish.PublisherConfig;
import io.dexposure.replayer.publish.SnapshotReplay;
import io.dexposure.snapshot.NegativeTvlPolicy;
import io.dexposure.snapshot.ProtocolDirectory;
import io.dexposure.snapshot.SnapshotReader;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.jobgraph.SavepointRestoreSettings;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The walking skeleton end to end, for real: the shipped sample replayed by the replayer into a
 * child-JVM KRaft broker, the monitor job on a MiniCluster (parallelism 2, exactly-once Kafka
 * sinks), results read back read_committed. The job is cancelled part-way and restarted from its
 * retained checkpoint while the replay is run a second time on the same topics: every week still
 * comes out exactly once, with the values computed directly from the file.
 */
class SampleReplayIntegrationTest {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    static final Path SAMPLE = Path.of("../data/sample/dexposure-sample.json");
    static final Path MAPPING = Path.of("../data/sample/id_to_info.json");
    /** The sample's middle: the first replay stops here, the second publishes the rest. */
    static final LocalDate FIRST_PART_ENDS = LocalDate.of(2022, 7, 25);

    static Map<String, WeekMetrics> expected;
    /** The alerts the shock detector raises on the file, by id, as JSON. */
    static Map<String, String> expectedAlerts;
    /** The incident records of the file, by id, as JSON. */
    static Map<String, String> expectedIncidents;
    static ProtocolDirectory directory;

    @TempDir
    Path checkpoints;

    @BeforeAll
    static void computeExpectedMetricsDirectlyFromTheFile() throws Exception {
        directory = ProtocolDirectory.load(MAPPING);
        expected = new LinkedHashMap<>();
        WeekMetricsCalculator calculator = calculator(new JobOptions());
        try (SnapshotReader reader = SnapshotReader.open(SAMPLE, SnapshotReader.Options.all())) {
            while (reader.hasNext()) {
                WeeklyNetwork network = SnapshotNetworks.of(reader.next(), directory);
                expected.put(network.week().toString(), calculator.compute(network));
            }
        }
        assertThat(expected).hasSizeGreaterThanOrEqualTo(30);
        expectedAlerts = new LinkedHashMap<>();
        expectedIncidents = new LinkedHashMap<>();
        // What `detect` computes on the file: the detector and the incident tracker, week by week.
        IncidentTracker tracker = new IncidentTracker(AlertThresholds.defaults());
        IncidentState open = new IncidentState();
        new FileShockReplay(new ShockDetector(AlertThresholds.defaults()), new JobOptions().analysis.calculator())
                .run(SAMPLE, SnapshotReader.Options.all(), directory, (week, assessment) -> {
                    tracker.update(week.week, assessment.alerts(), assessment.assets(), open)
                            .forEach(i -> expectedIncidents.put(i.id, new String(JsonKafkaSink.toJson(i), StandardCharsets.UTF_8)));
                    assessment.alerts().forEach(a -> expectedAlerts.put(a.id, new String(JsonKafkaSink.toJson(a), StandardCharsets.UTF_8)));
                });
        // The sample's two scripted collapses raise critical alerts; the set is not trivially empty.
        assertThat(expectedAlerts.keySet()).anyMatch(id -> id.startsWith("2022-05-09:asset-collapse:"))
                .anyMatch(id -> id.startsWith("2022-11-07:asset-collapse:"));
        assertThat(expectedIncidents.keySet()).contains("incident:2022-05-09:UST@2022-05-09", "incident:2022-11-07:FTT@2022-11-07");
    }

    @Test
    void everyWeekExactlyOnceAcrossAJobRestartAndASecondReplay() throws Exception {
        String broker = LocalKafkaBroker.shared().bootstrapServers();
        JobOptions options = options(broker, checkpoints);
        KafkaTopics.ensure(broker, options.kafka.allTopics(), 2);
        AlertConsumer alertConsumer = new AlertConsumer(broker, options.kafka.topic(ResultStreams.ALERTS), null, Alert.INFO);
        Map<String, List<String>> alerts = new HashMap<>();

        // Replay 1: the first part of the file. Job 1 follows it and is cancelled once ten weeks are out,
        // possibly in the middle of a week or a checkpoint.
        replay(options, FIRST_PART_ENDS);
        JobClient first = start(options, Optional.empty());
        Map<String, List<WeekMetrics>> seen = new HashMap<>();
        List<WeekIssue> issues = new ArrayList<>();
        try (WeekResultsConsumer results = new WeekResultsConsumer(broker, options.kafka.topic(ResultStreams.NETWORK_METRICS),
                options.kafka.topic(ResultStreams.PROTOCOL_METRICS), options.kafka.topic(ResultStreams.DATA_QUALITY))) {
            collectUntil(results, seen, issues, s -> s.size() >= 10, first);
            first.cancel().get(60, TimeUnit.SECONDS);
            Path checkpoint = latestRetainedCheckpoint(checkpoints, first);

            // Replay 2: the whole file again on the same topic. What is already there is skipped.
            SnapshotReplay.Result second = replay(options, null);
            assertThat(second.summary().resumedAfter()).contains(FIRST_PART_ENDS);
            assertThat(second.summary().weeksSkipped() + second.summary().weeksPublished()).isEqualTo(expected.size());

            // Job 2 resumes from job 1's checkpoint and finishes the history.
            JobClient restarted = start(options, Optional.of(checkpoint));
            try {
                collectUntil(results, seen, issues, s -> s.keySet().containsAll(expected.keySet()), restarted);
                // Alerts come from the sequential operator, a little after the week's metrics.
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (!alerts.keySet().containsAll(expectedAlerts.keySet()) && System.nanoTime() < deadline) {
                    alertConsumer.poll(Duration.ofMillis(300)).forEach(a -> alerts.computeIfAbsent(a.id, k -> new ArrayList<>())
                            .add(new String(JsonKafkaSink.toJson(a), StandardCharsets.UTF_8)));
                }
                // Give a late duplicate, if the job produced one, time to be committed and seen.
                collectFor(results, seen, issues, Duration.ofSeconds(3));
            } finally {
                restarted.cancel().get(60, TimeUnit.SECONDS);
            }
        }
        alertConsumer.close();
        // The consumer deduplicates by id; count raw records too, with a fresh read of the whole topic.
        try (var raw = io.dexposure.tools.results.CommittedRecords.consumer(broker,
                io.dexposure.tools.results.CommittedRecords.freshGroup("it-raw-"))) {
            raw.subscribe(List.of(options.kafka.topic(ResultStreams.ALERTS)));
            int records = 0;
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (System.nanoTime() < end) {
                records += raw.poll(Duration.ofMillis(300)).count();
            }
            assertThat(records).as("alert records on the topic").isEqualTo(expectedAlerts.size());
        }
        // Incidents: every record once, exactly as detect computes it on the file (the open incident
        // survives the restart in the operator's state, so ids and members match).
        try (var raw = io.dexposure.tools.results.CommittedRecords.consumer(broker,
                io.dexposure.tools.results.CommittedRecords.freshGroup("it-incidents-"))) {
            raw.subscribe(List.of(options.kafka.topic(ResultStreams.INCIDENTS)));
            Map<String, List<String>> incidents = new HashMap<>();
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (System.nanoTime() < end) {
                raw.poll(Duration.ofMillis(300)).forEach(r -> {
                    Incident i = io.dexposure.tools.results.CommittedRecords.read(r, Incident.class);
                    incidents.computeIfAbsent(i.id, k -> new ArrayList<>()).add(new String(JsonKafkaSink.toJson(i), StandardCharsets.UTF_8));
                });
            }
            assertThat(incidents.keySet()).containsExactlyInAnyOrderElementsOf(expectedIncidents.keySet());
            incidents.forEach((id, copies) -> assertThat(copies).as("incident %s", id).containsExactly(expectedIncidents.get(id)));
        }
        assertThat(alerts.keySet()).containsExactlyInAnyOrderElementsOf(expectedAlerts.keySet());
        alerts.forEach((id, copies) -> assertThat(copies).as("alert %s", id).containsExactly(expectedAlerts.get(id)));

        assertThat(issues).isEmpty();
        assertThat(seen.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        int nodes = expected.values().stream().mapToInt(m -> m.nodes).sum();
        assertThat(NODE_RECORDS).hasSize(nodes);
        assertThat(NODE_RECORDS.values()).allMatch(count -> count == 1);
        for (Map.Entry<String, List<WeekMetrics>> week : seen.entrySet()) {
            assertThat(week.getValue()).as("records for week %s", week.getKey()).hasSize(1);
            assertThat(json(week.getValue().get(0))).as("metrics of week %s", week.getKey())
                    .isEqualTo(json(expected.get(week.getKey())));
        }
    }

    @Test
    void aWeekComesOutWhenItsMarkerArrivesWithoutWaitingForTheNextWeek() throws Exception {
        String broker = LocalKafkaBroker.shared().bootstrapServers();
        JobOptions options = options(broker, checkpoints);
        KafkaTopics.ensure(broker, List.of(options.kafka.inputTopic, options.kafka.topic(ResultStreams.NETWORK_METRICS), options.kafka.topic(ResultStreams.PROTOCOL_METRICS), options.kafka.topic(ResultStreams.LINK_PREDICTIONS), options.kafka.topic(ResultStreams.MODEL_QUALITY),
                options.kafka.topic(ResultStreams.DATA_QUALITY)), 2);
        String firstWeek = expected.keySet().iterator().next();

        // Only the first week is on the topic and the source follows it (unbounded): the watermark
        // never passes that week, so only the week-closed marker can fire its window.
        replay(options, LocalDate.parse(firstWeek));
        JobClient job = start(options, Optional.empty());
        Map<String, List<WeekMetrics>> seen = new HashMap<>();
        List<WeekIssue> issues = new ArrayList<>();
        try (WeekResultsConsumer results = new WeekResultsConsumer(broker, options.kafka.topic(ResultStreams.NETWORK_METRICS), options.kafka.topic(ResultStreams.DATA_QUALITY))) {
            collectUntil(results, seen, issues, s -> s.containsKey(firstWeek), job);
        } finally {
            job.cancel().get(60, TimeUnit.SECONDS);
        }
        assertThat(seen).containsOnlyKeys(firstWeek);
        assertThat(json(seen.get(firstWeek).get(0))).isEqualTo(json(expected.get(firstWeek)));
        assertThat(issues).isEmpty();
    }

    // --- the real pieces, wired as the demo wires them

    static JobOptions options(String broker, Path checkpoints) {
        String run = UUID.randomUUID().toString().substring(0, 8);
        JobOptions options = new JobOptions();
        options.kafka.bootstrapServers = broker;
        options.kafka.inputTopic = "it-" + run + ".snapshot-events";
        ResultStreams.ALL.forEach(stream -> options.kafka.topics.put(stream.name(), "it-" + run + "." + stream.name()));
        options.kafka.groupId = "it-" + run;
        options.kafka.transactionalIdPrefix = "it-" + run;
        options.execution.checkpointDir = checkpoints.toUri().toString();
        options.execution.checkpointIntervalMs = 300;
        options.execution.parallelism = 2;
        options.execution.restartAttempts = 0;
        return options;
    }

    static SnapshotReplay.Result replay(JobOptions options, LocalDate to) throws Exception {
        PublisherConfig config = PublisherConfig.of(options.kafka.bootstrapServers, options.kafka.inputTopic)
                .withTransactionalIdPrefix(options.kafka.transactionalIdPrefix + "-replayer-")
                .withDirectory(directory);
        return SnapshotReplay.run(SAMPLE, new SnapshotReader.Options(null, to, NegativeTvlPolicy.REJECT), config, line -> { });
    }

    static JobClient start(JobOptions options, Optional<Path> restoreFrom) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(
                ExposureMonitorJob.clusterConfiguration(options));
        ExposureMonitorJob.forKafka(options).build(env);
        StreamGraph graph = env.getStreamGraph();
        graph.setJobName(ExposureMonitorJob.JOB_NAME);
        restoreFrom.ifPresent(path -> graph.setSavepointRestoreSettings(SavepointRestoreSettings.forPath(path.toString(), false)));
        return env.executeAsync(graph);
    }

    static void collectUntil(WeekResultsConsumer results, Map<String, List<WeekMetrics>> seen, List<WeekIssue> issues,
                             Predicate<Map<String, List<WeekMetrics>>> done, JobClient job) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!done.test(seen)) {
            assertThat(System.nanoTime()).as("results before the deadline; got weeks %s", seen.keySet()).isLessThan(deadline);
            JobStatus status = job.getJobStatus().get(10, TimeUnit.SECONDS);
            assertThat(status.isGloballyTerminalState()).as("job status %s", status).isFalse();
            add(results.poll(Duration.ofMillis(300)), seen, issues);
        }
    }

    static void collectFor(WeekResultsConsumer results, Map<String, List<WeekMetrics>> seen, List<WeekIssue> issues,
                           Duration duration) {
        long end = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() < end) {
            add(results.poll(Duration.ofMillis(300)), seen, issues);
        }
    }

    /** Per-node records seen, by id (week:node): each must come exactly once too. */
    private static final Map<String, Integer> NODE_RECORDS = new java.util.concurrent.ConcurrentHashMap<>();

    private static void add(WeekResultsConsumer.Batch batch, Map<String, List<WeekMetrics>> seen, List<WeekIssue> issues) {
        batch.metrics().forEach(m -> seen.computeIfAbsent(m.week, w -> new ArrayList<>()).add(m));
        batch.protocols().forEach(p -> NODE_RECORDS.merge(p.id, 1, Integer::sum));
        issues.addAll(batch.issues());
    }

    /** The newest complete checkpoint job 1 left behind on cancel (kept by RETAIN_ON_CANCELLATION). */
    static Path latestRetainedCheckpoint(Path checkpoints, JobClient job) throws Exception {
        Path jobDir = checkpoints.resolve(job.getJobID().toString());
        try (Stream<Path> dirs = Files.list(jobDir)) {
            List<Path> complete = dirs.filter(d -> d.getFileName().toString().startsWith("chk-"))
                    .filter(d -> Files.exists(d.resolve("_metadata")))
                    .sorted(Comparator.comparingInt(d -> Integer.parseInt(d.getFileName().toString().substring(4))))
                    .collect(Collectors.toList());
            assertThat(complete).as("retained checkpoints in %s", jobDir).isNotEmpty();
            return complete.get(complete.size() - 1);
        }
    }

    // --- the expected values, computed without Kafka or Flink

    static WeekMetricsCalculator calculator(JobOptions options) {
        return options.analysis.calculator();
    }

    static String json(WeekMetrics metrics) {
        return new String(JsonKafkaSink.toJson(metrics), StandardCharsets.UTF_8);
    }
}
