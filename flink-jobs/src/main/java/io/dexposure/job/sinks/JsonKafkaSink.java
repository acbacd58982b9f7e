package io.dexposure.job.sinks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dexposure.job.options.KafkaOptions;
import io.dexposure.job.streams.RecordKey;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/** Exactly-once Kafka sinks that write records as JSON, keyed by a string taken from each record. */
public final class JsonKafkaSink {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonKafkaSink() {
    }

    /**
     * @param name unique per sink within the job: it extends the transactional-id prefix, which Kafka
     *             uses to fence and abort a crashed attempt's open transactions on restart
     */
    public static <T> KafkaSink<T> exactlyOnce(KafkaOptions options, String topic, String name, RecordKey<T> keyOf) {
        Properties producer = new Properties();
        // Flink's default (1 h) exceeds the broker's transaction.max.timeout.ms (15 min) and would fail.
        producer.setProperty("transaction.timeout.ms", Long.toString(options.transactionTimeoutMs));
        return KafkaSink.<T>builder()
                .setBootstrapServers(options.bootstrapServers)
                .setKafkaProducerConfig(producer)
                .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                .setTransactionalIdPrefix(options.transactionalIdPrefix + "-" + name)
                .setRecordSerializer(new KeyedJsonRecords<>(topic, keyOf))
                .build();
    }

    /**
     * Key and JSON value, and no timestamp: the producer stamps wall-clock time. Flink would otherwise
     * stamp the window's event time (a 2020-2025 date), and a broker deletes such records at the next
     * segment roll under any time-based retention.
     */
    static final class KeyedJsonRecords<T> implements KafkaRecordSerializationSchema<T> {
        private static final long serialVersionUID = 1L;
        private final String topic;
        private final RecordKey<T> keyOf;

        KeyedJsonRecords(String topic, RecordKey<T> keyOf) {
            this.topic = topic;
            this.keyOf = keyOf;
        }

        @Override
        public ProducerRecord<byte[], byte[]> serialize(T element, KafkaSinkContext context, Long timestamp) {
            return new ProducerRecord<>(topic, null, null, keyOf.of(element).getBytes(StandardCharsets.UTF_8),
                    toJson(element));
        }
    }

    public static byte[] toJson(Object record) {
        try {
            return MAPPER.writeValueAsBytes(record);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write " + record.getClass().getSimpleName() + " as JSON", e);
        }
    }
}
