package io.dexposure.job.functions;

import io.dexposure.job.ExposureMonitorJob;

import io.dexposure.events.SnapshotEvent;
import io.dexposure.events.WeekDates;
import io.dexposure.analytics.assembly.WeekIssue;
import io.dexposure.job.types.MetricsTypes;
import io.dexposure.analytics.metrics.ProtocolMetrics;
import io.dexposure.analytics.metrics.WeekMetrics;
import io.dexposure.analytics.metrics.WeekMetricsCalculator;
import io.dexposure.job.sources.SnapshotEventTypes;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.assigners.WindowAssigner;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.streaming.runtime.operators.windowing.WindowOperator;
import org.apache.flink.streaming.runtime.operators.windowing.WindowOperatorBuilder;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.util.OutputTag;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The weekly window operator as the job builds it (Monday-aligned tumbling window, marker trigger,
 * AnalyseWeekFunction), driven record by record: when it fires, what it emits, and that it leaves
 * no timers and no window state behind.
 */
class WeeklyWindowHarnessTest {
    private static final String A = "2022-05-09";
    private static final String B = "2022-05-16";
    private static final OutputTag<WeekIssue> ISSUES = new OutputTag<>("issues", TypeInformation.of(WeekIssue.class));
    private static final OutputTag<ProtocolMetrics> PROTOCOLS = new OutputTag<>("protocols", MetricsTypes.PROTOCOL_METRICS);

    private KeyedOneInputStreamOperatorTestHarness<String, SnapshotEvent, WeekMetrics> harness;

    @BeforeEach
    void open() throws Exception {
        WindowOperatorBuilder<SnapshotEvent, String, TimeWindow> builder = new WindowOperatorBuilder<>(
                TumblingEventTimeWindows.of(ExposureMonitorJob.WEEK, ExposureMonitorJob.MONDAY_OFFSET),
                new WeekCompleteTrigger(), new ExecutionConfig(), SnapshotEventTypes.EVENT, e -> e.week, Types.STRING);
        WindowOperator<String, SnapshotEvent, ?, WeekMetrics, TimeWindow> operator = builder.process(
                new AnalyseWeekFunction(new WeekMetricsCalculator(0.85, 100, 1e-9), ISSUES, PROTOCOLS,
                        new OutputTag<>("analysed-networks", io.dexposure.job.functions.WeekSequencer.TYPE)));
        harness = new KeyedOneInputStreamOperatorTestHarness<>(operator, e -> e.week, Types.STRING);
        harness.open();
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    private void send(SnapshotEvent e) throws Exception {
        harness.processElement(new StreamRecord<>(e, WeekDates.epochMillis(e.week)));
    }

    private void sendWeek(String week, boolean marker) throws Exception {
        send(SnapshotEvent.node(week, 0, "1", 100.0, Map.of(), "Alpha", "Lending"));
        send(SnapshotEvent.node(week, 1, "USDT", 40.0, Map.of(), null, null));
        send(SnapshotEvent.link(week, 0, "1", "USDT", 40.0, Map.of(), false));
        if (marker) {
            send(SnapshotEvent.weekClosed(week, 2, 1, 0, 0, "test"));
        }
    }

    private List<WeekMetrics> metrics() {
        return harness.getOutput().stream().filter(StreamRecord.class::isInstance)
                .map(r -> (WeekMetrics) ((StreamRecord<?>) r).getValue()).collect(Collectors.toList());
    }

    private List<WeekIssue> issues() {
        ConcurrentLinkedQueue<StreamRecord<WeekIssue>> side = harness.getSideOutput(ISSUES);
        return side == null ? List.of() : side.stream().map(StreamRecord::getValue).collect(Collectors.toList());
    }

    @Test
    void firesOnTheMarkerAndLeavesOnlyTheComputedFlag() throws Exception {
        sendWeek(A, false);
        assertThat(metrics()).isEmpty();
        assertThat(harness.numEventTimeTimers()).isEqualTo(1);
        assertThat(harness.numKeyedStateEntries()).isPositive();

        send(SnapshotEvent.weekClosed(A, 2, 1, 0, 0, "test"));

        // No watermark moved: the marker alone fired the window.
        assertThat(metrics()).extracting(m -> m.week).containsExactly(A);
        assertThat(metrics().get(0).links).isEqualTo(1);
        assertThat(harness.getSideOutput(PROTOCOLS)).extracting(r -> r.getValue().id)
                .containsExactly(A + ":1", A + ":USDT");

        // The window operator's own cleanup timer goes when the watermark passes the week; the purged
        // window does not fire again. What remains is the one "week computed" flag that stops a second copy.
        harness.processWatermark(WeekDates.epochMillis(B) - 1);
        assertThat(metrics()).hasSize(1);
        assertThat(issues()).isEmpty();
        assertThat(harness.numEventTimeTimers()).isZero();
        assertThat(harness.numKeyedStateEntries()).isEqualTo(1);
    }

    @Test
    void weekWithoutMarkerIsReportedWhenTheWatermarkPassesAndCleanedUp() throws Exception {
        sendWeek(B, false);
        harness.processWatermark(WeekDates.epochMillis(B) + Duration.ofDays(7).toMillis() - 1);

        assertThat(metrics()).isEmpty();
        assertThat(issues()).extracting(i -> i.problem).containsExactly(WeekIssue.MARKER_MISSING);
        assertThat(harness.numEventTimeTimers()).isZero();
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    @Test
    void secondCopyOfAComputedWeekIsReportedNotComputed() throws Exception {
        sendWeek(A, true);
        sendWeek(A, true);

        assertThat(metrics()).hasSize(1);
        assertThat(issues()).extracting(i -> i.problem).containsExactly(WeekIssue.DUPLICATE_WEEK);
    }

    @Test
    void mondaySnapshotsFallInTheirOwnMondayToSundayWindow() {
        TimeWindow window = TumblingEventTimeWindows.of(ExposureMonitorJob.WEEK, ExposureMonitorJob.MONDAY_OFFSET)
                .assignWindows(null, WeekDates.epochMillis(A), new WindowAssigner.WindowAssignerContext() {
                    @Override
                    public long getCurrentProcessingTime() {
                        return 0;
                    }
                }).iterator().next();
        assertThat(WeekDates.fromEpochMillis(window.getStart())).hasToString(A);
        assertThat(WeekDates.fromEpochMillis(window.getEnd())).hasToString(B);
    }
}
