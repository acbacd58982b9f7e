package io.dexposure.job.functions;

import io.dexposure.analytics.week.NetworkWeek;
import io.dexposure.analytics.week.WeekOrder;

import io.dexposure.analytics.assembly.WeekIssue;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

import java.util.List;
import java.util.TreeSet;

/**
 * Puts analysed weeks back into week order for the operators that compare a week with the previous
 * one (shock rules, change points, ROLAND). Keyed by one constant, so it sees every week; the release
 * rule is {@link WeekOrder}. A week older than one already released cannot be put in order any more:
 * it is reported on the data-quality topic, not passed on.
 */
public class WeekSequencer extends KeyedProcessFunction<Integer, NetworkWeek, NetworkWeek> {
    private static final long serialVersionUID = 1L;
    /** The one key of the sequential operators. */
    public static final int KEY = 0;
    public static final String OUT_OF_ORDER = "out-of-order";
    public static final TypeInformation<NetworkWeek> TYPE = networkWeekType();

    private final OutputTag<WeekIssue> issues;
    private transient MapState<String, NetworkWeek> buffer;
    private transient ValueState<String> lastReleased;
    private transient Counter released;
    private transient volatile int bufferedWeeks;

    public WeekSequencer(OutputTag<WeekIssue> issues) {
        this.issues = issues;
    }

    @Override
    public void open(OpenContext openContext) {
        buffer = getRuntimeContext().getMapState(new MapStateDescriptor<>("buffered-weeks", Types.STRING, TYPE));
        lastReleased = getRuntimeContext().getState(new ValueStateDescriptor<>("last-released-week", Types.STRING));
        released = getRuntimeContext().getMetricGroup().counter("weeksSequenced");
        getRuntimeContext().getMetricGroup().gauge("weeksBuffered", () -> bufferedWeeks);
    }

    @Override
    public void processElement(NetworkWeek week, Context ctx, Collector<NetworkWeek> out) throws Exception {
        String last = lastReleased.value();
        if (last != null && week.week.compareTo(last) <= 0) {
            ctx.output(issues, WeekIssue.of(week.week, OUT_OF_ORDER, "Week " + week.week
                    + " reached the sequential operators after week " + last + " had been processed; shock rules and"
                    + " the model did not see it."));
            return;
        }
        buffer.put(week.week, week);
        ctx.timerService().registerEventTimeTimer(WeekOrder.weekEnd(week.week));
        release(ctx.timerService().currentWatermark(), out);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<NetworkWeek> out) throws Exception {
        release(Math.max(timestamp, ctx.timerService().currentWatermark()), out);
    }

    /** NetworkWeek as a POJO whose metrics field keeps its declared list types (nothing falls back to Kryo). */
    private static TypeInformation<NetworkWeek> networkWeekType() {
        java.util.Map<String, TypeInformation<?>> fields = new java.util.LinkedHashMap<>();
        for (java.lang.reflect.Field f : NetworkWeek.class.getFields()) {
            if (!java.lang.reflect.Modifier.isStatic(f.getModifiers())) {
                fields.put(f.getName(), f.getType() == io.dexposure.analytics.metrics.WeekMetrics.class
                        ? io.dexposure.job.types.MetricsTypes.WEEK_METRICS
                        : org.apache.flink.api.java.typeutils.TypeExtractor.createTypeInfo(f.getType()));
            }
        }
        return Types.POJO(NetworkWeek.class, fields);
    }

    private void release(long watermark, Collector<NetworkWeek> out) throws Exception {
        TreeSet<String> weeks = new TreeSet<>();
        buffer.keys().forEach(weeks::add);
        List<String> ready = WeekOrder.releasable(weeks, lastReleased.value(), watermark);
        for (String week : ready) {
            out.collect(buffer.get(week));
            buffer.remove(week);
            lastReleased.update(week);
            released.inc();
        }
        // Gauges run outside the keyed context, so the count is kept here rather than read from state.
        bufferedWeeks = weeks.size() - ready.size();
    }
}
