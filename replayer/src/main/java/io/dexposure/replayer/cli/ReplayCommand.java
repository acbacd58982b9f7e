package io.dexposure.replayer.cli;

import io.dexposure.replayer.publish.PublishSummary;
import io.dexposure.replayer.publish.PublisherConfig;
import io.dexposure.replayer.publish.SnapshotReplay;
import io.dexposure.snapshot.ProtocolDirectory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
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

    @Mixin
    KafkaPublishOptions kafka = new KafkaPublishOptions();

    @Mixin
    MetricsOptions metrics = new MetricsOptions();

    @Option(names = "--weeks-per-second", description = "Replay pace; 0 = as fast as Kafka takes it (default: ${DEFAULT-VALUE}).")
    double weeksPerSecond = 0;

    @Option(names = "--retry-seconds", description = "After a failure that waiting cures (the broker away or restarting), try again, resuming after the last committed week, until no week has been committed for this long; 0 = stop at the first failure (default: ${DEFAULT-VALUE}).")
    long retrySeconds = 120;

    @Option(names = "--retry-pause-seconds", description = "Pause between attempts after a failure (default: ${DEFAULT-VALUE}).")
    long retryPauseSeconds = 2;

    @Override
    public Integer call() throws Exception {
        if (!java.nio.file.Files.isRegularFile(input)) {
            // Checked before Kafka: a typo in the path should not first wait for a broker.
            throw new java.nio.file.NoSuchFileException(input.toString());
        }
        ProtocolDirectory directory = reading.directory(input);
        kafka.ensureTopic();
        PublisherConfig config = kafka.publisherConfig()
                .withDirectory(directory)
                .withWeeksPerSecond(weeksPerSecond);
        SnapshotReplay.Result result;
        try (AutoCloseable endpoint = metrics.start()) {
            result = SnapshotReplay.runRetrying(input, reading.readerOptions(), config, System.err::println,
                    java.time.Duration.ofSeconds(retrySeconds), java.time.Duration.ofSeconds(retryPauseSeconds));
        }
        PublishSummary s = result.summary();
        System.err.println(String.format(Locale.US,
                "replayed %s to %s: %,d weeks published, %,d already on the topic%s, %,d records, %.1f MB, %,.0f events/s%s",
                input.getFileName(), kafka.topic, s.weeksPublished(), s.weeksSkipped(),
                s.resumedAfter().map(w -> " (up to " + w + ")").orElse(""), s.records(), s.bytes() / 1e6,
                s.eventsPerSecond(), result.failedAttempts() == 0 ? "" : "; " + result.failedAttempts() + " failed attempts retried"));
        return 0;
    }
}
