package io.dexposure.tools.explorer;

import com.fasterxml.jackson.databind.JsonNode;
import io.dexposure.flink.job.JobOptions;
import io.dexposure.flink.metrics.ProtocolMetrics;
import io.dexposure.flink.report.ReportData;
import io.dexposure.flink.results.CommittedRecords;
import io.dexposure.flink.roland.LinkPrediction;
import io.dexposure.flink.store.StoreTables;
import org.apache.kafka.clients.consumer.KafkaConsumer;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

/**
 * The result records the explorer needs beyond what the PNG report reads ({@link ReportData}): every node's
 * weekly scores (protocol-metrics: TVL, PageRank, Infomap community), ROLAND's link predictions and, when a
 * job publishes them, incidents. Read the same way as the report (committed records, last copy per id).
 */
public record ExplorerRecords(List<ProtocolMetrics> protocolMetrics, List<LinkPrediction> predictions, List<JsonNode> incidents) {
    /** The incidents stream another part of the monitor publishes; absent topics just give no incidents. */
    public static final String INCIDENTS_TOPIC = "dexposure.incidents";

    public static ExplorerRecords none() {
        return new ExplorerRecords(List.of(), List.of(), List.of());
    }

    public static ExplorerRecords fromKafka(JobOptions o) {
        try (KafkaConsumer<byte[], byte[]> consumer = CommittedRecords.consumer(o.bootstrapServers, null)) {
            List<ProtocolMetrics> metrics = ReportData.topic(consumer, o.protocolMetricsTopic, ProtocolMetrics.class, m -> m.id);
            List<LinkPrediction> predictions = ReportData.topic(consumer, o.predictionsTopic, LinkPrediction.class, p -> p.id);
            // Asked only when it exists: asking for a missing topic's partitions may auto-create it.
            List<JsonNode> incidents = !consumer.listTopics(Duration.ofSeconds(10)).containsKey(INCIDENTS_TOPIC) ? List.of()
                    : ReportData.topic(consumer, INCIDENTS_TOPIC, JsonNode.class,
                    n -> n.hasNonNull("id") ? n.get("id").asText() : n.toString());
            return new ExplorerRecords(metrics, predictions, incidents);
        }
    }

    /** The store has no incidents table (yet): incidents come only from Kafka. */
    public static ExplorerRecords fromStore(Connection c) throws SQLException {
        return new ExplorerRecords(ReportData.rows(c, StoreTables.PROTOCOL_METRICS),
                ReportData.rows(c, StoreTables.LINK_PREDICTIONS), List.of());
    }
}
