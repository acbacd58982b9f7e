package io.dexposure.replayer.publish;

import io.dexposure.events.SnapshotEvent;
import io.dexposure.events.SnapshotEventJson;
import io.dexposure.events.WeekDates;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Finds the last week whose week-closed marker is committed on the snapshot-events topic: where a replay resumes.
 *
 * <p>Reads only the tail of each partition, never the whole topic. A read_committed consumer sees neither aborted
 * records nor transaction markers, and its end offset is the last stable offset, so per partition it reads
 * {@code [end - k, end)}, then the next older {@code k} records (k doubling), until a committed record turns up or
 * the partition's start is reached. That record must be a week-closed marker, since {@link WeekPublisher} ends every
 * transaction with one and a week's records share a partition (key = week). The answer is the latest week among
 * the partitions' last markers.
 *
 * <p>Visibility lags commits slightly: {@code commitTransaction} returns before the coordinator has written the
 * commit markers, so a week committed a few milliseconds ago may not count yet. {@link WeekPublisher#publishAll}
 * looks up only after its {@code initTransactions}, which waits until any transaction of the same transactional id
 * (an earlier run's) is fully committed or aborted.
 */
public final class PublishedWeeks {
    /** First look-back per partition; a healthy topic has the marker right before the end. */
    static final int FIRST_LOOK_BACK = 64;

    private PublishedWeeks() {
    }

    public static Optional<LocalDate> lastCommittedWeek(String bootstrapServers, String topic) {
        return lastCommittedWeek(bootstrapServers, topic, PublisherConfig.DEFAULT_TIMEOUT);
    }

    /**
     * @return the latest committed week, or empty when the topic has no committed record or does not exist
     * @throws PublishFailedException when Kafka does not answer within {@code timeout}, or when the last committed
     *                                record of a partition is not a week-closed marker (something else wrote to the
     *                                topic)
     */
    public static Optional<LocalDate> lastCommittedWeek(String bootstrapServers, String topic, Duration timeout) {
        int timeoutMs = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.CLIENT_ID_CONFIG, "dexposure-published-weeks",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none",
                ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs,
                ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs);
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<byte[], byte[]> consumer =
                     new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, timeout).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .collect(Collectors.toList());
            if (partitions.isEmpty()) {
                return Optional.empty(); // no such topic: nothing published yet
            }
            Map<TopicPartition, Long> starts = consumer.beginningOffsets(partitions, remaining(deadline));
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, remaining(deadline));
            LocalDate latest = null;
            for (TopicPartition partition : partitions) {
                LocalDate week = lastMarkerWeek(consumer, partition, starts.get(partition), ends.get(partition), deadline,
                        bootstrapServers, timeout);
                if (week != null && (latest == null || week.isAfter(latest))) {
                    latest = week;
                }
            }
            return Optional.ofNullable(latest);
        } catch (KafkaException e) {
            throw new PublishFailedException("cannot read the last committed week of topic " + topic + " from Kafka at "
                    + bootstrapServers + " within " + timeout.toSeconds() + " s: " + KafkaTopics.describe(e)
                    + ". Is the broker running and reachable at that address?", e);
        }
    }

    private static LocalDate lastMarkerWeek(KafkaConsumer<byte[], byte[]> consumer, TopicPartition partition,
                                            long start, long end, long deadline, String bootstrap, Duration timeout) {
        consumer.assign(List.of(partition));
        long until = end;
        long lookBack = FIRST_LOOK_BACK;
        while (until > start) {
            long from = Math.max(start, end - lookBack);
            ConsumerRecord<byte[], byte[]> last = lastCommittedRecord(consumer, partition, from, until, deadline,
                    bootstrap, timeout);
            if (last != null) {
                return markerWeek(last, partition);
            }
            until = from; // [from, end) holds no committed record: look further back only
            lookBack *= 2;
        }
        return null;
    }

    /** The committed record with the highest offset in [from, until), or null. */
    private static ConsumerRecord<byte[], byte[]> lastCommittedRecord(KafkaConsumer<byte[], byte[]> consumer,
                                                                      TopicPartition partition, long from, long until,
                                                                      long deadline, String bootstrap, Duration timeout) {
        consumer.seek(partition, from);
        ConsumerRecord<byte[], byte[]> last = null;
        // position passes aborted records and transaction markers too, so it reaches 'until' even if all are invisible
        while (consumer.position(partition, remaining(deadline)) < until) {
            if (System.nanoTime() > deadline) {
                throw new PublishFailedException("reading the tail of " + partition + " on Kafka at " + bootstrap
                        + " took over " + timeout.toSeconds() + " s (at offset " + consumer.position(partition)
                        + ", reading up to " + until + ")", null);
            }
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                if (record.offset() < until) {
                    last = record;
                }
            }
        }
        return last;
    }

    private static LocalDate markerWeek(ConsumerRecord<byte[], byte[]> record, TopicPartition partition) {
        SnapshotEvent event;
        try {
            event = SnapshotEventJson.fromBytes(record.value());
        } catch (SnapshotEventJson.MalformedEventException e) {
            throw new PublishFailedException(foreignContent(record, partition, e.getMessage()), e);
        }
        if (!event.isWeekClosed()) {
            throw new PublishFailedException(foreignContent(record, partition,
                    "it is a '" + event.type + "' record of week " + event.week + ", not a week-closed marker"), null);
        }
        return WeekDates.parseOrNull(event.week);
    }

    private static String foreignContent(ConsumerRecord<byte[], byte[]> record, TopicPartition partition, String what) {
        return "the last committed record of " + partition + " (offset " + record.offset() + ") is not a week-closed "
                + "marker: " + what + ". The replayer ends every week's transaction with its marker, so something "
                + "else wrote to this topic; cannot tell where to resume. Use a fresh topic.";
    }

    private static Duration remaining(long deadlineNanos) {
        return Duration.ofMillis(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime())));
    }
}
