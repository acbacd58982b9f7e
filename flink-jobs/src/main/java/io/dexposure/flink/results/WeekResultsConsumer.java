package io.dexposure.flink.results;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dexposure.flink.assembly.WeekIssue;
import io.dexposure.flink.metrics.ProtocolMetrics;
import io.dexposure.flink.metrics.WeekMetrics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Reads the job's output topics (metrics, optionally per-node metrics, and data quality) as a downstream service would:
 * read_committed, so only what the exactly-once sinks committed is seen, from the beginning.
 */
public final class WeekResultsConsumer implements AutoCloseable {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final String metricsTopic;
    private final String protocolMetricsTopic;

    /** What one poll returned. */
    public record Batch(List<WeekMetrics> metrics, List<ProtocolMetrics> protocols, List<WeekIssue> issues) {
        public boolean isEmpty() {
            return metrics.isEmpty() && protocols.isEmpty() && issues.isEmpty();
        }
    }

    public WeekResultsConsumer(String bootstrapServers, String metricsTopic, String dataQualityTopic) {
        this(bootstrapServers, metricsTopic, null, dataQualityTopic);
    }

    /** @param protocolMetricsTopic also follow the per-node records; null to skip them (they are many) */
    public WeekResultsConsumer(String bootstrapServers, String metricsTopic, String protocolMetricsTopic,
                               String dataQualityTopic) {
        this.consumer = readCommitted(bootstrapServers, "dexposure-results-");
        this.metricsTopic = metricsTopic;
        this.protocolMetricsTopic = protocolMetricsTopic;
        consumer.subscribe(protocolMetricsTopic == null ? List.of(metricsTopic, dataQualityTopic)
                : List.of(metricsTopic, protocolMetricsTopic, dataQualityTopic));
    }

    /** A consumer that sees only committed records, from the beginning, in a fresh group. */
    static KafkaConsumer<byte[], byte[]> readCommitted(String bootstrapServers, String groupPrefix) {
        Properties props = new Properties();
        props.setProperty(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.setProperty(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.setProperty(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.setProperty(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.setProperty(ConsumerConfig.GROUP_ID_CONFIG, groupPrefix + java.util.UUID.randomUUID());
        return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    public Batch poll(Duration timeout) {
        List<WeekMetrics> metrics = new ArrayList<>();
        List<ProtocolMetrics> protocols = new ArrayList<>();
        List<WeekIssue> issues = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(timeout)) {
            try {
                if (r.topic().equals(metricsTopic)) {
                    metrics.add(MAPPER.readValue(r.value(), WeekMetrics.class));
                } else if (r.topic().equals(protocolMetricsTopic)) {
                    protocols.add(MAPPER.readValue(r.value(), ProtocolMetrics.class));
                } else {
                    issues.add(MAPPER.readValue(r.value(), WeekIssue.class));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("unreadable record on " + r.topic() + "-" + r.partition() + "@" + r.offset(), e);
            }
        }
        return new Batch(metrics, protocols, issues);
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
