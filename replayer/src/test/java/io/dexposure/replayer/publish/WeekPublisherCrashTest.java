package io.dexposure.replayer.publish;

import io.dexposure.localkafka.LocalKafkaBroker;
import io.dexposure.snapshot.ProtocolDirectory;
import io.dexposure.snapshot.WeekSnapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A replay killed with SIGKILL in the middle of a week's transaction, then resumed by a new publisher: read
 * read_committed, the topic has every week exactly once and nothing of the interrupted attempt.
 */
@Timeout(180)
class WeekPublisherCrashTest {
    static final int SLOW_WEEK = 2;
    static final String ORIGIN = "crash-test";

    /** The replay input, the same in the killed JVM and here. */
    static List<WeekSnapshot> weeks() {
        List<WeekSnapshot> weeks = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            weeks.add(TestWeeks.week(TestWeeks.date(i), i == SLOW_WEEK ? 4000 : 20, 30));
        }
        return weeks;
    }

    @Test
    void resumedReplayHasEveryWeekExactlyOnce() throws Exception {
        String bootstrap = LocalKafkaBroker.shared().bootstrapServers();
        String topic = "publish-crash-" + UUID.randomUUID().toString().substring(0, 8);
        KafkaTopics.ensure(bootstrap, List.of(topic), 1);

        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process replay = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", classpath, SlowPublisherMain.class.getName(), bootstrap, topic)
                .redirectErrorStream(true)
                .start();
        List<String> output = new ArrayList<>();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(replay.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while ((line = out.readLine()) != null && !line.startsWith("IN-WEEK ")) {
                output.add(line);
            }
            assertThat(line).as("replay output: %s", output).isNotNull();
            Thread.sleep(300); // let some of the week's batches reach the broker
        } finally {
            replay.destroyForcibly(); // SIGKILL: no abort, no close
        }
        assertThat(replay.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(output).contains("COMMITTED " + TestWeeks.date(0), "COMMITTED " + TestWeeks.date(1))
                .noneMatch(l -> l.equals("COMMITTED " + TestWeeks.date(SLOW_WEEK)));

        PublishSummary resumed;
        try (WeekPublisher publisher = new WeekPublisher(PublisherConfig.of(bootstrap, topic))) {
            resumed = publisher.publishAll(weeks().iterator(), ORIGIN);
        }
        assertThat(resumed.resumedAfter()).contains(TestWeeks.date(1));
        assertThat(resumed.weeksSkipped()).isEqualTo(2);
        assertThat(resumed.weeksPublished()).isEqualTo(3);

        var expected = WeekPublisherTest.expectedEvents(weeks(), ORIGIN, ProtocolDirectory.empty());
        assertThat(TopicContents.countIncludingUncommitted(bootstrap, topic))
                .as("the killed run left part of week %s in the log", TestWeeks.date(SLOW_WEEK))
                .isGreaterThan(expected.size());
        assertThat(TopicContents.readCommitted(bootstrap, topic)).extracting(TopicContents.Entry::event)
                .containsExactlyElementsOf(expected);
    }
}
