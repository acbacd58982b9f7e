package io.dexposure.job.options;

import io.dexposure.events.Topics;
import io.dexposure.job.streams.ResultStream;
import io.dexposure.job.streams.ResultStreams;
import picocli.CommandLine.Option;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Kafka: the broker, the input topic, the result topics and the exactly-once sinks' transactions. One option group: a picocli mixin for the commands that
 * need it, and what the operators of this concern receive. The job's own {@code main} reads the same
 * flags without picocli ({@link JobArguments}).
 */
public class KafkaOptions implements Serializable {
    private static final long serialVersionUID = 1L;

    @Option(names = "--bootstrap-servers", description = "Kafka bootstrap servers (default: ${DEFAULT-VALUE}).")
    public String bootstrapServers = "127.0.0.1:9092";

    @Option(names = "--input-topic", description = "Snapshot-events topic to read (default: ${DEFAULT-VALUE}).")
    public String inputTopic = Topics.SNAPSHOT_EVENTS;

    @Option(names = "--group-id", description = "Kafka consumer group of the source (default: ${DEFAULT-VALUE}).")
    public String groupId = "dexposure-monitor";

    @Option(names = "--transactional-id-prefix", description = "Prefix of the exactly-once sinks' Kafka transactional ids; keep it across restarts (default: ${DEFAULT-VALUE}).")
    public String transactionalIdPrefix = "dexposure-monitor";

    @Option(names = "--transaction-timeout-ms", description = "Kafka transaction timeout of the sinks; must stay under the broker's transaction.max.timeout.ms, 15 min by default (default: ${DEFAULT-VALUE}).")
    public long transactionTimeoutMs = 60_000;

    @Option(names = "--bounded", description = "Stop after the records present at start have been processed, instead of following the topic (default: ${DEFAULT-VALUE}).")
    public boolean bounded = false;

    @Option(names = "--topic", paramLabel = "STREAM=TOPIC",
            description = "Topic of a result stream instead of its default, e.g. --topic alerts=risk.alerts; repeatable. Streams and default topics: docs/records.md.")
    public Map<String, String> topics = new LinkedHashMap<>();

    /** The input topic and every result stream's topic: what a broker needs before the job starts. */
    public List<String> allTopics() {
        List<String> all = new ArrayList<>();
        all.add(inputTopic);
        ResultStreams.ALL.forEach(stream -> all.add(topic(stream)));
        return all;
    }

    /** The topic a result stream is written to: its --topic override, else the catalogue's default. */
    public String topic(ResultStream<?> stream) {
        return topics.getOrDefault(stream.name(), stream.defaultTopic());
    }
}
