package io.dexposure.replayer.publish;

import io.dexposure.localkafka.LocalKafkaBroker;
import io.dexposure.snapshot.WeekSnapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Kafka down: every entry point fails with a clear error within its timeout instead of hanging. */
@Timeout(60)
class UnreachableKafkaTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    /** A port nothing listens on (bound once to find it, then released). */
    private static String closedPortBootstrap() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return "127.0.0.1:" + socket.getLocalPort();
        }
    }

    @Test
    void publishingFailsWithinTheTimeoutNamingWhatItWasDoing() throws IOException {
        String bootstrap = closedPortBootstrap();
        long started = System.nanoTime();
        try (WeekPublisher publisher = new WeekPublisher(PublisherConfig.of(bootstrap, "down-topic").withTimeout(TIMEOUT))) {
            assertThatThrownBy(() -> publisher.publishAll(TestWeeks.weeks(2, 2, 2).iterator(), "x"))
                    .isInstanceOf(PublishFailedException.class)
                    .hasMessageContaining(bootstrap)
                    .hasMessageContaining("topic down-topic")
                    .hasMessageContaining("week 2022-04-25")
                    .hasMessageContaining("Last committed week: unknown")
                    .hasMessageContaining("TimeoutException");
        }
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(TIMEOUT.multipliedBy(3));
    }

    /** The broker dies between two weeks: the next week fails within the timeout (flush() would hang here). */
    @Test
    void brokerDyingMidRunFailsTheNextWeekWithinTheTimeout(@TempDir Path dir) {
        LocalKafkaBroker broker = LocalKafkaBroker.start(dir);
        String bootstrap = broker.bootstrapServers();
        List<WeekSnapshot> weeks = TestWeeks.weeks(3, 200, 300);
        try (WeekPublisher publisher = new WeekPublisher(PublisherConfig.of(bootstrap, "dying").withTimeout(TIMEOUT))) {
            KafkaTopics.ensure(bootstrap, List.of("dying"), 1);
            publisher.publishAll(weeks.subList(0, 2).iterator(), "x");
            broker.close();

            long started = System.nanoTime();
            assertThatThrownBy(() -> publisher.publish(weeks.get(2), "x"))
                    .isInstanceOf(PublishFailedException.class)
                    .hasMessageContaining("publishing week 2022-05-09")
                    .hasMessageContaining("topic dying on Kafka at " + bootstrap)
                    .hasMessageContaining("TimeoutException")
                    .hasMessageContaining("Last committed week: 2022-05-02");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(TIMEOUT.multipliedBy(2));
        } finally {
            broker.close();
        }
    }

    @Test
    void topicCreationAndResumeLookupFailWithinTheTimeout() throws IOException {
        String bootstrap = closedPortBootstrap();
        long started = System.nanoTime();
        assertThatThrownBy(() -> KafkaTopics.ensure(bootstrap, List.of("down-topic"), 1, TIMEOUT))
                .isInstanceOf(PublishFailedException.class)
                .hasMessageContaining("cannot create topics [down-topic] on Kafka at " + bootstrap);
        assertThatThrownBy(() -> PublishedWeeks.lastCommittedWeek(bootstrap, "down-topic", TIMEOUT))
                .isInstanceOf(PublishFailedException.class)
                .hasMessageContaining("cannot read the last committed week of topic down-topic from Kafka at " + bootstrap);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(TIMEOUT.multipliedBy(4));
    }
}
