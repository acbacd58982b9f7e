package io.dexposure.job.sinks;

import io.dexposure.job.options.KafkaOptions;
import io.dexposure.job.streams.ResultSinks;
import io.dexposure.job.streams.ResultStream;
import org.apache.flink.api.connector.sink2.Sink;

/**
 * The production destination: every result stream to its Kafka topic ({@code --topic} or the catalogue's
 * default), exactly-once, keyed as the catalogue says; one transactional-id suffix per stream.
 */
public final class KafkaResultSinks implements ResultSinks {
    private static final long serialVersionUID = 1L;
    private final KafkaOptions options;

    public KafkaResultSinks(KafkaOptions options) {
        this.options = options;
    }

    @Override
    public <T> Sink<T> sink(ResultStream<T> stream) {
        return JsonKafkaSink.exactlyOnce(options, options.topic(stream), stream.name(), stream.kafkaKey());
    }

    @Override
    public String uid(ResultStream<?> stream) {
        return stream.name() + "-sink";
    }
}
