package io.dexposure.replayer.cli;

import io.dexposure.events.Topics;
import io.dexposure.replayer.publish.KafkaTopics;
import io.dexposure.replayer.publish.PublisherConfig;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.List;

/** Where and how weeks are published: the Kafka flags that replay and pull share (a picocli mixin). */
public class KafkaPublishOptions {
    @Option(names = "--bootstrap-servers", description = "Kafka bootstrap servers (default: ${DEFAULT-VALUE}).")
    public String bootstrapServers = "127.0.0.1:9092";

    @Option(names = "--topic", description = "Snapshot-events topic (default: ${DEFAULT-VALUE}).")
    public String topic = Topics.SNAPSHOT_EVENTS;

    @Option(names = "--partitions", description = "Partitions if the topic has to be created (default: ${DEFAULT-VALUE}).")
    public int partitions = 1;

    @Option(names = "--timeout-seconds", description = "Give up on an unreachable broker after this long (default: ${DEFAULT-VALUE}).")
    public long timeoutSeconds = 20;

    @Option(names = "--transactional-id-prefix", description = "Kafka transactional-id prefix; keep it stable so a crashed run is fenced (replay and pull share it, so they fence each other on one topic) (default: ${DEFAULT-VALUE}).")
    public String transactionalIdPrefix = PublisherConfig.DEFAULT_TRANSACTIONAL_ID_PREFIX;

    public Duration timeout() {
        return Duration.ofSeconds(timeoutSeconds);
    }

    /** Creates the topic if it is missing. */
    public void ensureTopic() {
        KafkaTopics.ensure(bootstrapServers, List.of(topic), partitions, timeout());
    }

    public PublisherConfig publisherConfig() {
        return PublisherConfig.of(bootstrapServers, topic)
                .withTransactionalIdPrefix(transactionalIdPrefix)
                .withTimeout(timeout());
    }
}
