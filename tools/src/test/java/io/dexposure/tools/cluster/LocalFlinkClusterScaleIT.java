package io.dexposure.tools.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import io.dexposure.analytics.metrics.WeekMetrics;
import io.dexposure.job.streams.ResultStream;
import io.dexposure.job.streams.ResultStreams;
import io.dexposure.localkafka.LocalKafkaBroker;
import io.dexposure.replayer.cli.GenerateCommand;
import io.dexposure.replayer.publish.KafkaTopics;
import io.dexposure.replayer.publish.PublisherConfig;
import io.dexposure.replayer.publish.SnapshotReplay;
import io.dexposure.snapshot.NegativeTvlPolicy;
import io.dexposure.snapshot.ProtocolDirectory;
import io.dexposure.snapshot.SnapshotReader;
import io.dexposure.tools.results.CommittedRecords;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import picocli.CommandLine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checkpoint sizes and durations, full vs incremental (RocksDB), and a TaskManager kill, on real-scale weeks
 * (generator v2, 11,000 nodes and 75,000 links a week, the largest real weeks) on the local cluster. A measurement,
 * not part of the CI run (minutes per week on 2 shared cores): opt in with
 * {@code -Ddexposure.cluster.scaleWeeks=N} (e.g. {@code mvn -pl tools -am verify -Dit.test=LocalFlinkClusterScaleIT
 * -Ddexposure.cluster.scaleWeeks=4 ...}). The numbers go to the output file (section "measured at real scale") and
 * into docs/operations-cluster.md by hand. Asserts only that every week comes out once and checkpoints completed.
 */
@EnabledIfSystemProperty(named = "dexposure.cluster.scaleWeeks", matches = "[1-9][0-9]*")
class LocalFlinkClusterScaleIT {

    @Test
    @Timeout(3600)
    void checkpointsOfRealScaleWeeksAndATaskManagerKill() throws Exception {
        int weeks = Integer.getInteger("dexposure.cluster.scaleWeeks");
        Files.createDirectories(Path.of("target"));
        Path work = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "cluster-scale-");
        Path file = work.resolve("real-scale.json");
        long generating = System.nanoTime();
        assertThat(new CommandLine(new GenerateCommand()).execute("--out", file.toString(), "--nodes", "11000",
                "--links", "75000", "--weeks", Integer.toString(weeks), "--from", "2024-01-01")).isZero();
        List<String> measured = new ArrayList<>();
        measured.add(String.format("generated %d weeks (11,000 nodes, 75,000 links each): %.1f MB in %.0f s", weeks,
                Files.size(file) / 1e6, LocalFlinkClusterIT.seconds(generating)));

