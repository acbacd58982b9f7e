package io.dexposure.job.functions;

import io.dexposure.events.SnapshotEvent;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;

/**
 * Bounded out-of-orderness watermarks that are also emitted the moment a week-closed marker passes:
 * a marker says its week is over in this partition, so waiting for the next periodic emission would
 * only delay the previous week's incomplete-data report and make late-record handling depend on timing.
 */
public class SnapshotWatermarks implements WatermarkGenerator<SnapshotEvent> {
    private final long outOfOrdernessMs;
    private long maxTimestamp;

    public SnapshotWatermarks(long outOfOrdernessMs) {
        this.outOfOrdernessMs = outOfOrdernessMs;
        this.maxTimestamp = Long.MIN_VALUE + outOfOrdernessMs + 1;
    }

    @Override
    public void onEvent(SnapshotEvent event, long timestamp, WatermarkOutput output) {
        maxTimestamp = Math.max(maxTimestamp, timestamp);
        if (event.isWeekClosed()) {
            onPeriodicEmit(output);
        }
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        output.emitWatermark(new Watermark(maxTimestamp - outOfOrdernessMs - 1));
    }
}
