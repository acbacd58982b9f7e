package io.dexposure.replayer.publish;

import io.dexposure.snapshot.ProtocolDirectory;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Where and how {@link WeekPublisher} writes.
 *
 * @param bootstrapServers      Kafka bootstrap servers
 * @param topic                 the snapshot-events topic
 * @param transactionalIdPrefix the producer's transactional.id is this + topic. Stable across runs on purpose: a
 *                              new run fences a crashed one and aborts its open transaction. Two publishers on one
 *                              topic at once fence each other.
 * @param timeout               bound on every blocking step (max.block.ms, delivery.timeout.ms, the resume lookup):
 *                              an unreachable broker fails within about this long instead of hanging
 * @param directory             protocol id -> name and category for node records (may be empty)
 * @param weeksPerSecond        pacing of {@link WeekPublisher#publishAll}; 0 = as fast as possible
 * @param producerOverrides     producer properties applied last (e.g. compression.type, transaction.timeout.ms)
 */
public record PublisherConfig(String bootstrapServers, String topic, String transactionalIdPrefix, Duration timeout,
                              ProtocolDirectory directory, double weeksPerSecond, Map<String, String> producerOverrides) {

    public static final String DEFAULT_TRANSACTIONAL_ID_PREFIX = "dexposure-replayer-";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(20);

    public PublisherConfig {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(transactionalIdPrefix, "transactionalIdPrefix");
        Objects.requireNonNull(directory, "directory");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
        if (!(weeksPerSecond >= 0) || Double.isInfinite(weeksPerSecond)) {
            throw new IllegalArgumentException("weeksPerSecond must be >= 0 (0 = unthrottled): " + weeksPerSecond);
        }
        producerOverrides = Map.copyOf(producerOverrides);
    }

    public static PublisherConfig of(String bootstrapServers, String topic) {
        return new PublisherConfig(bootstrapServers, topic, DEFAULT_TRANSACTIONAL_ID_PREFIX, DEFAULT_TIMEOUT,
                ProtocolDirectory.empty(), 0, Map.of());
    }

    public String transactionalId() {
        return transactionalIdPrefix + topic;
    }

    public PublisherConfig withTransactionalIdPrefix(String prefix) {
        return new PublisherConfig(bootstrapServers, topic, prefix, timeout, directory, weeksPerSecond, producerOverrides);
    }

    public PublisherConfig withTimeout(Duration value) {
        return new PublisherConfig(bootstrapServers, topic, transactionalIdPrefix, value, directory, weeksPerSecond,
                producerOverrides);
    }

    public PublisherConfig withDirectory(ProtocolDirectory value) {
        return new PublisherConfig(bootstrapServers, topic, transactionalIdPrefix, timeout, value, weeksPerSecond,
                producerOverrides);
    }

    public PublisherConfig withWeeksPerSecond(double value) {
        return new PublisherConfig(bootstrapServers, topic, transactionalIdPrefix, timeout, directory, value,
                producerOverrides);
    }

    public PublisherConfig withProducerProperty(String key, String value) {
        Map<String, String> overrides = new LinkedHashMap<>(producerOverrides);
        overrides.put(key, value);
        return new PublisherConfig(bootstrapServers, topic, transactionalIdPrefix, timeout, directory, weeksPerSecond,
                overrides);
    }
}
