package io.dexposure.flink.results;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dexposure.flink.roland.ModelQuality;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Reads the model-quality topic read_committed from the beginning, as a downstream service would. */
public final class ModelQualityConsumer implements AutoCloseable {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final KafkaConsumer<byte[], byte[]> consumer;

    public ModelQualityConsumer(String bootstrapServers, String modelQualityTopic) {
        this.consumer = WeekResultsConsumer.readCommitted(bootstrapServers, "dexposure-model-quality-");
        consumer.subscribe(List.of(modelQualityTopic));
    }

    public List<ModelQuality> poll(Duration timeout) {
        List<ModelQuality> out = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(timeout)) {
            try {
                out.add(MAPPER.readValue(r.value(), ModelQuality.class));
            } catch (IOException e) {
                throw new UncheckedIOException("unreadable record on " + r.topic() + "-" + r.partition() + "@" + r.offset(), e);
            }
        }
        return out;
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
