package io.dexposure.job.streams;

import java.io.Serializable;

/** How to get a result record's Kafka key (and so its partition: one subject's records stay in order). */
@FunctionalInterface
public interface RecordKey<T> extends Serializable {
    String of(T record);
}
