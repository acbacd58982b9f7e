package io.dexposure.replayer.publish;

import io.dexposure.events.SnapshotEvent;
import io.dexposure.events.SnapshotEventJson;
import io.dexposure.localkafka.LocalKafkaBroker;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(120)
class PublishedWeeksTest {
    private static String bootstrap;

    @BeforeAll
    static void startBroker() {
        bootstrap = LocalKafkaBroker.shared().bootstrapServers();
    }

    private static String newTopic(String name, int partitions) {
        String topic = "published-weeks-" + name + "-" + UUID.randomUUID().toString().substring(0, 8);
        KafkaTopics.ensure(bootstrap, List.of(topic), partitions);
        return topic;
    }

    @Test
    void emptyOrMissingTopicHasNoCommittedWeek() {
        assertThat(PublishedWeeks.lastCommittedWeek(bootstrap, newTopic("empty", 2))).isEmpty();
        assertThat(PublishedWeeks.lastCommittedWeek(bootstrap, "no-such-topic-" + UUID.randomUUID())).isEmpty();
    }

    @Test
    void findsTheMarkerBeforeALongAbortedTail() {
        String topic = newTopic("aborted-tail", 1);
        try (WeekPublisher publisher = new WeekPublisher(PublisherConfig.of(bootstrap, topic))) {
            publisher.publishAll(TestWeeks.weeks(2, 3, 3).iterator(), "test");
        }
        // An aborted transaction far longer than the first look-back, as a crashed run leaves behind.
        try (KafkaProducer<byte[], byte[]> producer = transactionalProducer("aborter-" + topic)) {
            producer.initTransactions();
            producer.beginTransaction();
            for (int i = 0; i < 20 * PublishedWeeks.FIRST_LOOK_BACK; i++) {
                producer.send(record(topic, SnapshotEvent.node("2022-05-09", i, "1000", 1.0, Map.of(), null, null)));
            }
            producer.flush();
            producer.abortTransaction();
        }
        TopicContents.awaitNoOpenTransaction(bootstrap, topic);
        assertThat(PublishedWeeks.lastCommittedWeek(bootstrap, topic)).contains(TestWeeks.date(1));
    }

    @Test
    void takesTheLatestWeekOverAllPartitions() {
        String topic = newTopic("partitions", 3);
        try (WeekPublisher publisher = new WeekPublisher(PublisherConfig.of(bootstrap, topic))) {
            publisher.publishAll(TestWeeks.weeks(7, 2, 2).iterator(), "test");
        }
        List<TopicContents.Entry> entries = TopicContents.readCommitted(bootstrap, topic);
        assertThat(entries.stream().map(TopicContents.Entry::partition).distinct().count())
                .as("weeks spread over several partitions").isGreaterThan(1);
        TopicContents.awaitNoOpenTransaction(bootstrap, topic);
        assertThat(PublishedWeeks.lastCommittedWeek(bootstrap, topic)).contains(TestWeeks.date(6));
    }

    @Test
    void foreignLastRecordIsAnError() {
        String topic = newTopic("foreign", 1);
        try (WeekPublisher publisher = new WeekPublisher(PublisherConfig.of(bootstrap, topic))) {
            publisher.publishAll(TestWeeks.weeks(1, 2, 2).iterator(), "test");
        }
        try (KafkaProducer<byte[], byte[]> producer = transactionalProducer("someone-else-" + topic)) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(record(topic, SnapshotEvent.link("2022-05-02", 0, "1000", "USDT", 5.0, Map.of(), false)));
            producer.commitTransaction();
        }
        TopicContents.awaitNoOpenTransaction(bootstrap, topic);
        assertThatThrownBy(() -> PublishedWeeks.lastCommittedWeek(bootstrap, topic))
                .isInstanceOf(PublishFailedException.class)
                .hasMessageContaining(topic + "-0")
                .hasMessageContaining("'link' record of week 2022-05-02, not a week-closed marker");
        try (WeekPublisher publisher = new WeekPublisher(PublisherConfig.of(bootstrap, topic))) {
            assertThatThrownBy(() -> publisher.publishAll(TestWeeks.weeks(2, 2, 2).iterator(), "test"))
                    .isInstanceOf(PublishFailedException.class)
                    .hasMessageContaining("cannot publish week 2022-04-25 to topic " + topic)
                    .hasMessageContaining("not a week-closed marker");
        }
    }

    private static KafkaProducer<byte[], byte[]> transactionalProducer(String transactionalId) {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId),
                new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static ProducerRecord<byte[], byte[]> record(String topic, SnapshotEvent event) {
        return new ProducerRecord<>(topic, event.week.getBytes(StandardCharsets.UTF_8), SnapshotEventJson.toBytes(event));
    }
}
