package io.dexposure.replayer.publish;

import io.dexposure.events.SnapshotEventJson;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.NetworkException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which replay failures {@link SnapshotReplay#runRetrying} tries again: those a wait cures (the broker away or
 * restarting), never those it does not (another publisher, foreign records on the topic). The retry itself, across a
 * real 30 s broker outage, is LocalFlinkClusterIT's (tools).
 */
class SnapshotReplayRetryTest {

    @Test
    void aBrokerThatDoesNotAnswerIsWorthAnotherTry() {
        assertThat(SnapshotReplay.curedByWaiting(new PublishFailedException("publishing week 2022-05-02 failed",
                new TimeoutException("Kafka acknowledged none of the week's records for 20 s")))).isTrue();
        // As PublishedWeeks wraps it: the retriable cause further down the chain.
        assertThat(SnapshotReplay.curedByWaiting(new PublishFailedException("cannot read the last committed week",
                new KafkaException("metadata", new NetworkException("disconnected"))))).isTrue();
    }

    @Test
    void aFailureNoWaitCuresIsNotRetried() {
        assertThat(SnapshotReplay.curedByWaiting(new PublishFailedException("another publisher started",
                new ProducerFencedException("fenced")))).isFalse();
        assertThat(SnapshotReplay.curedByWaiting(new PublishFailedException("foreign record on the topic",
                new SnapshotEventJson.MalformedEventException("not a snapshot event", null)))).isFalse();
        assertThat(SnapshotReplay.curedByWaiting(new PublishFailedException("no cause", null))).isFalse();
    }
}
