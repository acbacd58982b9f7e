package io.dexposure.tools.results;

import io.dexposure.analytics.alerts.Alert;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Follows the alerts topic as a service would: read_committed (only what the job's exactly-once sink
 * committed), at or above a minimum severity, each alert id once even if a record is read twice
 * (after a consumer restart without committed offsets, say). With a group id, offsets are committed
 * after each poll, so a restarted consumer carries on where it stopped.
 */
public final class AlertConsumer implements AutoCloseable {
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final int minimumRank;
    private final boolean commit;
    private final Set<String> seen = new HashSet<>();

    /**
     * @param groupId   consumer group whose offsets are committed; null = a fresh group from the beginning, no commits
     * @param minimum   lowest severity to return: info, warning or critical
     */
    public AlertConsumer(String bootstrapServers, String topic, String groupId, String minimum) {
        this.consumer = CommittedRecords.consumer(bootstrapServers,
                groupId == null ? CommittedRecords.freshGroup("dexposure-alerts-") : groupId);
        this.minimumRank = rank(minimum);
        this.commit = groupId != null;
        consumer.subscribe(List.of(topic));
    }

    /** Severity order: info < warning < critical. */
    public static int rank(String severity) {
        return switch (severity) {
            case Alert.INFO -> 0;
            case Alert.WARNING -> 1;
            case Alert.CRITICAL -> 2;
            default -> throw new IllegalArgumentException("severity must be info, warning or critical, not '" + severity + "'");
        };
    }

    /** New alerts at or above the minimum severity, in topic order per subject. */
    public List<Alert> poll(Duration timeout) {
        List<Alert> out = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(timeout)) {
            Alert alert = CommittedRecords.read(r, Alert.class);
            if (rank(alert.severity) >= minimumRank && seen.add(alert.id)) {
                out.add(alert);
            }
        }
        if (commit) {
            consumer.commitSync();
        }
        return out;
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
