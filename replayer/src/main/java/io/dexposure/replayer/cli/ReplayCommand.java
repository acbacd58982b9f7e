package io.dexposure.replayer.cli;

import io.dexposure.events.Topics;
import io.dexposure.replayer.publish.KafkaTopics;
import io.dexposure.replayer.publish.PublishSummary;
import io.dexposure.replayer.publish.PublisherConfig;
import io.dexposure.replayer.publish.SnapshotReplay;
import io.dexposure.replayer.snapshot.ProtocolDirectory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code replay}: publishes a snapshot file (the dataset's or a generated one) into Kafka, one transaction per week. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Publish a weekly snapshot file to Kafka: one transaction per week (nodes, links, week-closed marker).",
                "Resumes after the last week already committed on the topic, so a rerun publishes nothing twice."})
public class ReplayCommand implements Callable<Integer> {
    @Option(names = "--input", required = true, description = "Snapshot file in the DeXposure format (.json or .json.gz).")
    Path input;

    @Mixin
    SnapshotReadOptions reading = new SnapshotReadOptions();

    @Option(names = "--bootstrap-servers", description = "Kafka bootstrap servers (default: ${DEFAULT-VALUE}).")
    String bootstrapServers = "127.0.0.1:9092";

    @Option(names = "--topic", description = "Snapshot-events topic (default: ${DEFAULT-VALUE}).")
    String topic = Topics.SNAPSHOT_EVENTS;

    @Option(names = "--partitions", description = "Partitions if the topic has to be created (default: ${DEFAULT-VALUE}).")
    int partitions = 1;

    @Option(names = "--weeks-per-second", description = "Replay pace; 0 = as fast as Kafka takes it (default: ${DEFAULT-VALUE}).")
    double weeksPerSecond = 0;

    @Option(names = "--timeout-seconds", description = "Give up on an unreachable broker after this long (default: ${DEFAULT-VALUE}).")
    long timeoutSeconds = 20;

    @Option(names = "--transactional-id-prefix", description = "Kafka transactional-id prefix; keep it stable so a crashed run is fenced (default: ${DEFAULT-VALUE}).")
    String transactionalIdPrefix = PublisherConfig.DEFAULT_TRANSACTIONAL_ID_PREFIX;

    @Override
    public Integer call() throws Exception {
        if (!java.nio.file.Files.isRegularFile(input)) {
            // Checked before Kafka: a typo in the path should not first wait for a broker.
            throw new java.nio.file.NoSuchFileException(input.toString());
        }
        ProtocolDirectory directory = reading.directory(input);
        KafkaTopics.ensure(bootstrapServers, List.of(topic), partitions, Duration.ofSeconds(timeoutSeconds));
        PublisherConfig config = PublisherConfig.of(bootstrapServers, topic)
                .withTransactionalIdPrefix(transactionalIdPrefix)
                .withTimeout(Duration.ofSeconds(timeoutSeconds))
                .withDirectory(directory)
                .withWeeksPerSecond(weeksPerSecond);
        SnapshotReplay.Result result = SnapshotReplay.run(input, reading.readerOptions(),
                config, System.err::println);
        PublishSummary s = result.summary();
        System.err.println(String.format(Locale.US,
                "replayed %s to %s: %,d weeks published, %,d already on the topic%s, %,d records, %.1f MB, %,.0f events/s",
                input.getFileName(), topic, s.weeksPublished(), s.weeksSkipped(),
                s.resumedAfter().map(w -> " (up to " + w + ")").orElse(""), s.records(), s.bytes() / 1e6,
                s.eventsPerSecond()));
        return 0;
    }
}
