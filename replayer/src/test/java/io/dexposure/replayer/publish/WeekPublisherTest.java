package io.dexposure.replayer.publish;

import io.dexposure.events.SnapshotEvent;
import io.dexposure.localkafka.LocalKafkaBroker;
import io.dexposure.replayer.snapshot.ProtocolDirectory;
import io.dexposure.replayer.snapshot.ProtocolInfo;
import io.dexposure.replayer.snapshot.SnapshotNode;
import io.dexposure.replayer.snapshot.WeekSnapshot;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(120)
class WeekPublisherTest {
    private static String bootstrap;

    @BeforeAll
    static void startBroker() {
        bootstrap = LocalKafkaBroker.shared().bootstrapServers();
    }

    static String newTopic(String name) {
        String topic = "publish-test-" + name + "-" + UUID.randomUUID().toString().substring(0, 8);
        KafkaTopics.ensure(bootstrap, List.of(topic), 1);
        return topic;
    }

    /** What the topic must hold for a week: nodes (seq 0..), links (seq 0..), then the marker; key = week. */
    static List<SnapshotEvent> expectedEvents(WeekSnapshot week, String origin, ProtocolDirectory directory) {
        String w = week.week().toString();
        List<SnapshotEvent> events = new ArrayList<>();
        for (int i = 0; i < week.nodes().size(); i++) {
            SnapshotNode n = week.nodes().get(i);
            Optional<ProtocolInfo> info = directory.lookup(n.id());
            events.add(SnapshotEvent.node(w, i, n.id(), n.tvlUsd(), n.composition(),
                    info.map(ProtocolInfo::name).orElse(null), info.map(ProtocolInfo::category).orElse(null)));
        }
        for (int i = 0; i < week.links().size(); i++) {
            var l = week.links().get(i);
            events.add(SnapshotEvent.link(w, i, l.source(), l.target(), l.exposureUsd(), l.composition(), l.flipped()));
        }
        events.add(SnapshotEvent.weekClosed(w, week.nodes().size(), week.links().size(), week.droppedLinks(),
                week.flippedLinks(), week.nullIdNodes(), week.nullIdLinks(), week.nonPositiveLinks(), origin));
        return events;
    }

    static List<SnapshotEvent> expectedEvents(List<WeekSnapshot> weeks, String origin, ProtocolDirectory directory) {
        return weeks.stream().flatMap(w -> expectedEvents(w, origin, directory).stream()).collect(Collectors.toList());
    }

    @Test
    void publishesEachWeekAsItsNodesThenLinksThenMarker() {
        String topic = newTopic("order");
        ProtocolDirectory directory = ProtocolDirectory.of(Map.of(
                "1000", new ProtocolInfo("Aave V3", "Lending"),
                "1001", new ProtocolInfo("Lido", "Liquid Staking")));
        List<WeekSnapshot> weeks = TestWeeks.weeks(3, 5, 12);
        List<PublishProgress> progress = new ArrayList<>();

        PublishSummary summary;
        try (WeekPublisher publisher = new WeekPublisher(PublisherConfig.of(bootstrap, topic).withDirectory(directory))) {
            summary = publisher.publishAll(weeks.iterator(), "test-file.json", progress::add);
        }

        List<TopicContents.Entry> entries = TopicContents.readCommitted(bootstrap, topic);
        assertThat(entries.stream().map(TopicContents.Entry::event))
                .containsExactlyElementsOf(expectedEvents(weeks, "test-file.json", directory));
        assertThat(entries).allSatisfy(e -> assertThat(e.key()).isEqualTo(e.event().week));

        SnapshotEvent aave = entries.get(0).event();
        assertThat(aave.name).isEqualTo("Aave V3");
        assertThat(aave.category).isEqualTo("Lending");
        assertThat(aave.kind).isEqualTo("protocol");
        SnapshotEvent usdt = entries.stream().map(TopicContents.Entry::event)
                .filter(e -> "USDT".equals(e.id)).findFirst().orElseThrow();
        assertThat(usdt.kind).isEqualTo("token_bucket");
        assertThat(usdt.name).isNull();
        List<SnapshotEvent> markers = entries.stream().map(TopicContents.Entry::event)
                .filter(SnapshotEvent::isWeekClosed).collect(Collectors.toList());
        assertThat(markers).extracting(m -> m.week, m -> m.nodes, m -> m.links)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("2022-04-25", 8, 12),
                        org.assertj.core.groups.Tuple.tuple("2022-05-02", 9, 15),
                        org.assertj.core.groups.Tuple.tuple("2022-05-09", 10, 18));

