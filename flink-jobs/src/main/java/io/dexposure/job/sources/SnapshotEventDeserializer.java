package io.dexposure.job.sources;

import io.dexposure.events.SnapshotEvent;
import io.dexposure.events.SnapshotEventJson;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Reads snapshot events from Kafka. A record that cannot be read does not fail the job (a restart
 * would meet it again, forever): it becomes an "unreadable" event carrying the error and the record's
 * topic, partition and offset, which the job reports on the data-quality topic. Its week's counts
 * then no longer add up, so that week is reported too, never computed from partial data.
 */
public class SnapshotEventDeserializer implements KafkaRecordDeserializationSchema<SnapshotEvent> {
    private static final long serialVersionUID = 1L;
    /** Type of the stand-in for a record that could not be read; never on the topic itself. */
    public static final String UNREADABLE = "unreadable";

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<SnapshotEvent> out) {
        try {
            out.collect(SnapshotEventJson.fromBytes(record.value()));
        } catch (SnapshotEventJson.MalformedEventException e) {
            SnapshotEvent unreadable = new SnapshotEvent();
            unreadable.type = UNREADABLE;
            unreadable.week = record.key() == null ? null : new String(record.key(), java.nio.charset.StandardCharsets.UTF_8);
            unreadable.origin = record.topic() + "-" + record.partition() + "@" + record.offset() + ": " + e.getMessage();
            out.collect(unreadable);
        }
    }

    @Override
    public TypeInformation<SnapshotEvent> getProducedType() {
        return SnapshotEventTypes.EVENT;
    }
}
