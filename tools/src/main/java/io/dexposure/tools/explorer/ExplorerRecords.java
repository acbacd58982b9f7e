package io.dexposure.tools.explorer;

import com.fasterxml.jackson.databind.JsonNode;
import io.dexposure.job.options.KafkaOptions;
import io.dexposure.job.streams.ResultStreams;
import io.dexposure.analytics.metrics.ProtocolMetrics;
import io.dexposure.tools.report.ReportData;
import io.dexposure.tools.results.CommittedRecords;
import io.dexposure.analytics.roland.LinkPrediction;
import io.dexposure.job.store.StoreTables;
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

    public static ExplorerRecords fromKafka(KafkaOptions o) {
        try (KafkaConsumer<byte[], byte[]> consumer = CommittedRecords.consumer(o.bootstrapServers, null)) {
            List<ProtocolMetrics> metrics = ReportData.topic(consumer, o.topic(ResultStreams.PROTOCOL_METRICS), ProtocolMetrics.class, m -> m.id);
            List<LinkPrediction> predictions = ReportData.topic(consumer, o.topic(ResultStreams.LINK_PREDICTIONS), LinkPrediction.class, p -> p.id);
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
