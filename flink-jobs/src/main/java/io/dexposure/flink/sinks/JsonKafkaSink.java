package io.dexposure.flink.sinks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dexposure.flink.job.JobOptions;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;

import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/** Exactly-once Kafka sinks that write records as JSON, keyed by a string taken from each record. */
public final class JsonKafkaSink {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonKafkaSink() {
    }

    /** How to get a record's Kafka key. */
    @FunctionalInterface
    public interface KeyOf<T> extends Serializable {
        String key(T record);
    }

    /**
     * @param name unique per sink within the job: it extends the transactional-id prefix, which Kafka
     *             uses to fence and abort a crashed attempt's open transactions on restart
     */
    public static <T> KafkaSink<T> exactlyOnce(JobOptions options, String topic, String name, KeyOf<T> keyOf) {
        Properties producer = new Properties();
        // Flink's default (1 h) exceeds the broker's transaction.max.timeout.ms (15 min) and would fail.
        producer.setProperty("transaction.timeout.ms", Long.toString(options.transactionTimeoutMs));
        return KafkaSink.<T>builder()
                .setBootstrapServers(options.bootstrapServers)
                .setKafkaProducerConfig(producer)
                .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                .setTransactionalIdPrefix(options.transactionalIdPrefix + "-" + name)
                .setRecordSerializer(KafkaRecordSerializationSchema.<T>builder()
                        .setTopic(topic)
                        .setKeySerializationSchema((SerializationSchema<T>) r -> keyOf.key(r).getBytes(StandardCharsets.UTF_8))
                        .setValueSerializationSchema((SerializationSchema<T>) JsonKafkaSink::toJson)
                        .build())
                .build();
    }

    public static byte[] toJson(Object record) {
        try {
            return MAPPER.writeValueAsBytes(record);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write " + record.getClass().getSimpleName() + " as JSON", e);
        }
    }
}
