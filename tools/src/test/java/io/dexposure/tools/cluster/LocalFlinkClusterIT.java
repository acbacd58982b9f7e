package io.dexposure.tools.cluster;

import io.dexposure.job.streams.ResultStream;
import io.dexposure.job.streams.ResultStreams;

import com.fasterxml.jackson.databind.JsonNode;
import io.dexposure.analytics.alerts.AlertThresholds;
import io.dexposure.tools.evaluation.FileShockReplay;
import io.dexposure.analytics.alerts.ShockDetector;
import io.dexposure.job.JobOptions;
import io.dexposure.analytics.metrics.WeekMetrics;
import io.dexposure.analytics.metrics.WeekMetricsCalculator;
import io.dexposure.analytics.network.SnapshotNetworks;
import io.dexposure.analytics.network.WeeklyNetwork;
import io.dexposure.tools.results.CommittedRecords;
import io.dexposure.job.sinks.JsonKafkaSink;
import io.dexposure.localkafka.LocalKafkaBroker;
import io.dexposure.job.store.EventTimeStore;
import io.dexposure.job.store.StoreTable;
import io.dexposure.job.store.StoreTables;
import io.dexposure.testservers.LocalPostgres;
import io.dexposure.replayer.publish.KafkaTopics;
import io.dexposure.replayer.publish.PublisherConfig;
import io.dexposure.replayer.publish.SnapshotReplay;
import io.dexposure.snapshot.NegativeTvlPolicy;
import io.dexposure.snapshot.ProtocolDirectory;
import io.dexposure.snapshot.SnapshotReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The job jar on a real Flink cluster: a JobManager and two TaskManagers as separate JVMs
 * ({@link LocalFlinkCluster}), the jar submitted with Flink's own client ({@code flink run -d}), the child-JVM
 * Kafka broker, the shipped sample replayed by the replayer while the job runs. First an uninterrupted run; then
 * the faults, each compared record for record with it: a TaskManager killed with SIGKILL mid-replay (replaced),
 * stop-with-savepoint with resumes at parallelism 4, then 1, the broker stopped for 30 s while the replay publishes
 * (job and replayer recover by themselves), and PostgreSQL stopped for 30 s under the event-time store. Measured
 * recovery times and checkpoint sizes are printed at the end (target/failsafe-reports/...-output.txt). No process
 * of the cluster, broker or PostgreSQL survives; the process checks look only at processes this class started
 * (marked with its own work directories), never at other builds' JVMs on the machine.
 *
 * <p>ROLAND runs (at a small size, {@link #SMALL_ROLAND}) in the uninterrupted run and in the TaskManager kill, whose
 * predictions must equal the uninterrupted run's byte for byte; the other faults run --no-roland (its two topics
 * stay empty) and compare every other topic. The job runs with its default restart strategy throughout: the
 * outages below are what it is sized for. The PostgreSQL test adds the event-time store (--jdbc-url) and checks
 * that its tables hold exactly what the topics hold.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalFlinkClusterIT {
    static final Path SAMPLE = Path.of("../data/sample/dexposure-sample.json");
    static final Path MAPPING = Path.of("../data/sample/id_to_info.json");
    /**
     * The sample's first 16 weeks (2022-04-18 to 2022-08-01, the May collapse included): enough weeks for a fault
     * in the middle and three parallelisms, and each run short enough for CI's 2 cores.
     */
    static final SnapshotReader.Options WEEKS = new SnapshotReader.Options(null, java.time.LocalDate.of(2022, 8, 1),
            NegativeTvlPolicy.REJECT);
    /** Generous: on a loaded 2-core machine a run of the sample takes minutes, alone well under one. */
    static final Duration RUN_TIMEOUT = Duration.ofMinutes(8);
    /**
     * ROLAND at a small size: the sample's weeks have a few hundred protocols, and what the kill test checks (the
     * model's state crossing a restore, deterministic training) does not depend on the layer widths; the default
     * sizes only cost minutes on CI's 2 cores. Threads stay at the default 1 (determinism).
     */
    static final List<String> SMALL_ROLAND = List.of("--roland-preprocess-sizes", "16,16", "--roland-gnn-sizes", "16,8",
            "--roland-max-epochs", "2", "--roland-mrr-queries", "100", "--roland-mrr-candidates", "20", "--roland-top-k", "20");
    /** ROLAND's topics: empty in the --no-roland runs, compared only where ROLAND runs. */
    static final java.util.Set<String> ROLAND_TOPICS = java.util.Set.of(ResultStreams.LINK_PREDICTIONS.name(),
            ResultStreams.MODEL_QUALITY.name());
    static final String LAST_WEEK = "2022-08-01";

    static Path work;
    static LocalKafkaBroker broker;
    static LocalFlinkCluster cluster;
    /** Started by the PostgreSQL outage test only. */
    static LocalPostgres postgres;
    static ProtocolDirectory directory;
    /** Expected metrics per week, computed from the file without Flink or Kafka. */
    static Map<String, String> expectedMetrics;
    static List<String> expectedAlertIds;
    /** Every result topic of the uninterrupted run: topic suffix -> sorted "key\tvalue" lines. */
    static Map<String, List<String>> reference;
    static final List<String> MEASURED = Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void startBrokerAndCluster() throws Exception {
        assertThat(clusterProcesses(Path.of("target").toAbsolutePath())).as("cluster JVMs left by an earlier run").isEmpty();
        directory = ProtocolDirectory.load(MAPPING);
        expectedMetrics = new LinkedHashMap<>();
        WeekMetricsCalculator calculator = new JobOptions().analysis.calculator();
        try (SnapshotReader reader = SnapshotReader.open(SAMPLE, WEEKS)) {
            while (reader.hasNext()) {
                WeeklyNetwork network = SnapshotNetworks.of(reader.next(), directory);
                expectedMetrics.put(network.week().toString(), json(calculator.compute(network)));
            }
        }
        expectedAlertIds = new ArrayList<>();
        new FileShockReplay(new ShockDetector(AlertThresholds.defaults()), new JobOptions().analysis.calculator())
                .run(SAMPLE, WEEKS, directory, (week, assessment) -> assessment.alerts()
                        .forEach(a -> expectedAlertIds.add(a.id)));
        assertThat(expectedMetrics).hasSize(16);
        assertThat(expectedAlertIds).contains("2022-05-09:asset-collapse:UST"); // the Terra-like collapse is in the 16 weeks
        Files.createDirectories(Path.of("target"));
        work = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "cluster-it-");
        broker = LocalKafkaBroker.start(work.resolve("kafka"));
        long started = System.nanoTime();
        cluster = LocalFlinkCluster.start(work.resolve("flink"), LocalFlinkCluster.Settings.defaults());
        MEASURED.add(String.format("cluster start (JobManager + 2 TaskManagers registered): %.1f s", seconds(started)));
    }

    @AfterAll
    static void stopEverythingAndLeaveNoProcess() {
        if (cluster != null) {
            cluster.close();
        }
        if (broker != null) {
            broker.close();
        }
        Path postgresDir = null;
        if (postgres != null) {
            postgresDir = postgres.directory();
            try {
                postgres.close();
            } catch (java.io.IOException e) {
                MEASURED.add("closing PostgreSQL: " + e);
            }
        }
        System.out.println("---- measured on the local Flink cluster ----");
        MEASURED.forEach(System.out::println);
        assertThat(clusterProcesses(work)).as("JobManager / TaskManager / flink run JVMs still alive").isEmpty();
        if (broker != null) {
            assertThat(broker.isAlive()).as("child broker still alive").isFalse();
        }
        if (postgresDir != null) {
            assertThat(processesMentioning(postgresDir.toString())).as("PostgreSQL processes still alive").isEmpty();
        }
    }

    @Test
    @Order(1)
    @Timeout(900)
    void restAnswersAndAnUninterruptedRunIsTheReference() throws Exception {
        JsonNode overview = cluster.rest().get("/overview");
        assertThat(overview.path("flink-version").asText()).isEqualTo("1.20.3");
        assertThat(overview.path("taskmanagers").asInt()).isEqualTo(2);
        assertThat(overview.path("slots-total").asInt()).isEqualTo(4);
        assertThat(cluster.rest().get("/jobs/overview").path("jobs").isArray()).isTrue();

        Run run = new Run("ref").withRoland();
        CompletableFuture<SnapshotReplay.Result> replay = run.replayInBackground(4);
        long submitted = System.nanoTime();
        String job = cluster.submit(run.submission(2));
        assertThat(cluster.rest().get("/jobs/overview").path("jobs").findValuesAsText("jid")).contains(job);
        run.awaitAllWeeks(job);
        MEASURED.add(String.format("uninterrupted run, parallelism 2: all %d weeks out %.1f s after flink run", expectedMetrics.size(),
                seconds(submitted)));
        assertThat(replay.get(60, TimeUnit.SECONDS).summary().weeksPublished()).isEqualTo(expectedMetrics.size());
        reference = run.settledTopics();
        recordCheckpoints("uninterrupted", job);
        cluster.rest().cancel(job);

        run.assertMetricsAndAlertsAsComputedFromTheFile(reference);
        assertThat(reference.get(ResultStreams.LINK_PREDICTIONS.name())).as("ROLAND's predictions").isNotEmpty();
        assertThat(reference.get(ResultStreams.MODEL_QUALITY.name())).as("ROLAND's model quality").isNotEmpty();
    }

    @Test
    @Order(2)
    @Timeout(900)
    void aTaskManagerKilledMidReplayIsReplacedAndTheJobResumesFromItsCheckpoint() throws Exception {
        assertThat(reference).as("the uninterrupted run").isNotNull();
        Run run = new Run("kill").withRoland();
        // Weeks 1-6 first; once they are out and checkpointed, the other 10 at 1 week/s, and the kill during them:
        // a kill after the whole replay (a race the machine's load decided) would leave nothing to recover.
        run.replayUpTo(java.time.LocalDate.of(2022, 5, 23));
        String job = cluster.submit(run.submission(2));
        run.awaitWeeks(job, 6);
        awaitCompletedCheckpoint(job);
        CountDownLatch twoMoreWeeks = new CountDownLatch(2);
        CompletableFuture<SnapshotReplay.Result> replay = run.replayRetryingInBackground(1, line -> twoMoreWeeks.countDown());
        assertThat(twoMoreWeeks.await(120, TimeUnit.SECONDS)).as("weeks 7 and 8 replayed").isTrue();

        // The TaskManager running ROLAND (and a subtask of the weekly analysis, spread over both): SIGKILL, no
        // goodbye. ROLAND's model and its previous week are restored from the checkpoint on the other TaskManager
        // or the replacement, in a new user-code classloader, with PyTorch's library already loaded there or not.
        String vertex = vertexId(job, "roland-live-update");
        String victim = cluster.rest().get("/jobs/" + job + "/vertices/" + vertex + "/taskmanagers")
                .path("taskmanagers").get(0).path("taskmanager-id").asText();
        int weeksBefore = run.weeksSeen();
        assertThat(weeksBefore).as("weeks out before the kill").isLessThan(expectedMetrics.size());
        long killed = System.nanoTime();
        cluster.killTaskManager(cluster.taskManagerPid(victim));
        cluster.startTaskManager(); // the replacement
        double replacementUp = seconds(killed);
        awaitState(job, "RESTARTING", "RUNNING", Duration.ofSeconds(60));
        awaitAllTasksRunning(job, Duration.ofSeconds(120));
        double running = seconds(killed);
        run.awaitWeeks(job, weeksBefore + 1);
        double firstNewWeek = seconds(killed);
        run.awaitAllWeeks(job);
        SnapshotReplay.Result replayed = replay.get(60, TimeUnit.SECONDS);
        assertThat(replayed.summary().weeksPublished()).isEqualTo(expectedMetrics.size() - 6);
        assertThat(replayed.summary().weeksSkipped()).isEqualTo(6);
        Map<String, List<String>> topics = run.settledTopics();
        JsonNode counts = cluster.rest().get("/jobs/" + job + "/checkpoints").path("counts");
        MEASURED.add(String.format("TaskManager (with ROLAND) kill -9 after %d weeks: replacement registered %.1f s, all tasks RUNNING "
                        + "again %.1f s, first new week committed %.1f s after the kill (restored from checkpoint %d times)",
                weeksBefore, replacementUp, running, firstNewWeek, counts.path("restored").asInt()));
        recordCheckpoints("after TaskManager kill", job);
        cluster.rest().cancel(job);

        assertThat(counts.path("restored").asInt()).as("restores from a checkpoint").isGreaterThanOrEqualTo(1);
        run.assertEqualToReference(topics);
    }

    @Test
    @Order(3)
    @Timeout(900)
    void stopWithSavepointThenResumeAtParallelismFourThenOne() throws Exception {
        assertThat(reference).as("the uninterrupted run").isNotNull();
        Run run = new Run("rescale");
        // The replay in three parts, so that each job has weeks of its own to work on and the state of the
        // sequential operators (the previous week, the change-point detectors) crosses both savepoints.
        run.replayUpTo(java.time.LocalDate.of(2022, 5, 23)); // weeks 1-6
        String first = cluster.submit(run.submission(2));
        run.awaitWeeks(first, 6);
        long stop1 = System.nanoTime();
        String savepoint1 = stopWithSavepoint(first);
        double savepointTaken = seconds(stop1);
        awaitState(first, "FINISHED", null, Duration.ofSeconds(60));

        run.replayUpTo(java.time.LocalDate.of(2022, 6, 27)); // weeks 7-11
        long resume1 = System.nanoTime();
        String second = cluster.submit(run.submission(4).restoringFrom(savepoint1));
        run.awaitWeeks(second, 7);
        double firstWeekAt4 = seconds(resume1);
        assertThat(maxParallelismOf(second, "weekly-window-network-metrics")).isEqualTo(128);
        assertThat(parallelismOf(second, "weekly-window-network-metrics")).isEqualTo(4);
        run.awaitWeeks(second, 11);
        String savepoint2 = stopWithSavepoint(second);
        awaitState(second, "FINISHED", null, Duration.ofSeconds(60));

        run.replayUpTo(null); // weeks 12-16
        long resume2 = System.nanoTime();
        String third = cluster.submit(run.submission(1).restoringFrom(savepoint2));
        run.awaitWeeks(third, 12);
        double firstWeekAt1 = seconds(resume2);
        assertThat(parallelismOf(third, "weekly-window-network-metrics")).isEqualTo(1);
        run.awaitAllWeeks(third);
        Map<String, List<String>> topics = run.settledTopics();
        MEASURED.add(String.format("stop-with-savepoint at parallelism 2 after 6 weeks: %.1f s (savepoint %s); resumed at 4: "
                        + "first new week %.1f s after flink run -s; stopped again after 11 weeks (savepoint %s), resumed at 1: "
                        + "first new week %.1f s after flink run -s", savepointTaken, sizeOf(savepoint1), firstWeekAt4,
                sizeOf(savepoint2), firstWeekAt1));
        recordCheckpoints("after rescale to 1", third);
        cluster.rest().cancel(third);

        run.assertEqualToReference(topics);
    }

    @Test
    @Order(4)
    @Timeout(900)
    void theBrokerStoppedForThirtySecondsMidReplayIsSurvivedByJobAndReplayerOnTheirOwn() throws Exception {
        assertThat(reference).as("the uninterrupted run").isNotNull();
        Run run = new Run("broker");
        // Weeks 1-6 first, so that the job is running with weeks behind it when the broker goes (a job still
        // deploying only waits in its sinks' initialisation: no failover to survive); then the rest in the
        // background, paced, so that the replay is certainly still publishing: the broker stops once its first week
        // (week 7) is committed, with 9 weeks (18 s at 0.5 weeks/s) to go, and stays away 30 s.
        run.replayUpTo(java.time.LocalDate.of(2022, 5, 23));
        String job = cluster.submit(run.submission(2));
        run.awaitWeeks(job, 4);
        CountDownLatch firstWeekCommitted = new CountDownLatch(1);
        List<String> replayLines = Collections.synchronizedList(new ArrayList<>());
        CompletableFuture<SnapshotReplay.Result> replay = run.replayRetryingInBackground(0.5, line -> {
            replayLines.add(line);
            if (!line.startsWith("publishing failed")) {
                firstWeekCommitted.countDown();
            }
        });
        assertThat(firstWeekCommitted.await(120, TimeUnit.SECONDS)).as("week 7 replayed").isTrue();
        int weeksBefore = run.weeksSeen();

        long down = System.nanoTime();
        broker.stopKeepingData();
        assertThat(replay).as("the replay, when the broker stops").isNotDone();
        Thread.sleep(OUTAGE.toMillis());
        broker = broker.startAgain();
        long up = System.nanoTime();
        // Neither is touched from here on: the replayer retries (resuming after its last committed week), the job
        // restarts by its default restart strategy.
        run.awaitWeeks(job, weeksBefore + 1);
        double firstNewWeek = seconds(up);
        double firstNewWeekSinceDown = seconds(down);
        SnapshotReplay.Result replayed = replay.get(240, TimeUnit.SECONDS);
        double replayDone = seconds(up);
        assertThat(replayed.weeksInInput()).hasSize(expectedMetrics.size());
        assertThat(replayed.failedAttempts()).as("replay attempts that met the outage; lines: %s", replayLines)
                .isGreaterThanOrEqualTo(1);
        run.awaitAllWeeks(job);
        double allWeeks = seconds(up);
        Map<String, List<String>> topics = run.settledTopics();
        JsonNode details = cluster.rest().get("/jobs/" + job + "/exceptions");
        MEASURED.add(String.format("Kafka broker down %d s mid-replay (7 of %d weeks published, %d out of the job; same "
                        + "log dir and port): first new week committed %.1f s after the broker was back (%.1f s after it "
                        + "went down); replay finished %.1f s after it was back (%d failed attempts retried); all weeks "
                        + "committed %.1f s after it was back; failovers recorded by the job: %d", OUTAGE.toSeconds(),
                expectedMetrics.size(), weeksBefore, firstNewWeek, firstNewWeekSinceDown, replayDone,
                replayed.failedAttempts(), allWeeks, details.path("exceptionHistory").path("entries").size()));
        recordCheckpoints("after broker outage", job);
        cluster.rest().cancel(job);
        assertThat(run.weekMarkersOnTheInputTopic()).as("week-closed markers on the input topic, per week")
                .hasSize(expectedMetrics.size()).allSatisfy((week, count) -> assertThat(count).as(week).isEqualTo(1));
        run.assertEqualToReference(topics);
    }

    @Test
    @Order(5)
    @Timeout(900)
    void postgresStoppedForThirtySecondsMidRunAndAfterwardsTheStoreHoldsExactlyTheTopics() throws Exception {
        assertThat(reference).as("the uninterrupted run").isNotNull();
        postgres = LocalPostgres.start();
        String url = postgres.createDatabase("cluster");
        Run run = new Run("store").withStore(url);
        // Paced so that weeks keep coming while the database is away: their rows cannot be written.
        CompletableFuture<SnapshotReplay.Result> replay = run.replayInBackground(0.5);
        String job = cluster.submit(run.submission(2));
        run.awaitWeeks(job, 3);
        int weeksBefore = run.weeksSeen();

        long down = System.nanoTime();
        postgres.stopKeepingData();
        Thread.sleep(OUTAGE.toMillis());
        postgres.startAgain();
        long up = System.nanoTime();
        awaitAllTasksRunning(job, Duration.ofSeconds(180));
        double running = seconds(up);
        run.awaitAllWeeks(job);
        double allWeeks = seconds(up);
        assertThat(replay.get(60, TimeUnit.SECONDS).summary().weeksPublished()).isEqualTo(expectedMetrics.size());
        Map<String, List<String>> topics = run.settledTopics();
        // The JDBC sinks write at least once, flushed at every checkpoint: wait for the rows of the last weeks.
        Map<String, List<String>> store = run.storeTables(url);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!store.equals(valuesOf(topics)) && System.nanoTime() < deadline) {
            Thread.sleep(1_000);
            store = run.storeTables(url);
        }
        int failovers = cluster.rest().get("/jobs/" + job + "/exceptions").path("exceptionHistory").path("entries").size();
        MEASURED.add(String.format("PostgreSQL down %d s after %d weeks (same data dir and port): job RUNNING %.1f s and "
                        + "all weeks committed %.1f s after it was back (%.1f s after it went down); failovers recorded "
                        + "by the job: %d", OUTAGE.toSeconds(), weeksBefore, running, allWeeks, seconds(down), failovers));
        recordCheckpoints("after PostgreSQL outage", job);
        cluster.rest().cancel(job);

        assertThat(failovers).as("restarts of the job: the outage met writes to the store").isGreaterThanOrEqualTo(1);
        run.assertEqualToReference(topics);
        Map<String, List<String>> topicValues = valuesOf(topics);
        assertThat(store.keySet()).isEqualTo(topicValues.keySet());
        for (String stream : topicValues.keySet()) {
            assertThat(store.get(stream)).as("rows of %s's table, read back as records, vs the topic", stream)
                    .hasSameSizeAs(topicValues.get(stream)).isEqualTo(topicValues.get(stream));
        }
        assertThat(store.get(ResultStreams.NETWORK_METRICS.name())).as("each week exactly once").hasSize(expectedMetrics.size());
    }

    /** Topic suffix -> sorted record values (the "key\tvalue" lines without the key). */
    static Map<String, List<String>> valuesOf(Map<String, List<String>> topics) {
        Map<String, List<String>> values = new TreeMap<>();
        topics.forEach((topic, lines) -> values.put(topic, lines.stream().map(l -> l.substring(l.indexOf('\t') + 1))
                .sorted().collect(Collectors.toList())));
        return values;
    }

    static final Duration OUTAGE = Duration.ofSeconds(30);

    // ------------------------------------------------------------------------------------------ one run's topics

    /** One job run on its own topics (names prefixed by a run id), replayed from the sample. */
    static final class Run {
        final String prefix;
        final JobOptions options = new JobOptions();
        final Map<String, String> topicBySuffix = new TreeMap<>();
        private final Map<String, Integer> metricsSeen = new TreeMap<>();
        private KafkaConsumer<byte[], byte[]> metricsConsumer;
        private boolean roland;
        private String jdbcUrl;

        Run(String name) {
            prefix = "cit-" + name + "-" + UUID.randomUUID().toString().substring(0, 6);
            topicBySuffix.put("snapshot-events", prefix + ".snapshot-events");
            for (ResultStream<?> stream : ResultStreams.ALL) {
                topicBySuffix.put(stream.name(), prefix + "." + stream.name());
            }
            KafkaTopics.ensure(broker.bootstrapServers(), topicBySuffix.values(), 2);
        }

        /** ROLAND on, at {@link #SMALL_ROLAND}. */
        Run withRoland() {
            roland = true;
            return this;
        }

        /** The event-time store at this URL too. */
        Run withStore(String url) {
            jdbcUrl = url;
            return this;
        }

        JobSubmission submission(int parallelism) {
            // No restart flags: the default restart strategy is what these faults test.
            List<String> flags = new ArrayList<>(List.of(
                    "--bootstrap-servers", broker.bootstrapServers(),
                    "--input-topic", topicBySuffix.get("snapshot-events"),
                    "--group-id", prefix, "--transactional-id-prefix", prefix,
                    "--checkpoint-dir", cluster.checkpointDir().toUri().toString(),
                    "--checkpoint-interval-ms", "1000",
                    "--parallelism", Integer.toString(parallelism)));
            if (roland) {
                flags.addAll(SMALL_ROLAND);
            } else {
                flags.add("--no-roland");
            }
            if (jdbcUrl != null) {
                flags.addAll(List.of("--jdbc-url", jdbcUrl, "--jdbc-user", LocalPostgres.USER));
            }
            for (ResultStream<?> stream : ResultStreams.ALL) {
                flags.add("--topic");
                flags.add(stream.name() + "=" + topicBySuffix.get(stream.name()));
            }
            return JobSubmission.ofJobFlags(flags).withParallelism(parallelism);
        }

        CompletableFuture<SnapshotReplay.Result> replayInBackground(double weeksPerSecond) {
            PublisherConfig config = PublisherConfig.of(broker.bootstrapServers(), topicBySuffix.get("snapshot-events"))
                    .withTransactionalIdPrefix(prefix + "-replayer-").withDirectory(directory)
                    .withWeeksPerSecond(weeksPerSecond);
            return CompletableFuture.supplyAsync(() -> {
                try {
                    return SnapshotReplay.run(SAMPLE, WEEKS, config, line -> { });
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
        }

        /** The replay as the replay command runs it: retrying after a failure that waiting cures, for up to 120 s. */
        CompletableFuture<SnapshotReplay.Result> replayRetryingInBackground(double weeksPerSecond,
                                                                           java.util.function.Consumer<String> lines) {
            PublisherConfig config = PublisherConfig.of(broker.bootstrapServers(), topicBySuffix.get("snapshot-events"))
                    .withTransactionalIdPrefix(prefix + "-replayer-").withDirectory(directory)
                    .withWeeksPerSecond(weeksPerSecond);
            return CompletableFuture.supplyAsync(() -> {
                try {
                    return SnapshotReplay.runRetrying(SAMPLE, WEEKS, config, lines, Duration.ofSeconds(120),
                            Duration.ofSeconds(2));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
        }

        /** Week -> week-closed markers committed on the input topic (read_committed). */
        Map<String, Integer> weekMarkersOnTheInputTopic() {
            Map<String, Integer> markers = new TreeMap<>();
            for (String line : readTopic(topicBySuffix.get("snapshot-events"))) {
                io.dexposure.events.SnapshotEvent event = io.dexposure.events.SnapshotEventJson.fromBytes(
                        line.substring(line.indexOf('\t') + 1).getBytes(StandardCharsets.UTF_8));
                if (event.isWeekClosed()) {
                    markers.merge(event.week, 1, Integer::sum);
                }
            }
            return markers;
        }

        /** Every table of the event-time store, by stream name: sorted rows read back as records, as JSON. */
        Map<String, List<String>> storeTables(String url) throws java.sql.SQLException {
            Map<String, List<String>> tables = new TreeMap<>();
            try (java.sql.Connection c = EventTimeStore.connect(url, LocalPostgres.USER, null)) {
                for (ResultStream<?> stream : ResultStreams.ALL) {
                    StoreTable<?> table = StoreTables.of(stream);
                    List<String> rows = new ArrayList<>();
                    try (java.sql.Statement st = c.createStatement();
                         java.sql.ResultSet rs = st.executeQuery("SELECT * FROM " + table.name())) {
                        while (rs.next()) {
                            rows.add(new String(JsonKafkaSink.toJson(table.read(rs)), StandardCharsets.UTF_8));
                        }
                    }
                    Collections.sort(rows);
                    tables.put(stream.name(), rows);
                }
            }
            return tables;
        }

        /** Replays the sample's weeks up to {@code to} (null: all of {@link #WEEKS}); weeks already on the topic are skipped. */
        void replayUpTo(java.time.LocalDate to) throws Exception {
            PublisherConfig config = PublisherConfig.of(broker.bootstrapServers(), topicBySuffix.get("snapshot-events"))
                    .withTransactionalIdPrefix(prefix + "-replayer-").withDirectory(directory);
            SnapshotReplay.run(SAMPLE, to == null ? WEEKS : new SnapshotReader.Options(null, to, NegativeTvlPolicy.REJECT),
                    config, line -> { });
        }

        int weeksSeen() {
            return metricsSeen.size();
        }

        void awaitWeeks(String job, int weeks) {
            if (metricsConsumer == null) {
                metricsConsumer = CommittedRecords.consumer(broker.bootstrapServers(), CommittedRecords.freshGroup(prefix + "-w-"));
                metricsConsumer.subscribe(List.of(topicBySuffix.get("network-metrics")));
            }
            long deadline = System.nanoTime() + RUN_TIMEOUT.toNanos();
            while (metricsSeen.size() < weeks) {
                assertThat(System.nanoTime()).as("%d weeks before the deadline; got %s", weeks, metricsSeen.keySet())
                        .isLessThan(deadline);
                String state = cluster.rest().jobState(job);
                assertThat(state).as("job %s", job).isNotIn("FAILED", "CANCELED");
                for (ConsumerRecord<byte[], byte[]> r : metricsConsumer.poll(Duration.ofMillis(300))) {
                    metricsSeen.merge(CommittedRecords.read(r, WeekMetrics.class).week, 1, Integer::sum);
                }
            }
        }

        void awaitAllWeeks(String job) {
            awaitWeeks(job, expectedMetrics.size());
        }

        /**
         * Every result topic, once nothing new has been committed for 5 s (the sequential operators trail the
         * metrics) and, with ROLAND, once its predictions made at the last week are out (a step can outlast 5 s).
         */
        Map<String, List<String>> settledTopics() throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(roland ? 180 : 60);
            while (roland && readTopic(topicBySuffix.get(ResultStreams.LINK_PREDICTIONS.name())).stream()
                    .noneMatch(l -> l.contains("\"madeAt\":\"" + LAST_WEEK + "\""))) {
                assertThat(System.nanoTime()).as("ROLAND's predictions made at %s", LAST_WEEK).isLessThan(deadline);
                Thread.sleep(1_000);
            }
            Map<String, List<String>> last = readAll();
            while (System.nanoTime() < deadline) {
                Thread.sleep(5_000);
                Map<String, List<String>> now = readAll();
                if (now.equals(last)) {
                    break;
                }
                last = now;
            }
            if (metricsConsumer != null) {
                metricsConsumer.close();
            }
            return last;
        }

        private Map<String, List<String>> readAll() {
            Map<String, List<String>> all = new TreeMap<>();
            for (Map.Entry<String, String> topic : topicBySuffix.entrySet()) {
                if (!topic.getKey().equals("snapshot-events")) {
                    all.put(topic.getKey(), readTopic(topic.getValue()));
                }
            }
            return all;
        }

        /** One topic's committed records as sorted "key\tvalue" lines. */
        private List<String> readTopic(String name) {
            try (KafkaConsumer<byte[], byte[]> consumer = CommittedRecords.consumer(broker.bootstrapServers(), null)) {
                List<TopicPartition> partitions = consumer.partitionsFor(name).stream()
                        .map(p -> new TopicPartition(p.topic(), p.partition())).collect(Collectors.toList());
                consumer.assign(partitions);
                consumer.seekToBeginning(partitions);
                Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
                List<String> lines = new ArrayList<>();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p)) && System.nanoTime() < deadline) {
                    for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                        lines.add((r.key() == null ? "" : new String(r.key(), StandardCharsets.UTF_8)) + "\t"
                                + new String(r.value(), StandardCharsets.UTF_8));
                    }
                }
                Collections.sort(lines);
                return lines;
            }
        }

        void assertMetricsAndAlertsAsComputedFromTheFile(Map<String, List<String>> topics) {
            Map<String, List<String>> metricsByWeek = new TreeMap<>();
            for (String line : topics.get("network-metrics")) {
                String value = line.substring(line.indexOf('\t') + 1);
                WeekMetrics m = read(value, WeekMetrics.class);
                metricsByWeek.computeIfAbsent(m.week, w -> new ArrayList<>()).add(value);
            }
            assertThat(metricsByWeek.keySet()).containsExactlyInAnyOrderElementsOf(expectedMetrics.keySet());
            metricsByWeek.forEach((week, values) -> assertThat(values).as("metrics of week %s", week)
                    .containsExactly(expectedMetrics.get(week)));
            List<String> alertIds = topics.get("alerts").stream().map(l -> l.substring(l.indexOf('\t') + 1))
                    .map(v -> read(v, io.dexposure.analytics.alerts.Alert.class).id).collect(Collectors.toList());
            assertThat(alertIds).containsExactlyInAnyOrderElementsOf(expectedAlertIds);
            assertThat(topics.get("data-quality")).as("data-quality records").isEmpty();
            assertThat(topics.get("protocol-metrics")).doesNotHaveDuplicates().isNotEmpty();
            assertThat(topics.get("week-risk")).hasSize(expectedMetrics.size());
        }

        /** Every topic equal to the uninterrupted run's; without ROLAND, ROLAND's topics empty and the others equal. */
        void assertEqualToReference(Map<String, List<String>> topics) {
            assertThat(topics.keySet()).isEqualTo(reference.keySet());
            for (String topic : reference.keySet()) {
                if (!roland && ROLAND_TOPICS.contains(topic)) {
                    assertThat(topics.get(topic)).as("%s without ROLAND", topic).isEmpty();
                    continue;
                }
                List<String> got = withoutWallClock(topics.get(topic));
                List<String> want = withoutWallClock(reference.get(topic));
                assertThat(got.size()).as("records on %s (uninterrupted run: %d)", topic, want.size()).isEqualTo(want.size());
                assertThat(got).as("records on %s, byte for byte", topic).isEqualTo(want);
            }
        }
    }

    /**
     * The records without ROLAND's stepMillis, the wall-clock time its weekly step took (model-quality): a measured
     * duration differs between any two runs; every other byte (scores, epochs, losses, predictions) must not.
     */
    static List<String> withoutWallClock(List<String> lines) {
        return lines.stream().map(l -> l.replaceAll(",\"stepMillis\":[0-9]+", "")).collect(Collectors.toList());
    }

    // ------------------------------------------------------------------------------------------ REST helpers

    /** The vertex whose chain starts with this operator name, else the one whose chain contains it. */
    static String vertexId(String job, String name) {
        JsonNode vertices = cluster.rest().get("/jobs/" + job).path("vertices");
        for (JsonNode v : vertices) {
            if (v.path("name").asText().startsWith(name)) {
                return v.path("id").asText();
            }
        }
        for (JsonNode v : vertices) {
            if (v.path("name").asText().contains(name)) {
                return v.path("id").asText();
            }
        }
        throw new AssertionError("no vertex " + name + " in job " + job);
    }

    static int parallelismOf(String job, String name) {
        String id = vertexId(job, name);
        for (JsonNode v : cluster.rest().get("/jobs/" + job).path("vertices")) {
            if (v.path("id").asText().equals(id)) {
                return v.path("parallelism").asInt();
            }
        }
        throw new AssertionError();
    }

    static int maxParallelismOf(String job, String name) {
        return cluster.rest().get("/jobs/" + job + "/vertices/" + vertexId(job, name)).path("maxParallelism").asInt();
    }

    /**
     * Stop-with-savepoint once every task runs; a savepoint that could not be triggered because a task was not
     * running (a failover in between) is tried again, as an operator would.
     */
    static String stopWithSavepoint(String job) {
        for (int attempt = 1; ; attempt++) {
            awaitAllTasksRunning(job, Duration.ofSeconds(180));
            try {
                return cluster.rest().stopWithSavepoint(job, cluster.savepointDir().toUri().toString(), Duration.ofSeconds(120));
            } catch (IllegalStateException e) {
                if (attempt >= 3 || !e.getMessage().contains("is not being executed at the moment")) {
                    throw e;
                }
                MEASURED.add("stop-with-savepoint of " + job + " not triggered (a task was not running); tried again");
            }
        }
    }

    static void awaitState(String job, String first, String then, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean firstSeen = false;
        while (System.nanoTime() < deadline) {
            String state = cluster.rest().jobState(job);
            firstSeen |= state.equals(first);
            if (firstSeen && (then == null || state.equals(then))) {
                return;
            }
            LocalFlinkCluster.sleep(100);
        }
        throw new AssertionError("job " + job + " never went " + first + (then == null ? "" : " then " + then)
                + "; now " + cluster.rest().jobState(job));
    }

    static void awaitAllTasksRunning(String job, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode details = cluster.rest().get("/jobs/" + job);
            boolean all = details.path("state").asText().equals("RUNNING");
            for (JsonNode v : details.path("vertices")) {
                all &= v.path("status").asText().equals("RUNNING");
            }
            if (all) {
                return;
            }
            LocalFlinkCluster.sleep(100);
        }
        throw new AssertionError("tasks of job " + job + " not all RUNNING within " + timeout.toSeconds() + " s");
    }

    static void awaitCompletedCheckpoint(String job) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (cluster.rest().get("/jobs/" + job + "/checkpoints").path("counts").path("completed").asInt() < 1) {
            assertThat(System.nanoTime()).as("a completed checkpoint").isLessThan(deadline);
            LocalFlinkCluster.sleep(200);
        }
    }

    /** Checkpoint sizes and durations from the REST API: full state size vs what the incremental checkpoint wrote. */
    static void recordCheckpoints(String label, String job) {
        JsonNode stats = cluster.rest().get("/jobs/" + job + "/checkpoints");
        JsonNode counts = stats.path("counts");
        JsonNode summary = stats.path("summary");
        List<String> history = new ArrayList<>();
        for (JsonNode h : stats.path("history")) {
            if (h.path("status").asText().equals("COMPLETED") && history.size() < 4) {
                history.add(String.format("#%d %s full %s / incremental %s in %d ms", h.path("id").asInt(),
                        h.path("checkpoint_type").asText(), kb(h.path("state_size").asLong()),
                        kb(h.path("checkpointed_size").asLong()), h.path("end_to_end_duration").asLong()));
            }
        }
        MEASURED.add(String.format("checkpoints (%s): %d completed, %d failed; full state size avg %s max %s; written "
                        + "(incremental) avg %s max %s; duration avg %d ms max %d ms; latest: %s", label,
                counts.path("completed").asInt(), counts.path("failed").asInt(),
                kb(summary.path("state_size").path("avg").asLong()), kb(summary.path("state_size").path("max").asLong()),
                kb(summary.path("checkpointed_size").path("avg").asLong()), kb(summary.path("checkpointed_size").path("max").asLong()),
                summary.path("end_to_end_duration").path("avg").asLong(), summary.path("end_to_end_duration").path("max").asLong(),
                history));
    }

    static String kb(long bytes) {
        return String.format("%.1f KB", bytes / 1024.0);
    }

    static String sizeOf(String location) {
        try (var files = Files.walk(Path.of(java.net.URI.create(location.endsWith("/") ? location : location + "/")))) {
            return kb(files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum());
        } catch (Exception e) {
            return "size unknown (" + e.getMessage() + ")";
        }
    }

    static String json(WeekMetrics metrics) {
        return new String(JsonKafkaSink.toJson(metrics), StandardCharsets.UTF_8);
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper()
            .configure(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    static <T> T read(String value, Class<T> type) {
        try {
            return JSON.readValue(value, type);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static double seconds(long sinceNanos) {
        return (System.nanoTime() - sinceNanos) / 1e9;
    }

    /** Live processes whose command line mentions this text (e.g. a PostgreSQL data directory of this test). */
    static List<String> processesMentioning(String text) {
        return ProcessHandle.allProcesses().filter(ProcessHandle::isAlive)
                .filter(p -> p.info().commandLine().map(c -> c.contains(text)).orElse(false))
                .map(p -> p.pid() + " " + p.info().commandLine().orElse(""))
                .collect(Collectors.toList());
    }

    /** Live processes of a local cluster (marked -Ddexposure.flinkcluster.dir=...), under {@code under} or anywhere. */
    static List<String> clusterProcesses(Path under) {
        String marker = LocalFlinkCluster.PROCESS_MARKER + (under == null ? "" : under.toString());
        return ProcessHandle.allProcesses().filter(ProcessHandle::isAlive)
                .filter(p -> p.info().commandLine().map(c -> c.contains(marker)).orElse(false))
                .map(p -> p.pid() + " " + p.info().commandLine().orElse("").substring(0, 80))
                .collect(Collectors.toList());
    }
}
