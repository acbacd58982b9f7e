package io.dexposure.job.functions;

import io.dexposure.analytics.assembly.WeekIssue;
import io.dexposure.events.SnapshotEvent;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Late records: one data-quality record per week however many records come late, one boolean of state per
 * such week and no timers; the flag survives a restore, so a restarted job does not report the week again.
 */
class LateRecordReporterHarnessTest {

    @Test
    void reportsEachLateWeekOnceWithOneFlagOfStateAndNoTimers() throws Exception {
        try (var harness = harness()) {
            harness.open();
            harness.processElement(new StreamRecord<>(late("2022-05-09", "a"), 1L));
            assertThat(harness.numKeyedStateEntries()).isEqualTo(1);
            harness.processElement(new StreamRecord<>(late("2022-05-09", "b"), 2L));
            harness.processElement(new StreamRecord<>(late("2022-05-09", "c"), 3L));
            assertThat(harness.numKeyedStateEntries()).isEqualTo(1);
            harness.processElement(new StreamRecord<>(late("2022-05-16", "a"), 4L));
            assertThat(harness.numKeyedStateEntries()).isEqualTo(2);
            assertThat(harness.numEventTimeTimers()).isZero();
            assertThat(harness.numProcessingTimeTimers()).isZero();
            assertThat(weeks(harness.extractOutputValues())).containsExactly("2022-05-09", "2022-05-16");
            assertThat(harness.extractOutputValues()).allMatch(i -> WeekIssue.LATE_RECORDS.equals(i.problem));
        }
    }

    @Test
    void aRestoredReporterDoesNotReportTheSameWeekAgain() throws Exception {
        var snapshot = (org.apache.flink.runtime.checkpoint.OperatorSubtaskState) null;
        try (var harness = harness()) {
            harness.open();
            harness.processElement(new StreamRecord<>(late("2022-05-09", "a"), 1L));
            snapshot = harness.snapshot(1, 1);
        }
        try (var harness = harness()) {
            harness.initializeState(snapshot);
            harness.open();
            harness.processElement(new StreamRecord<>(late("2022-05-09", "b"), 2L));
            assertThat(harness.extractOutputValues()).isEmpty();
            assertThat(harness.numKeyedStateEntries()).isEqualTo(1);
        }
    }

    private static List<String> weeks(List<WeekIssue> issues) {
        return issues.stream().map(i -> i.week).toList();
    }

    private static SnapshotEvent late(String week, String node) {
        return SnapshotEvent.node(week, node.charAt(0), node, 1.0, java.util.Map.of(), null, null);
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, SnapshotEvent, WeekIssue> harness() throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new LateRecordReporter()),
                e -> e.week, Types.STRING);
    }
}
