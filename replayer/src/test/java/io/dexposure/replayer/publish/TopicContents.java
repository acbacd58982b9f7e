package io.dexposure.replayer.publish;

import io.dexposure.events.SnapshotEvent;
import io.dexposure.events.SnapshotEventJson;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Reads a whole topic back in tests, as a Flink KafkaSource with read_committed would see it. */
final class TopicContents {
    record Entry(int partition, long offset, String key, SnapshotEvent event) {
    }

    private TopicContents() {
    }

    /**
     * Every committed record, partition by partition, in offset order; waits first until no transaction is open
     * (see {@link #awaitNoOpenTransaction}).
     */
    static List<Entry> readCommitted(String bootstrap, String topic) {
        awaitNoOpenTransaction(bootstrap, topic);
        List<Entry> entries = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : read(bootstrap, topic, "read_committed")) {
            entries.add(new Entry(r.partition(), r.offset(), new String(r.key(), StandardCharsets.UTF_8),
                    SnapshotEventJson.fromBytes(r.value())));
        }
        return entries;
    }

    /** How many records the log holds, aborted ones included (transaction markers excluded). */
    static int countIncludingUncommitted(String bootstrap, String topic) {
        return read(bootstrap, topic, "read_uncommitted").size();
    }

    /**
     * Waits until every partition's last stable offset equals its log end. commitTransaction returns before the
     * coordinator has written the commit markers, so for a few ms the last committed week is not yet visible to
     * read_committed consumers.
     */
    static void awaitNoOpenTransaction(String bootstrap, String topic) {
        try (KafkaConsumer<byte[], byte[]> committed = consumer(bootstrap, "read_committed");
             KafkaConsumer<byte[], byte[]> all = consumer(bootstrap, "read_uncommitted")) {
            List<TopicPartition> partitions = partitions(committed, topic);
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            while (!committed.endOffsets(partitions).equals(all.endOffsets(partitions))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError(topic + " still has an open transaction after 15 s");
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
            }
        }
    }

    private static KafkaConsumer<byte[], byte[]> consumer(String bootstrap, String isolation) {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private static List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> consumer, String topic) {
        return consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                .map(p -> new TopicPartition(topic, p.partition()))
                .sorted(Comparator.comparingInt(TopicPartition::partition))
                .collect(Collectors.toList());
    }

    private static List<ConsumerRecord<byte[], byte[]>> read(String bootstrap, String topic, String isolation) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrap, isolation)) {
            List<TopicPartition> partitions = partitions(consumer, topic);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not read " + topic + " to its end within 30 s");
                }
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        records.sort(Comparator.<ConsumerRecord<byte[], byte[]>>comparingInt(ConsumerRecord::partition)
                .thenComparingLong(ConsumerRecord::offset));
        return records;
    }
}
