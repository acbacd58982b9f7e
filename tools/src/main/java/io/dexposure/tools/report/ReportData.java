package io.dexposure.tools.report;

import io.dexposure.job.streams.ResultStreams;
import io.dexposure.analytics.alerts.Alert;
import io.dexposure.analytics.assembly.WeekIssue;
import io.dexposure.job.options.KafkaOptions;
import io.dexposure.analytics.metrics.WeekMetrics;
import io.dexposure.analytics.risk.ProtocolRisk;
import io.dexposure.analytics.linkpred.ModelQuality;
import io.dexposure.job.store.StoreTable;
import io.dexposure.tools.results.CommittedRecords;
import io.dexposure.job.store.StoreTables;
import io.dexposure.analytics.incidents.Incident;
import io.dexposure.job.JobOptions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a report shows, read after a replay from the job's result topics or from the event-time store: the
 * weekly metrics, alerts, top systemic protocols, model quality and data-quality issues (each possibly
 * empty), plus the crisis weeks to mark. Duplicates (an at-least-once reader, a rerun) are dropped by id.
 */
public record ReportData(String source, List<WeekMetrics> weeks, List<Alert> alerts, List<ProtocolRisk> protocolRisk,
                         List<ModelQuality> modelQuality, List<WeekIssue> issues, List<Crisis> crises, List<Incident> incidents) {

    /** Without incident records. */
    public ReportData(String source, List<WeekMetrics> weeks, List<Alert> alerts, List<ProtocolRisk> protocolRisk,
                      List<ModelQuality> modelQuality, List<WeekIssue> issues, List<Crisis> crises) {
        this(source, weeks, alerts, protocolRisk, modelQuality, issues, crises, List.of());
    }

    /** A named period drawn on every time chart. */
    public record Crisis(String title, LocalDate start, LocalDate end) {
    }

    /** Terra (UST depeg, LUNA collapse) and FTX (withdrawals halted, bankruptcy): the weeks the project is about. */
    public static final List<Crisis> CRISES = List.of(
            new Crisis("Terra", LocalDate.of(2022, 5, 9), LocalDate.of(2022, 5, 16)),
            new Crisis("FTX", LocalDate.of(2022, 11, 7), LocalDate.of(2022, 11, 14)));

    /** Everything in the store's tables (annotations from dexposure_annotations). */
    public static ReportData fromStore(Connection c, String description) throws SQLException {
        List<Crisis> crises = new ArrayList<>();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT title, event_start, event_end FROM dexposure_annotations ORDER BY event_start")) {
            while (rs.next()) {
                crises.add(new Crisis(rs.getString(1), rs.getDate(2).toLocalDate(), rs.getDate(3).toLocalDate()));
            }
        }
        return new ReportData(description, sorted(rows(c, StoreTables.WEEK_METRICS)), rows(c, StoreTables.ALERTS),
                rows(c, StoreTables.PROTOCOL_RISK), rows(c, StoreTables.MODEL_QUALITY), rows(c, StoreTables.DATA_QUALITY),
                crises, rows(c, StoreTables.INCIDENTS));
    }

    /** Everything committed on the job's result topics (read_committed, from the beginning to the current end). */
    public static ReportData fromKafka(KafkaOptions o) {
        try (KafkaConsumer<byte[], byte[]> consumer = CommittedRecords.consumer(o.bootstrapServers, null)) {
            return new ReportData("Kafka " + o.bootstrapServers,
                    sorted(topic(consumer, o.topic(ResultStreams.NETWORK_METRICS), WeekMetrics.class, m -> m.id)),
                    topic(consumer, o.topic(ResultStreams.ALERTS), Alert.class, a -> a.id),
                    topic(consumer, o.topic(ResultStreams.PROTOCOL_RISK), ProtocolRisk.class, r -> r.id),
                    topic(consumer, o.topic(ResultStreams.MODEL_QUALITY), ModelQuality.class, q -> q.id),
                    topic(consumer, o.topic(ResultStreams.DATA_QUALITY), WeekIssue.class, i -> i.id), CRISES,
                    topic(consumer, o.topic(ResultStreams.INCIDENTS), Incident.class, i -> i.id));
        }
    }

    public static <T> List<T> rows(Connection c, StoreTable<T> table) throws SQLException {
        List<T> out = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT * FROM " + table.name() + " ORDER BY week")) {
            while (rs.next()) {
                out.add(table.read(rs));
            }
        }
        return out;
    }

    /** Every committed record of one topic, the last copy per id (the explorer reads its extra topics with it too). */
    public static <T> List<T> topic(KafkaConsumer<byte[], byte[]> consumer, String topic, Class<T> type,
                                     java.util.function.Function<T, String> id) {
        List<PartitionInfo> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10));
        if (partitions == null || partitions.isEmpty()) {
            return List.of();
        }
        List<TopicPartition> assigned = partitions.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(assigned);
        consumer.seekToBeginning(assigned);
        Map<TopicPartition, Long> end = consumer.endOffsets(assigned);
        Map<String, T> byId = new LinkedHashMap<>();
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (assigned.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp)) && System.nanoTime() < deadline) {
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                T record = CommittedRecords.read(r, type);
                byId.put(id.apply(record), record);
            }
        }
        return new ArrayList<>(byId.values());
    }

    private static List<WeekMetrics> sorted(List<WeekMetrics> weeks) {
        List<WeekMetrics> out = new ArrayList<>(weeks);
        out.sort(Comparator.comparing(m -> m.week));
        return out;
    }
}
