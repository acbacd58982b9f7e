package io.dexposure.tools.results;

import io.dexposure.analytics.assembly.WeekIssue;
import io.dexposure.analytics.metrics.ProtocolMetrics;
import io.dexposure.analytics.metrics.WeekMetrics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the job's output topics (metrics, optionally per-node metrics, and data quality) as a downstream service would:
 * read_committed, so only what the exactly-once sinks committed is seen, from the beginning.
 */
public final class WeekResultsConsumer implements AutoCloseable {
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
        this.consumer = CommittedRecords.consumer(bootstrapServers, CommittedRecords.freshGroup("dexposure-results-"));
        this.metricsTopic = metricsTopic;
        this.protocolMetricsTopic = protocolMetricsTopic;
        consumer.subscribe(protocolMetricsTopic == null ? List.of(metricsTopic, dataQualityTopic)
                : List.of(metricsTopic, protocolMetricsTopic, dataQualityTopic));
    }

    public Batch poll(Duration timeout) {
        List<WeekMetrics> metrics = new ArrayList<>();
        List<ProtocolMetrics> protocols = new ArrayList<>();
        List<WeekIssue> issues = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(timeout)) {
            if (r.topic().equals(metricsTopic)) {
                metrics.add(CommittedRecords.read(r, WeekMetrics.class));
            } else if (r.topic().equals(protocolMetricsTopic)) {
                protocols.add(CommittedRecords.read(r, ProtocolMetrics.class));
            } else {
                issues.add(CommittedRecords.read(r, WeekIssue.class));
            }
        }
        return new Batch(metrics, protocols, issues);
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
