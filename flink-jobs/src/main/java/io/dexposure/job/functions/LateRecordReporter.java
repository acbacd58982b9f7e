package io.dexposure.job.functions;

import io.dexposure.events.SnapshotEvent;
import io.dexposure.analytics.assembly.WeekIssue;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Records that arrive after their week was closed (for example the same file replayed again into the
 * topic) are not counted twice: the window drops them, and this reports each such week once.
 * Keyed by week; one boolean per week that ever had late records (a few hundred at most).
 */
public class LateRecordReporter extends KeyedProcessFunction<String, SnapshotEvent, WeekIssue> {
    private static final long serialVersionUID = 1L;

    private transient ValueState<Boolean> reported;
    private transient Counter lateRecords;

    @Override
    public void open(OpenContext openContext) {
        reported = getRuntimeContext().getState(new ValueStateDescriptor<>("late-week-reported", Types.BOOLEAN));
        lateRecords = getRuntimeContext().getMetricGroup().counter("lateRecords");
    }

    @Override
    public void processElement(SnapshotEvent event, Context ctx, Collector<WeekIssue> out) throws Exception {
        lateRecords.inc();
        if (reported.value() == null) {
            reported.update(true);
            out.collect(WeekIssue.of(event.week, WeekIssue.LATE_RECORDS, "Records for week " + event.week
                    + " arrived after the week was closed (was it published twice?); they were not counted."));
        }
    }
}
