package io.dexposure.job.sources;

import io.dexposure.events.SnapshotEvent;
import io.dexposure.job.options.KafkaOptions;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/** The Kafka source of the job, read_committed so only whole weeks (one transaction each) are seen. */
public final class SnapshotEventSource {
    private SnapshotEventSource() {
    }

    public static KafkaSource<SnapshotEvent> kafka(KafkaOptions options) {
        var builder = KafkaSource.<SnapshotEvent>builder()
                .setBootstrapServers(options.bootstrapServers)
                .setTopics(options.inputTopic)
                .setGroupId(options.groupId)
                // First run: from the beginning; afterwards Flink's checkpointed offsets win anyway.
                .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
                .setDeserializer(new SnapshotEventDeserializer())
                .setProperty("isolation.level", "read_committed")
                .setProperty("partition.discovery.interval.ms", "10000");
        if (options.bounded) {
            builder.setBounded(OffsetsInitializer.latest());
        }
        return builder.build();
    }
}
