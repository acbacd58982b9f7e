package io.dexposure.replayer.publish;

import io.dexposure.events.SnapshotEvent;
import io.dexposure.events.SnapshotEventJson;
import io.dexposure.replayer.monitoring.ReplayerMetrics;
import io.dexposure.snapshot.WeekSnapshot;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Writes weekly snapshots to the snapshot-events topic, one Kafka transaction per week: every node, then every
 * link, then the week-closed marker with the counts, all keyed by the week (so a week stays in one partition, in
 * order). read_committed consumers see a week whole or not at all.
 *
 * <p>{@link #publishAll} resumes: it skips the weeks up to the topic's last committed week-closed marker, so a rerun
 * publishes nothing twice and a crashed run continues after its last committed week. The producer's
 * transactional.id is stable per topic ({@link PublisherConfig#transactionalId()}), so starting a publisher fences
 * any earlier one on the same topic and aborts its open transaction.
 *
 * <p>Failures throw {@link PublishFailedException}; the publisher is closed afterwards (make a new one: it resumes).
 * Kafka record timestamps are left to the producer (wall clock): the event time is the week inside the payload, and
 * 2020 timestamps would make time-based retention delete the records at once.
 *
 * <p>Not thread-safe.
 */
public final class WeekPublisher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WeekPublisher.class);

    private final PublisherConfig config;
    private final KafkaProducer<byte[], byte[]> producer;
    private boolean transactionsReady;
    private boolean closed;
    /** Null while unknown (not read from the topic, nothing committed in this run). */
    private LastCommitted lastCommitted;

    public WeekPublisher(PublisherConfig config) {
        this.config = config;
        try {
            this.producer = new KafkaProducer<>(producerProperties(config), new ByteArraySerializer(),
                    new ByteArraySerializer());
        } catch (KafkaException e) {
            throw new PublishFailedException("cannot create a Kafka producer for topic " + config.topic() + " at "
                    + config.bootstrapServers() + ": " + KafkaTopics.describe(e), e);
        }
    }

    static Map<String, Object> producerProperties(PublisherConfig config) {
        int timeoutMs = (int) Math.min(Integer.MAX_VALUE, config.timeout().toMillis());
        int lingerMs = 20;
        int requestTimeoutMs = Math.max(1_000, timeoutMs / 2);
        Map<String, Object> p = new HashMap<>();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "dexposure-replayer-" + config.topic());
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, config.transactionalId());
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        // Bounded blocking: a dead broker surfaces as TimeoutException instead of a hang.
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeoutMs);
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, requestTimeoutMs);
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Math.max(timeoutMs, requestTimeoutMs + lingerMs));
        // Under the broker's transaction.max.timeout.ms (15 min); a week takes seconds.
        p.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 60_000);
        // Throughput: a real week is ~86k small JSON records.
        p.put(ProducerConfig.LINGER_MS_CONFIG, lingerMs);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 64L * 1024 * 1024);
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        p.putAll(config.producerOverrides());
        return p;
    }

    public PublisherConfig config() {
        return config;
    }

    /**
     * Publishes one week as one transaction, unconditionally (no resume check: see {@link #publishAll}).
     *
     * @param origin where the week came from (snapshot file name, or "pull"); goes into the week-closed marker
     * @throws PublishFailedException if the week could not be committed; its transaction is aborted (or left to be
     *                                aborted by the next publisher or the broker), so none of its records becomes
     *                                visible. The publisher is closed afterwards.
     */
    public CommittedWeek publish(WeekSnapshot week, String origin) {
        ensureOpen();
        initTransactions(week.week());
        long startedAt = System.nanoTime();
        byte[] key = week.week().toString().getBytes(StandardCharsets.UTF_8);
        WeekSends sends = new WeekSends();
        Phase phase = Phase.NOT_STARTED;
        try {
            producer.beginTransaction();
            phase = Phase.SENDING;
            WeekEvents.forEach(week, config.directory(), origin, event -> sendOrStop(key, event, sends));
            sends.awaitAcknowledged(config.timeout());
            phase = Phase.COMMITTING;
            producer.commitTransaction();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw failWeek(week, phase, e, sends.firstError() != null ? sends.firstError() : e);
        }
        lastCommitted = new LastCommitted(Optional.of(week.week()), "committed by this run");
        int nodes = week.nodes().size();
        int links = week.links().size();
        return new CommittedWeek(week.week(), nodes, links, nodes + links + 1L, sends.bytes(),
                Duration.ofNanos(System.nanoTime() - startedAt));
    }

    /** {@link #publishAll(Iterator, String, Consumer)} without progress reports. */
    public PublishSummary publishAll(Iterator<WeekSnapshot> weeks, String origin) {
        return publishAll(weeks, origin, progress -> { });
    }

    /**
     * Publishes weeks in order, one transaction each, resuming after the topic's last committed week: weeks at or
     * before it are skipped (and logged). Paced at {@link PublisherConfig#weeksPerSecond()} when that is positive.
     *
     * @param weeks    in strictly ascending week order (resuming relies on it)
     * @param progress called after each committed week
     * @throws IllegalArgumentException when a week is not after the previous one
     * @throws PublishFailedException   when Kafka is unreachable, the topic holds foreign records, or a week fails
     */
    public PublishSummary publishAll(Iterator<WeekSnapshot> weeks, String origin, Consumer<PublishProgress> progress) {
        ensureOpen();
        long runStartedAt = System.nanoTime();
        if (!weeks.hasNext()) {
            return new PublishSummary(Optional.empty(), 0, 0, Optional.empty(), 0, 0, Duration.ZERO);
        }
        WeekSnapshot first = weeks.next();
        // Fence and abort a crashed earlier run first, so its open transaction no longer holds back the
        // read_committed end offset that the look-up below reads up to.
        initTransactions(first.week());
        Optional<LocalDate> resumeAfter = lookUpLastCommittedWeek(first.week());
        resumeAfter.ifPresent(w -> LOG.info("topic {} already holds committed weeks up to {}; resuming after it",
                config.topic(), w));

        ReplayerMetrics.runStarted();
        try {
            return publishFrom(first, weeks, origin, progress, resumeAfter, runStartedAt);
        } finally {
            ReplayerMetrics.runFinished();
        }
    }

    private PublishSummary publishFrom(WeekSnapshot first, Iterator<WeekSnapshot> weeks, String origin,
                                       Consumer<PublishProgress> progress, Optional<LocalDate> resumeAfter,
                                       long runStartedAt) {
        long published = 0;
        long skipped = 0;
        long records = 0;
        long bytes = 0;
        LocalDate firstSkipped = null;
        LocalDate lastSkipped = null;
        LocalDate previous = null;
        long publishingStartedAt = 0;
        double weeksPerSecond = config.weeksPerSecond();
        WeekSnapshot week = first;
        while (week != null) {
            if (previous != null && !week.week().isAfter(previous)) {
                throw new IllegalArgumentException("weeks must come in ascending order, but " + week.week()
                        + " follows " + previous);
            }
            previous = week.week();
            if (resumeAfter.isPresent() && !week.week().isAfter(resumeAfter.get())) {
                skipped++;
                ReplayerMetrics.weekSkipped();
                firstSkipped = firstSkipped == null ? week.week() : firstSkipped;
                lastSkipped = week.week();
                LOG.debug("skipping week {}: already committed on topic {}", week.week(), config.topic());
            } else {
                if (firstSkipped != null) {
                    logSkipped(firstSkipped, lastSkipped, skipped);
                    firstSkipped = null;
                }
                if (publishingStartedAt == 0) {
                    publishingStartedAt = System.nanoTime();
                } else if (weeksPerSecond > 0) {
                    pace(publishingStartedAt, published, weeksPerSecond);
                }
                long weekStartedAt = System.nanoTime();
                CommittedWeek committed = publish(week, origin);
                published++;
                records += committed.records();
                bytes += committed.bytes();
                PublishProgress done = new PublishProgress(committed.week(), committed.nodes(), committed.links(), published,
                        records, bytes, Duration.ofNanos(System.nanoTime() - publishingStartedAt));
                ReplayerMetrics.weekCommitted(committed.week(), committed.records(), committed.bytes(),
                        Duration.ofNanos(System.nanoTime() - weekStartedAt), done.eventsPerSecond());
                progress.accept(done);
            }
            week = weeks.hasNext() ? weeks.next() : null;
        }
        if (firstSkipped != null) {
            logSkipped(firstSkipped, lastSkipped, skipped);
        }
        Optional<LocalDate> lastCommittedWeek = lastCommitted.week();
        return new PublishSummary(resumeAfter, published, skipped, lastCommittedWeek, records, bytes,
                Duration.ofNanos(System.nanoTime() - (publishingStartedAt == 0 ? runStartedAt : publishingStartedAt)));
    }

    /** Closes the producer; an open transaction (only after a failure) is aborted by the broker or the next run. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            producer.close(config.timeout());
        }
    }

    // ---------------------------------------------------------------------------------------------- internals

    /** {@link #send} for the per-event callback; the week's catch block reports sends.firstError() first. */
    private void sendOrStop(byte[] key, SnapshotEvent event, WeekSends sends) {
        try {
            send(key, event, sends);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void send(byte[] key, SnapshotEvent event, WeekSends sends) throws Exception {
        byte[] value = SnapshotEventJson.toBytes(event);
        sends.sending(key.length + (long) value.length);
        // timestamp null: the producer stamps wall-clock time (see class comment)
        producer.send(new ProducerRecord<>(config.topic(), null, null, key, value), sends);
        // Stop at the first failure: each further send could block up to max.block.ms (e.g. on metadata).
        sends.throwIfFailed();
    }

    private void initTransactions(LocalDate week) {
        if (transactionsReady) {
            return;
        }
        try {
            producer.initTransactions();
            transactionsReady = true;
        } catch (KafkaException e) {
            closeNow();
            throw new PublishFailedException("cannot publish week " + week + " to topic " + config.topic()
                    + " on Kafka at " + config.bootstrapServers() + ": starting the transactional producer ("
                    + config.transactionalId() + ") failed: " + KafkaTopics.describe(e) + ". "
                    + (e instanceof TimeoutException ? "No answer within " + config.timeout().toSeconds()
                    + " s: is the broker running and reachable at that address? " : "")
                    + "Last committed week: " + describeLastCommitted(), e);
        }
    }

    private Optional<LocalDate> lookUpLastCommittedWeek(LocalDate week) {
        try {
            Optional<LocalDate> found = PublishedWeeks.lastCommittedWeek(config.bootstrapServers(), config.topic(),
                    config.timeout());
            lastCommitted = new LastCommitted(found, "read from the topic");
            return found;
        } catch (PublishFailedException e) {
            closeNow();
            throw new PublishFailedException("cannot publish week " + week + " to topic " + config.topic() + " at "
                    + config.bootstrapServers() + ": finding where to resume failed: " + e.getMessage(), e);
        }
    }

    /** Aborts the week's transaction if that can still help, closes the producer, and builds the error. */
    private PublishFailedException failWeek(WeekSnapshot week, Phase phase, Exception error, Exception cause) {
        String outcome;
        if (phase == Phase.NOT_STARTED) {
            outcome = "No transaction was started.";
        } else if (phase == Phase.COMMITTING && error instanceof TimeoutException) {
            outcome = "The commit did not complete in time: whether the week was committed is unknown. Rerun: the "
                    + "replay resumes after the last week committed on the topic.";
        } else if (error instanceof TimeoutException || isFatal(error)) {
            // Aborting needs the broker too (and is refused after fencing): the next publisher's initTransactions,
            // or the broker's transaction timeout, aborts it.
            outcome = "The week's transaction could not be aborted now; it is aborted when the next publisher on this "
                    + "topic starts, or by the broker after transaction.timeout.ms. Until then read_committed "
                    + "consumers see none of its records.";
        } else {
            outcome = abort() ? "The week's transaction was aborted: none of its records is visible to "
                    + "read_committed consumers."
                    : "Aborting the week's transaction failed too; the next publisher on this topic, or the broker's "
                    + "transaction timeout, aborts it. read_committed consumers see none of its records.";
        }
        closeNow();
        String hint = error instanceof TimeoutException
                ? " No answer within " + config.timeout().toSeconds() + " s: is the broker running and reachable?"
                : error instanceof ProducerFencedException
                ? " Another publisher with transactional id " + config.transactionalId() + " started meanwhile."
                : "";
        return new PublishFailedException("publishing week " + week.week() + " (" + week.nodes().size() + " nodes, "
                + week.links().size() + " links) to topic " + config.topic() + " on Kafka at "
                + config.bootstrapServers() + " failed: " + KafkaTopics.describe(cause) + "." + hint + " " + outcome
                + " Last committed week: " + describeLastCommitted() + ".", cause);
    }

    private static boolean isFatal(Exception error) {
        return error instanceof ProducerFencedException || error instanceof OutOfOrderSequenceException
                || error instanceof AuthorizationException || error instanceof UnsupportedVersionException;
    }

    private boolean abort() {
        try {
            producer.abortTransaction();
            return true;
        } catch (KafkaException e) {
            LOG.warn("aborting the transaction on topic {} failed", config.topic(), e);
            return false;
        }
    }

    private void closeNow() {
        if (!closed) {
            closed = true;
            producer.close(Duration.ZERO);
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("this WeekPublisher is closed (after close() or a failure); create a new "
                    + "one: it resumes after the last committed week");
        }
    }

    private String describeLastCommitted() {
        if (lastCommitted == null) {
            return "unknown (not read from the topic yet)";
        }
        return lastCommitted.week().map(LocalDate::toString).orElse("none") + " (" + lastCommitted.source() + ")";
    }

    private void logSkipped(LocalDate from, LocalDate to, long count) {
        LOG.info("skipped weeks {} .. {} ({} weeks): already committed on topic {}", from, to, count, config.topic());
    }

    private static void pace(long startedAt, long weeksDone, double weeksPerSecond) {
        long dueAt = startedAt + (long) (weeksDone / weeksPerSecond * 1e9);
        long wait = dueAt - System.nanoTime();
        if (wait > 0) {
            try {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PublishFailedException("interrupted while pacing the replay", e);
            }
        }
    }

    /**
     * Counts one week's sends and their acknowledgements. Waiting on these replaces producer.flush(): in a
     * transaction, flush() never returns while the transaction coordinator is unreachable (kafka-clients 3.4's
     * sender retries the coordinator requests and neither sends nor expires the batches meanwhile).
     */
    private static final class WeekSends implements Callback {
        private long sent;
        private long acknowledged;
        private long bytes;
        private Exception firstError;

        synchronized void sending(long recordBytes) {
            sent++;
            bytes += recordBytes;
        }

        @Override
        public synchronized void onCompletion(RecordMetadata metadata, Exception error) {
            acknowledged++;
            if (error != null && firstError == null) {
                firstError = error;
            }
            notifyAll();
        }

        synchronized Exception firstError() {
            return firstError;
        }

        synchronized long bytes() {
            return bytes;
        }

        synchronized void throwIfFailed() throws Exception {
            if (firstError != null) {
                throw firstError;
            }
        }

        /**
         * Waits until Kafka has acknowledged every record. Fails when none was acknowledged for {@code stall}: a big
         * week on a slow machine may take longer than that in all, a dead broker does not.
         */
        synchronized void awaitAcknowledged(Duration stall) throws Exception {
            long lastCount = acknowledged;
            long lastProgressAt = System.nanoTime();
            while (acknowledged < sent && firstError == null) {
                long idle = System.nanoTime() - lastProgressAt;
                if (acknowledged != lastCount) {
                    lastCount = acknowledged;
                    lastProgressAt = System.nanoTime();
                } else if (idle >= stall.toNanos()) {
                    throw new TimeoutException("Kafka acknowledged none of the week's records for "
                            + stall.toSeconds() + " s (" + acknowledged + " of " + sent + " acknowledged)");
                } else {
                    wait(Math.max(1, (stall.toNanos() - idle) / 1_000_000));
                }
            }
            throwIfFailed();
        }
    }

    /** How far a week's transaction got, which decides what a failure means for it. */
    private enum Phase { NOT_STARTED, SENDING, COMMITTING }

    private record LastCommitted(Optional<LocalDate> week, String source) {
    }
}
