package io.dexposure.job.functions;

import io.dexposure.analytics.assembly.WeekAssembly;

import io.dexposure.events.SnapshotEvent;
import org.apache.flink.streaming.api.windowing.triggers.Trigger;
import org.apache.flink.streaming.api.windowing.triggers.TriggerResult;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;

/**
 * Fires a week's window as soon as its week-closed marker arrives, not when the next week moves the
 * watermark. The replayer writes a week's records and then its marker into one partition in one
 * transaction, so when the marker is read, every record of that week already has been: whatever is
 * missing then will never come, and {@link WeekAssembly} reports it. A week whose marker never comes
 * fires when the watermark passes the window's end, and is reported as such.
 */
public class WeekCompleteTrigger extends Trigger<SnapshotEvent, TimeWindow> {
    private static final long serialVersionUID = 1L;

    @Override
    public TriggerResult onElement(SnapshotEvent event, long timestamp, TimeWindow window, TriggerContext ctx) {
        if (event.isWeekClosed()) {
            // The timer stays: the window operator keeps one for its own cleanup at the same time anyway,
            // and by then the purged window is empty, so nothing fires twice.
            return TriggerResult.FIRE_AND_PURGE;
        }
        ctx.registerEventTimeTimer(window.maxTimestamp());
        return TriggerResult.CONTINUE;
    }

    @Override
    public TriggerResult onEventTime(long time, TimeWindow window, TriggerContext ctx) {
        return time == window.maxTimestamp() ? TriggerResult.FIRE_AND_PURGE : TriggerResult.CONTINUE;
    }

    @Override
    public TriggerResult onProcessingTime(long time, TimeWindow window, TriggerContext ctx) {
        return TriggerResult.CONTINUE;
    }

    @Override
    public void clear(TimeWindow window, TriggerContext ctx) {
        ctx.deleteEventTimeTimer(window.maxTimestamp());
    }

    @Override
    public String toString() {
        return "WeekCompleteTrigger()";
    }
}
