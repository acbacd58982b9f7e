package io.dexposure.job.streams;

import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

import java.io.Serializable;

/**
 * Where the job's result streams go: one implementation per destination (Kafka, the event-time store, a
 * test's collector), injected into the job, which attaches every stream of the catalogue to every
 * destination. A destination may skip a stream by returning {@code null}.
 */
public interface ResultSinks extends Serializable {
    /** The sink of one stream, or null when this destination does not take it. */
    <T> Sink<T> sink(ResultStream<T> stream);

    /** The stable uid (and name) of a stream's sink operator: savepoints map state by it. */
    String uid(ResultStream<?> stream);

    /** Every stream dropped: tests that collect the job's outputs directly. */
    static ResultSinks discarding() {
        return new ResultSinks() {
            @Override
            public <T> Sink<T> sink(ResultStream<T> stream) {
                return new DiscardingSink<>();
            }

            @Override
            public String uid(ResultStream<?> stream) {
                return stream.name() + "-sink";
            }
        };
    }
}
