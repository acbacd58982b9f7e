package io.dexposure.job.functions;

import io.dexposure.events.SnapshotEvent;
import io.dexposure.events.WeekDates;
import io.dexposure.analytics.assembly.AssembledWeek;
import io.dexposure.analytics.assembly.WeekAssembly;
import io.dexposure.analytics.assembly.WeekIssue;
import io.dexposure.analytics.metrics.ProtocolMetrics;
import io.dexposure.analytics.metrics.WeekAnalysis;
import io.dexposure.analytics.metrics.WeekMetrics;
import io.dexposure.analytics.metrics.WeekMetricsCalculator;
import io.dexposure.analytics.week.NetworkWeek;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The weekly window's function: assemble the week, compute its metrics, or report it. Thin on
 * purpose; the work is in {@link WeekAssembly} and {@link WeekMetricsCalculator}.
 */
public class AnalyseWeekFunction extends ProcessWindowFunction<SnapshotEvent, WeekMetrics, String, TimeWindow> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(AnalyseWeekFunction.class);

    private final ValueStateDescriptor<Boolean> computedWeek = new ValueStateDescriptor<>("week-computed", Types.BOOLEAN);

    private final WeekMetricsCalculator calculator;
    private final OutputTag<WeekIssue> issues;
    private final OutputTag<ProtocolMetrics> protocols;
    private final OutputTag<NetworkWeek> networks;
    private transient Counter weeksCompleted;
    private transient Counter weeksRejected;
    private transient Counter recordsIn;
    private transient volatile long lastGraphBuildMillis;
    private transient volatile long lastPageRankMillis;
    private transient volatile long lastMetricsMillis;
    /** Event time of the newest week this subtask computed (epoch seconds); with the replayer's week, the replay's event-time lag. */
    private transient volatile long lastWeekEventTimeSeconds;

    public AnalyseWeekFunction(WeekMetricsCalculator calculator, OutputTag<WeekIssue> issues,
                               OutputTag<ProtocolMetrics> protocols, OutputTag<NetworkWeek> networks) {
        this.calculator = calculator;
        this.issues = issues;
        this.protocols = protocols;
        this.networks = networks;
    }

    @Override
    public void open(OpenContext openContext) {
        var group = getRuntimeContext().getMetricGroup();
        weeksCompleted = group.counter("weeksCompleted");
        weeksRejected = group.counter("weeksRejected");
        recordsIn = group.counter("weekRecordsIn");
        group.gauge("lastGraphBuildMillis", () -> lastGraphBuildMillis);
        group.gauge("lastPageRankMillis", () -> lastPageRankMillis);
        group.gauge("lastMetricsMillis", () -> lastMetricsMillis);
        group.gauge("lastWeekEventTimeSeconds", () -> lastWeekEventTimeSeconds);
    }

    @Override
    public void process(String week, Context context, Iterable<SnapshotEvent> records, Collector<WeekMetrics> out)
            throws java.io.IOException {
        // A week computed before must not be computed again (the same week published twice before the
        // watermark closed it). One flag per week ever seen: a few hundred entries over the whole history.
        ValueState<Boolean> computed = context.globalState().getState(computedWeek);
        if (computed.value() != null) {
            weeksRejected.inc();
            WeekIssue duplicate = WeekIssue.of(week, WeekIssue.DUPLICATE_WEEK, "Week " + week
                    + " arrived again after it had been computed (was it published twice?); the copy was not counted.");
            LOG.warn(duplicate.message);
            context.output(issues, duplicate);
            return;
        }
        long start = System.nanoTime();
        AssembledWeek assembled = WeekAssembly.assemble(week, records);
        long built = System.nanoTime();
        if (!assembled.isComplete()) {
            weeksRejected.inc();
            LOG.warn("Week {} not computed: {}", week, assembled.issue().message);
            context.output(issues, assembled.issue());
            // The sequential operators must not wait for this week forever.
            context.output(networks, NetworkWeek.rejected(week));
            return;
        }
        var network = assembled.network();
        recordsIn.inc(network.nodeCount() + network.linkCount() + network.mergedParallelLinks() + 1L);
        WeekMetricsCalculator.PhaseTimes times = new WeekMetricsCalculator.PhaseTimes();
        WeekAnalysis analysis = calculator.analyse(network, times);
        lastGraphBuildMillis = (built - start) / 1_000_000;
        lastPageRankMillis = times.pageRankNanos / 1_000_000;
        lastMetricsMillis = (System.nanoTime() - built) / 1_000_000;
        lastWeekEventTimeSeconds = Math.max(lastWeekEventTimeSeconds, WeekDates.epochMillis(week) / 1000);
        computed.update(true);
        weeksCompleted.inc();
        LOG.info("Week {} computed: {} nodes, {} links; graph build {} ms, PageRank {} ms, statistics {} ms, metrics suite {} ms",
                week, network.nodeCount(), network.linkCount(), lastGraphBuildMillis, lastPageRankMillis,
                times.statisticsNanos / 1_000_000, times.suiteNanos / 1_000_000);
        out.collect(analysis.week());
        for (ProtocolMetrics p : analysis.protocols()) {
            context.output(protocols, p);
        }
        context.output(networks, NetworkWeek.of(network, analysis));
    }
}