        long records = 8 + 12 + 1 + 9 + 15 + 1 + 10 + 18 + 1;
        assertThat(summary.weeksPublished()).isEqualTo(3);
        assertThat(summary.weeksSkipped()).isZero();
        assertThat(summary.resumedAfter()).isEmpty();
        assertThat(summary.lastCommittedWeek()).contains(TestWeeks.date(2));
        assertThat(summary.records()).isEqualTo(records);
        assertThat(progress).extracting(PublishProgress::weeksPublished).containsExactly(1L, 2L, 3L);
        assertThat(progress.get(2).records()).isEqualTo(records);
        assertThat(progress.get(2).describe()).matches("week 2022-05-09: 10 nodes, 18 links \\| 3 weeks \\| [\\d,]+ events/s");
        TopicContents.awaitNoOpenTransaction(bootstrap, topic);
        assertThat(PublishedWeeks.lastCommittedWeek(bootstrap, topic)).contains(TestWeeks.date(2));
    }

    @Test
    void rerunPublishesNothingTwiceAndContinuesWithNewWeeks() {
        String topic = newTopic("rerun");
        List<WeekSnapshot> weeks = TestWeeks.weeks(4, 4, 6);
        try (WeekPublisher publisher = new WeekPublisher(PublisherConfig.of(bootstrap, topic))) {
            publisher.publishAll(weeks.subList(0, 3).iterator(), "first-run");
        }
        int afterFirstRun = TopicContents.countIncludingUncommitted(bootstrap, topic);

        PublishSummary rerun;
        try (WeekPublisher publisher = new WeekPublisher(PublisherConfig.of(bootstrap, topic))) {
            rerun = publisher.publishAll(weeks.subList(0, 3).iterator(), "second-run");
        }
        assertThat(rerun.weeksPublished()).isZero();
        assertThat(rerun.weeksSkipped()).isEqualTo(3);
        assertThat(rerun.resumedAfter()).contains(TestWeeks.date(2));
        assertThat(TopicContents.countIncludingUncommitted(bootstrap, topic)).isEqualTo(afterFirstRun);

        PublishSummary extended;
        try (WeekPublisher publisher = new WeekPublisher(PublisherConfig.of(bootstrap, topic))) {
            extended = publisher.publishAll(weeks.iterator(), "third-run");
        }
        assertThat(extended.weeksSkipped()).isEqualTo(3);
        assertThat(extended.weeksPublished()).isEqualTo(1);
        assertThat(extended.lastCommittedWeek()).contains(TestWeeks.date(3));

        List<SnapshotEvent> expected = new ArrayList<>(expectedEvents(weeks.subList(0, 3), "first-run",
                ProtocolDirectory.empty()));
        expected.addAll(expectedEvents(weeks.get(3), "third-run", ProtocolDirectory.empty()));
        assertThat(TopicContents.readCommitted(bootstrap, topic)).extracting(TopicContents.Entry::event)
                .containsExactlyElementsOf(expected);
    }

    @Test
    void weekThatFailsIsAbortedAndInvisible() {
        String topic = newTopic("abort");
        List<WeekSnapshot> weeks = TestWeeks.weeks(2, 3, 4);
        // A node whose record exceeds the producer's max.request.size (1 MB): the broker never gets it, the
        // records of the week sent before it do reach the log, and the transaction must be aborted.
        Map<String, Double> huge = new HashMap<>();
        for (int i = 0; i < 60_000; i++) {
            huge.put("TOKEN-WITH-A-LONG-NAME-" + i, (double) i);
        }
        // 20k nodes first: full 256 KB batches go out while the week is still being sent
        List<SnapshotNode> nodes = new ArrayList<>(TestWeeks.week(TestWeeks.date(2), 20_000, 0).nodes());
        nodes.add(new SnapshotNode("9999", 1.0, huge));
        WeekSnapshot bad = new WeekSnapshot(TestWeeks.date(2), nodes, List.of(), 0, 0);

        WeekPublisher publisher = new WeekPublisher(PublisherConfig.of(bootstrap, topic));
        publisher.publishAll(weeks.iterator(), "good");
        assertThatThrownBy(() -> publisher.publish(bad, "bad"))
                .isInstanceOf(PublishFailedException.class)
                .hasMessageContaining("publishing week 2022-05-09 (20004 nodes, 0 links) to topic " + topic)
                .hasMessageContaining(bootstrap)
                .hasMessageContaining("RecordTooLargeException")
                .hasMessageContaining("transaction was aborted")
                .hasMessageContaining("Last committed week: 2022-05-02");
        assertThatThrownBy(() -> publisher.publish(weeks.get(0), "again"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        publisher.close();

        assertThat(TopicContents.countIncludingUncommitted(bootstrap, topic))
                .as("records of the failed week reached the log (else the test proves nothing)")
                .isGreaterThan(expectedEvents(weeks, "good", ProtocolDirectory.empty()).size());
        assertThat(TopicContents.readCommitted(bootstrap, topic)).extracting(TopicContents.Entry::event)
                .containsExactlyElementsOf(expectedEvents(weeks, "good", ProtocolDirectory.empty()));
        TopicContents.awaitNoOpenTransaction(bootstrap, topic);
        assertThat(PublishedWeeks.lastCommittedWeek(bootstrap, topic)).contains(TestWeeks.date(1));
    }

    @Test
    void weeksOutOfOrderAreRejected() {
        String topic = newTopic("order-check");
        List<WeekSnapshot> weeks = List.of(TestWeeks.week(TestWeeks.date(1), 2, 2), TestWeeks.week(TestWeeks.date(0), 2, 2));
        try (WeekPublisher publisher = new WeekPublisher(PublisherConfig.of(bootstrap, topic))) {
            assertThatThrownBy(() -> publisher.publishAll(weeks.iterator(), "x"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("ascending order, but 2022-04-25 follows 2022-05-02");
        }
    }

    @Test
    void pacingSpreadsWeeksOverTime() {
        String topic = newTopic("pacing");
        List<WeekSnapshot> weeks = TestWeeks.weeks(4, 2, 2);
        long started = System.nanoTime();
        try (WeekPublisher publisher = new WeekPublisher(PublisherConfig.of(bootstrap, topic).withWeeksPerSecond(10))) {
            publisher.publishAll(weeks.iterator(), "paced");
        }
        // 4 weeks at 10/s: the 2nd, 3rd and 4th wait for their slot, 0.3 s in all
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    /** Also the throughput figure: a real-scale week (11k nodes, 75k links) into Kafka. */
    @Test
    void publishesARealScaleWeek() {
        String topic = newTopic("real-scale");
        List<WeekSnapshot> weeks = List.of(TestWeeks.week(TestWeeks.date(0), 11_000, 75_000),
                TestWeeks.week(TestWeeks.date(1), 11_000, 75_000));
        List<PublishProgress> progress = new ArrayList<>();
        PublishSummary summary;
        try (WeekPublisher publisher = new WeekPublisher(PublisherConfig.of(bootstrap, topic))) {
            summary = publisher.publishAll(weeks.iterator(), "scale", progress::add);
        }
        progress.forEach(p -> System.out.println(p.describe()));
        System.out.printf("real-scale: %,d records, %,d bytes (uncompressed) in %d ms = %,.0f events/s%n",
                summary.records(), summary.bytes(), summary.elapsed().toMillis(), summary.eventsPerSecond());
        assertThat(summary.records()).isEqualTo(2 * (11_003 + 75_000 + 1L));
        TopicContents.awaitNoOpenTransaction(bootstrap, topic);
        assertThat(PublishedWeeks.lastCommittedWeek(bootstrap, topic)).contains(LocalDate.of(2022, 5, 2));
    }
}