        try (LocalKafkaBroker broker = LocalKafkaBroker.start(work.resolve("kafka"));
             LocalFlinkCluster cluster = LocalFlinkCluster.start(work.resolve("flink"),
                     LocalFlinkCluster.Settings.defaults().withTaskManagerMemory("2g"))) {
            String prefix = "scale";
            List<String> topics = new ArrayList<>(List.of(prefix + ".snapshot-events"));
            List<String> flags = new ArrayList<>(List.of("--bootstrap-servers", broker.bootstrapServers(),
                    "--input-topic", prefix + ".snapshot-events", "--group-id", prefix, "--transactional-id-prefix", prefix,
                    "--checkpoint-dir", cluster.checkpointDir().toUri().toString(), "--parallelism", "2", "--no-roland"));
            for (ResultStream<?> stream : ResultStreams.ALL) {
                flags.add("--topic");
                flags.add(stream.name() + "=" + prefix + "." + stream.name());
                topics.add(prefix + "." + stream.name());
            }
            KafkaTopics.ensure(broker.bootstrapServers(), topics, 2);
            PublisherConfig config = PublisherConfig.of(broker.bootstrapServers(), prefix + ".snapshot-events")
                    .withTransactionalIdPrefix(prefix + "-replayer-").withDirectory(ProtocolDirectory.load(
                            work.resolve("id_to_info.json")));
            CompletableFuture<SnapshotReplay.Result> replay = CompletableFuture.supplyAsync(() -> {
                try {
                    return SnapshotReplay.run(file, new SnapshotReader.Options(null, null, NegativeTvlPolicy.REJECT),
                            config, line -> { });
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            long submitted = System.nanoTime();
            String job = cluster.submit(JobSubmission.ofJobFlags(flags).withParallelism(2));

            Set<String> seen = new TreeSet<>();
            try (KafkaConsumer<byte[], byte[]> consumer = CommittedRecords.consumer(broker.bootstrapServers(),
                    CommittedRecords.freshGroup(prefix + "-w-"))) {
                consumer.subscribe(List.of(prefix + ".network-metrics"));
                int half = Math.max(1, weeks / 2);
                long killedAt = 0;
                long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(50);
                while (seen.size() < weeks) {
                    assertThat(System.nanoTime()).as("all %d weeks; got %s", weeks, seen).isLessThan(deadline);
                    assertThat(cluster.rest().jobState(job)).isNotIn("FAILED", "CANCELED");
                    for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                        assertThat(seen.add(CommittedRecords.read(r, WeekMetrics.class).week)).as("a week twice").isTrue();
                    }
                    if (seen.size() == half && killedAt == 0 && weeks >= 2) {
                        measured.add(String.format("%d of %d weeks out %.0f s after flink run", half, weeks,
                                LocalFlinkClusterIT.seconds(submitted)));
                        measured.add(checkpoints(cluster, job, "before the kill"));
                        // The TaskManager of the weekly analysis's first subtask: SIGKILL, a replacement started.
                        String vertex = null;
                        for (JsonNode v : cluster.rest().get("/jobs/" + job).path("vertices")) {
                            if (v.path("name").asText().startsWith("weekly-window-network-metrics")) {
                                vertex = v.path("id").asText();
                            }
                        }
                        String victim = cluster.rest().get("/jobs/" + job + "/vertices/" + vertex + "/taskmanagers")
                                .path("taskmanagers").get(0).path("taskmanager-id").asText();
                        killedAt = System.nanoTime();
                        cluster.killTaskManager(cluster.taskManagerPid(victim));
                        cluster.startTaskManager();
                        awaitRunning(cluster, job);
                        measured.add(String.format("TaskManager kill -9 after %d weeks: restored from a checkpoint and all "
                                + "tasks RUNNING again %.1f s after the kill", half, LocalFlinkClusterIT.seconds(killedAt)));
                    }
                }
                if (killedAt != 0) {
                    measured.add(String.format("... all weeks out %.1f s after the kill", LocalFlinkClusterIT.seconds(killedAt)));
                }
            }
            measured.add(String.format("all %d weeks out %.0f s after flink run (replay: %d weeks published)", weeks,
                    LocalFlinkClusterIT.seconds(submitted), replay.get(60, TimeUnit.SECONDS).summary().weeksPublished()));
            Thread.sleep(10_000); // a few checkpoints with no week in flight: the state at rest
            measured.add(checkpoints(cluster, job, "at the end"));
            cluster.rest().cancel(job);
        }
        System.out.println("---- measured at real scale on the local Flink cluster ----");
        measured.forEach(System.out::println);
        assertThat(LocalFlinkClusterIT.clusterProcesses(work)).isEmpty();
    }

    private static void awaitRunning(LocalFlinkCluster cluster, String job) {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (System.nanoTime() < deadline) {
            JsonNode details = cluster.rest().get("/jobs/" + job);
            boolean all = details.path("state").asText().equals("RUNNING");
            for (JsonNode v : details.path("vertices")) {
                all &= v.path("status").asText().equals("RUNNING");
            }
            // Restored from a checkpoint, not merely still RUNNING because the JobManager has not noticed the loss yet.
            all &= cluster.rest().get("/jobs/" + job + "/checkpoints").path("counts").path("restored").asInt() >= 1;
            if (all) {
                return;
            }
            LocalFlinkCluster.sleep(200);
        }
        throw new AssertionError("job " + job + " not RUNNING again within 5 min of the kill");
    }

    /** Every completed checkpoint in the history (newest first): full state size, written (incremental), duration. */
    private static String checkpoints(LocalFlinkCluster cluster, String job, String label) {
        JsonNode stats = cluster.rest().get("/jobs/" + job + "/checkpoints");
        JsonNode summary = stats.path("summary");
        List<String> history = new ArrayList<>();
        for (JsonNode h : stats.path("history")) {
            if (h.path("status").asText().equals("COMPLETED")) {
                history.add(String.format("#%d %.1f/%.1f MB %d ms", h.path("id").asInt(), h.path("state_size").asLong() / 1e6,
                        h.path("checkpointed_size").asLong() / 1e6, h.path("end_to_end_duration").asLong()));
            }
        }
        assertThat(stats.path("counts").path("completed").asInt()).as("completed checkpoints").isPositive();
        return String.format("checkpoints (%s): %d completed, %d failed; full state avg %.1f MB max %.1f MB; written "
                        + "(incremental) avg %.1f MB max %.1f MB; duration avg %d ms max %d ms; history (full/written): %s",
                label, stats.path("counts").path("completed").asInt(), stats.path("counts").path("failed").asInt(),
                summary.path("state_size").path("avg").asLong() / 1e6, summary.path("state_size").path("max").asLong() / 1e6,
                summary.path("checkpointed_size").path("avg").asLong() / 1e6,
                summary.path("checkpointed_size").path("max").asLong() / 1e6,
                summary.path("end_to_end_duration").path("avg").asLong(), summary.path("end_to_end_duration").path("max").asLong(),
                history);
    }
}
