package io.dexposure.tools.results;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * How every reader of the job's result topics reads them, as a downstream service would: only what the
 * exactly-once sinks committed (read_committed), from the beginning, values as JSON (fields added later
 * are ignored, so an older reader keeps working).
 */
public final class CommittedRecords {
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private CommittedRecords() {
    }

    /**
     * @param groupId consumer group; null for none (the caller assigns partitions itself). Offsets are
     *                committed only when the caller commits them.
     */
    public static KafkaConsumer<byte[], byte[]> consumer(String bootstrapServers, String groupId) {
        Properties props = new Properties();
        props.setProperty(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.setProperty(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.setProperty(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.setProperty(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        if (groupId != null) {
            props.setProperty(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        }
        return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** A fresh, unique consumer group with this prefix: a reader that always starts from the beginning. */
    public static String freshGroup(String prefix) {
        return prefix + java.util.UUID.randomUUID();
    }

    /** The record's JSON value as {@code type}; a value that is not one fails naming topic, partition and offset. */
    public static <T> T read(ConsumerRecord<byte[], byte[]> record, Class<T> type) {
        try {
            return JSON.readValue(record.value(), type);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable " + type.getSimpleName() + " on " + record.topic() + "-"
                    + record.partition() + "@" + record.offset(), e);
        }
    }
}
