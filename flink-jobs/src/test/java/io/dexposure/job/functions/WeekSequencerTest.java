package io.dexposure.job.functions;

import io.dexposure.analytics.week.NetworkWeek;
import io.dexposure.analytics.week.WeekOrder;

import io.dexposure.analytics.assembly.WeekIssue;
import io.dexposure.analytics.network.WeeklyNetwork;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.util.OutputTag;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

class WeekSequencerTest {
    private static final OutputTag<WeekIssue> ISSUES = new OutputTag<>("issues", TypeInformation.of(WeekIssue.class));

    @Test
    void releasesTheNextWeekAtOnceAndWaitsForAGapUntilTheWatermarkPassesIt() {
        TreeSet<String> buffered = new TreeSet<>(List.of("2022-05-09", "2022-05-16", "2022-05-30"));
        // 05-09 follows 05-02 directly, 05-16 follows it; 05-30 waits for 05-23 (or the watermark).
        assertThat(WeekOrder.releasable(buffered, "2022-05-02", Long.MIN_VALUE)).containsExactly("2022-05-09", "2022-05-16");
        assertThat(WeekOrder.releasable(buffered, "2022-05-02", WeekOrder.weekEnd("2022-05-30")))
                .containsExactly("2022-05-09", "2022-05-16", "2022-05-30");
        // The first week of a run has no predecessor to follow: only the watermark releases it.
        assertThat(WeekOrder.releasable(buffered, null, WeekOrder.weekEnd("2022-05-09") - 1)).isEmpty();
        assertThat(WeekOrder.releasable(buffered, null, WeekOrder.weekEnd("2022-05-09"))).containsExactly("2022-05-09", "2022-05-16");
    }

    @Test
    void networkWeekRoundTripsTheNetwork() {
        WeeklyNetwork network = WeeklyNetwork.builder(LocalDate.parse("2022-05-09"))
                .addNode("1", 100, "Lender", "Lending", Map.of("UST", 60.0, "ETH", 40.0))
                .addNode("2", 50, "Terra", "Chain", Map.of())
                .addNode("ETH", 0, null, null, Map.of())
                .addLink("1", "2", 60).addLink("1", "ETH", 40).addLink("2", "1", 5)
                .build();
        NetworkWeek week = NetworkWeek.of(network, null);
        WeeklyNetwork back = week.toNetwork();
        assertThat(back.nodeCount()).isEqualTo(3);
        assertThat(back.linkCount()).isEqualTo(3);
        for (int i = 0; i < 3; i++) {
            assertThat(back.id(i)).isEqualTo(network.id(i));
            assertThat(back.composition(i)).isEqualTo(network.composition(i));
            for (int k = network.outStart(i); k < network.outEnd(i); k++) {
                assertThat(back.target(k)).isEqualTo(network.target(k));
                assertThat(back.weight(k)).isEqualTo(network.weight(k));
            }
        }
        assertThat(WeekSequencer.TYPE.isBasicType()).isFalse();
        assertThat(WeekSequencer.TYPE.getClass().getSimpleName()).isEqualTo("PojoTypeInfo");
    }

    @Test
    void weeksFinishingOutOfOrderLeaveInOrderAndSurviveARestore() throws Exception {
        OperatorSubtaskState snapshot;
        try (var harness = harness()) {
            harness.open();
            harness.processWatermark(WeekOrder.weekEnd("2022-05-02"));
            harness.processElement(week("2022-05-16"), WeekOrder.weekEnd("2022-05-16"));
            harness.processElement(week("2022-05-09"), WeekOrder.weekEnd("2022-05-09"));
            assertThat(released(harness)).isEmpty(); // nothing released yet, 05-09 is not yet known to be first
            snapshot = harness.snapshot(1, 1);
        }
        try (var harness = harness()) {
            harness.initializeState(snapshot);
            harness.open();
            harness.processWatermark(WeekOrder.weekEnd("2022-05-09"));
            assertThat(released(harness)).containsExactly("2022-05-09", "2022-05-16");
            harness.processElement(NetworkWeek.rejected("2022-05-23"), WeekOrder.weekEnd("2022-05-23"));
            harness.processElement(week("2022-05-09"), WeekOrder.weekEnd("2022-05-09"));
            assertThat(released(harness)).containsExactly("2022-05-09", "2022-05-16", "2022-05-23");
            assertThat(harness.getSideOutput(ISSUES)).extracting(r -> r.getValue().id)
                    .containsExactly("2022-05-09:" + WeekSequencer.OUT_OF_ORDER);
        }
    }

    private static List<String> released(KeyedOneInputStreamOperatorTestHarness<Integer, NetworkWeek, NetworkWeek> harness) {
        return harness.extractOutputValues().stream().map(w -> w.week).toList();
    }

    private static NetworkWeek week(String date) {
        return NetworkWeek.of(WeeklyNetwork.builder(LocalDate.parse(date)).addNode("1", 1, "a", "Dexes", Map.of()).build(), null);
    }

    private static KeyedOneInputStreamOperatorTestHarness<Integer, NetworkWeek, NetworkWeek> harness() throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new WeekSequencer(ISSUES)),
                w -> WeekSequencer.KEY, Types.INT);
    }
}
