package io.dexposure.replayer.monitoring;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The replayer's operational metrics, recorded on Micrometer's global registry (a no-op until
 * {@link MetricsEndpoint} adds a Prometheus registry to it, so code paths without {@code --metrics-port}
 * pay nothing). Names follow the Prometheus conventions (prefix {@code dexposure_}, base units,
 * {@code _total} on counters); labels are bounded (the API name, a status class), never protocol ids.
 *
 * <pre>
 * dexposure_replay_records_published_total        records committed (nodes, links, week-closed markers)
 * dexposure_replay_published_bytes_total          their key + value bytes
 * dexposure_replay_weeks_published_total          weeks committed, one transaction each
 * dexposure_replay_weeks_skipped_total            weeks already on the topic (resume)
 * dexposure_replay_week_publish_seconds           one week's transaction (summary: _count, _sum, _max)
 * dexposure_replay_records_per_second             replay speed of the current run
 * dexposure_replay_event_time_seconds             the week last committed, as Unix time (its Monday 00:00 UTC)
 * dexposure_replay_last_commit_time_seconds       wall-clock time of that commit, as Unix time
 * dexposure_replay_in_progress                    1 while a replay or pull is publishing, else 0
 * dexposure_pull_requests_total{api,status}       HTTP requests sent to an API (status: 2xx, 404, 4xx, 429, 5xx, timeout, error)
 * dexposure_pull_request_duration_seconds{api}    their latency (summary)
 * dexposure_pull_retries_total{api}               requests sent again after a failure
 * dexposure_pull_rate_limited_total{api}          429 answers
 * dexposure_pull_cache_hits_total{api}            answers served from the on-disk cache
 * </pre>
 */
public final class ReplayerMetrics {
    private static final MeterRegistry REGISTRY = Metrics.globalRegistry;
    private static final Counter RECORDS = Counter.builder("dexposure.replay.records.published")
            .description("Snapshot records committed to Kafka").register(REGISTRY);
    private static final Counter BYTES = Counter.builder("dexposure.replay.published").baseUnit("bytes")
            .description("Key and value bytes committed to Kafka (before compression)").register(REGISTRY);
    private static final Counter WEEKS = Counter.builder("dexposure.replay.weeks.published")
            .description("Weeks committed, one Kafka transaction each").register(REGISTRY);
    private static final Counter SKIPPED = Counter.builder("dexposure.replay.weeks.skipped")
            .description("Weeks skipped because the topic already held them").register(REGISTRY);
    private static final Timer WEEK_PUBLISH = Timer.builder("dexposure.replay.week.publish")
            .description("Time to publish and commit one week").register(REGISTRY);
    private static final AtomicLong EVENT_TIME = new AtomicLong();
    private static final AtomicLong LAST_COMMIT = new AtomicLong();
    private static final AtomicLong IN_PROGRESS = new AtomicLong();
    private static final AtomicReference<Double> SPEED = new AtomicReference<>(0.0);

    static {
        Gauge.builder("dexposure.replay.event.time", EVENT_TIME, AtomicLong::doubleValue).baseUnit("seconds")
                .description("Event time of the week last committed (Unix time of its Monday)").register(REGISTRY);
        Gauge.builder("dexposure.replay.last.commit.time", LAST_COMMIT, AtomicLong::doubleValue).baseUnit("seconds")
                .description("Wall-clock time of the last committed week (Unix time)").register(REGISTRY);
        Gauge.builder("dexposure.replay.in.progress", IN_PROGRESS, AtomicLong::doubleValue)
                .description("1 while a replay or pull is publishing").register(REGISTRY);
        Gauge.builder("dexposure.replay.records.per.second", SPEED, AtomicReference::get)
                .description("Records per second of the current run").register(REGISTRY);
    }

    private ReplayerMetrics() {
    }

    public static void runStarted() {
        IN_PROGRESS.set(1);
    }

    public static void runFinished() {
        IN_PROGRESS.set(0);
    }

    public static void weekSkipped() {
        SKIPPED.increment();
    }

    /** A week was committed: its records and bytes, how long its transaction took, and the run's speed so far. */
    public static void weekCommitted(LocalDate week, long records, long bytes, Duration took, double recordsPerSecond) {
        RECORDS.increment(records);
        BYTES.increment(bytes);
        WEEKS.increment();
        WEEK_PUBLISH.record(took);
        EVENT_TIME.set(week.atStartOfDay(ZoneOffset.UTC).toEpochSecond());
        LAST_COMMIT.set(System.currentTimeMillis() / 1000);
        SPEED.set(recordsPerSecond);
    }

    /** One HTTP request to an API and how it ended (see the class comment for the status values). */
    public static void apiRequest(String api, String status, Duration took) {
        Counter.builder("dexposure.pull.requests").tag("api", api).tag("status", status)
                .description("HTTP requests sent to an API").register(REGISTRY).increment();
        Timer.builder("dexposure.pull.request.duration").tag("api", api)
                .description("HTTP request latency").register(REGISTRY).record(took);
        if ("429".equals(status)) {
            Counter.builder("dexposure.pull.rate.limited").tag("api", api)
                    .description("429 Too Many Requests answers").register(REGISTRY).increment();
        }
    }

    public static void apiRetry(String api) {
        Counter.builder("dexposure.pull.retries").tag("api", api).description("Requests sent again after a failure")
                .register(REGISTRY).increment();
    }

    public static void apiCacheHit(String api) {
        Counter.builder("dexposure.pull.cache.hits").tag("api", api).description("Answers served from the on-disk cache")
                .register(REGISTRY).increment();
    }

    /** The status label of an HTTP status code. */
    public static String statusClass(int status) {
        if (status == 404 || status == 429) {
            return Integer.toString(status);
        }
        return (status / 100) + "xx";
    }
}
