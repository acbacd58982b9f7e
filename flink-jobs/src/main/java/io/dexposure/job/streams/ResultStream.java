package io.dexposure.job.streams;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.util.OutputTag;

import java.util.List;

/**
 * One result stream of the job, described once: its name (operator names, uids, transactional ids,
 * {@code --topic NAME=...}), record type and Flink type information, default Kafka topic and key, and
 * event-time store table with its key columns. The Kafka sinks, the store sinks, the job's outputs, topic
 * creation and docs/records.md all derive from {@link ResultStreams#ALL}, so a new stream is one entry
 * there plus its record class.
 *
 * @param table    the event-time store table (dashboards/sql), upserted on {@code tableKey}
 * @param operator the operator whose output this is, for the docs
 */
public record ResultStream<T>(String name, Class<T> type, TypeInformation<T> typeInfo, String defaultTopic,
                              RecordKey<T> kafkaKey, String kafkaKeyDoc, String table, List<String> tableKey,
                              String operator, String description) implements java.io.Serializable {

    /** The side-output tag of this stream, for operators that emit it besides their main output. */
    public OutputTag<T> tag() {
        return new OutputTag<>(name, typeInfo);
    }
}
