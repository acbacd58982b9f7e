package io.dexposure.tools.results;

import io.dexposure.analytics.linkpred.ModelQuality;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Reads the model-quality topic read_committed from the beginning, as a downstream service would. */
public final class ModelQualityConsumer implements AutoCloseable {
    private final KafkaConsumer<byte[], byte[]> consumer;

    public ModelQualityConsumer(String bootstrapServers, String modelQualityTopic) {
        this.consumer = CommittedRecords.consumer(bootstrapServers, CommittedRecords.freshGroup("dexposure-model-quality-"));
        consumer.subscribe(List.of(modelQualityTopic));
    }

    public List<ModelQuality> poll(Duration timeout) {
        List<ModelQuality> out = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(timeout)) {
            out.add(CommittedRecords.read(r, ModelQuality.class));
        }
        return out;
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
