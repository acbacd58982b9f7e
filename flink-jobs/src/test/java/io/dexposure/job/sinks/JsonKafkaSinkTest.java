package io.dexposure.job.sinks;

import io.dexposure.events.WeekDates;
import io.dexposure.analytics.metrics.WeekMetrics;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class JsonKafkaSinkTest {
    @Test
    void recordsAreKeyedJsonWithoutTheEventTimeTimestamp() {
        WeekMetrics metrics = new WeekMetrics();
        metrics.week = "2022-05-09";
        metrics.id = "2022-05-09:network-metrics";
        JsonKafkaSink.KeyedJsonRecords<WeekMetrics> records =
                new JsonKafkaSink.KeyedJsonRecords<>("metrics", (WeekMetrics m) -> m.week);

        ProducerRecord<byte[], byte[]> record = records.serialize(metrics, null, WeekDates.epochMillis("2022-05-15"));

        assertThat(record.topic()).isEqualTo("metrics");
        assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo("2022-05-09");
        assertThat(new String(record.value(), StandardCharsets.UTF_8)).startsWith("{\"id\":\"2022-05-09:network-metrics\",\"week\":\"2022-05-09\"");
        // Left to the producer (wall clock): a 2022 timestamp would fall to time-based retention at once.
        assertThat(record.timestamp()).isNull();
        assertThat(record.partition()).isNull();
    }
}
