package io.dexposure.replayer.publish;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/** Creates the topics the replayer and the job need, when they do not exist yet. */
public final class KafkaTopics {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaTopics.class);

    private KafkaTopics() {
    }

    /** {@link #ensure(String, Collection, int, Duration)} with the publisher's default timeout. */
    public static Set<String> ensure(String bootstrapServers, Collection<String> topics, int partitions) {
        return ensure(bootstrapServers, topics, partitions, PublisherConfig.DEFAULT_TIMEOUT);
    }

    /**
     * Creates those of {@code topics} that do not exist, with {@code partitions} partitions and the broker's default
     * replication factor. Existing topics are left as they are, whatever their partition count.
     *
     * @return the topics this call created
     * @throws PublishFailedException when Kafka does not answer within {@code timeout} or refuses a creation
     */
    public static Set<String> ensure(String bootstrapServers, Collection<String> topics, int partitions, Duration timeout) {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be >= 1: " + partitions);
        }
        int timeoutMs = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        Map<String, Object> config = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.CLIENT_ID_CONFIG, "dexposure-topics",
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs);
        long deadline = System.nanoTime() + timeout.toNanos();
        Admin admin;
        try {
            admin = Admin.create(config);
        } catch (org.apache.kafka.common.KafkaException e) {
            throw new PublishFailedException("cannot create a Kafka admin client for " + bootstrapServers + ": "
                    + describe(e), e);
        }
        try {
            Set<String> existing = admin.listTopics().names().get(remainingMillis(deadline), TimeUnit.MILLISECONDS);
            List<NewTopic> missing = new TreeSet<>(topics).stream()
                    .filter(t -> !existing.contains(t))
                    .map(t -> new NewTopic(t, Optional.of(partitions), Optional.empty()))
                    .collect(Collectors.toList());
            if (missing.isEmpty()) {
                return Set.of();
            }
            CreateTopicsResult result = admin.createTopics(missing);
            Set<String> created = new TreeSet<>();
            for (NewTopic topic : missing) {
                try {
                    result.values().get(topic.name()).get(remainingMillis(deadline), TimeUnit.MILLISECONDS);
                    created.add(topic.name());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) { // created meanwhile by someone else: fine
                        throw e;
                    }
                }
            }
            LOG.info("created topics {} ({} partitions) on {}", created, partitions, bootstrapServers);
            return created;
        } catch (ExecutionException | java.util.concurrent.TimeoutException | org.apache.kafka.common.KafkaException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new PublishFailedException("cannot create topics " + new TreeSet<>(topics) + " on Kafka at "
                    + bootstrapServers + " within " + timeout.toSeconds() + " s: " + describe(cause)
                    + ". Is the broker running and reachable at that address?", cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishFailedException("interrupted while creating topics " + topics + " on " + bootstrapServers, e);
        } finally {
            // bounded: calls still pending against a dead broker are failed, not waited for
            admin.close(Duration.ofSeconds(2));
        }
    }

    static String describe(Throwable e) {
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    private static long remainingMillis(long deadlineNanos) {
        return Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime()));
    }
}
