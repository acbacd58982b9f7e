package io.dexposure.job.functions;

import io.dexposure.analytics.alerts.Alert;
import io.dexposure.analytics.alerts.AlertThresholds;
import io.dexposure.analytics.alerts.ChangePointDetector;
import io.dexposure.analytics.alerts.ShockDetector;
import io.dexposure.analytics.metrics.WeekMetricsCalculator;
import io.dexposure.analytics.network.SnapshotNetworks;
import io.dexposure.analytics.network.WeeklyNetwork;
import io.dexposure.analytics.risk.ProtocolRisk;
import io.dexposure.analytics.risk.WeekRisk;
import io.dexposure.analytics.week.NetworkWeek;
import io.dexposure.analytics.week.WeekOrder;
import io.dexposure.job.streams.ResultStreams;
import io.dexposure.snapshot.ProtocolDirectory;
import io.dexposure.snapshot.SnapshotReader;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sequential shock operator around the plain {@link ShockDetector}: it emits exactly what the detector
 * says for the same weeks, keeps a bounded state (the previous week, its risk record, one change-point
 * detector per watched metric: it does not grow with the weeks), registers no timers, ignores rejected
 * and out-of-order weeks without touching its state, and resumes from a snapshot as if never stopped.
 */
class ShockDetectionFunctionHarnessTest {
    private static final Path SAMPLE = Path.of("../data/sample/dexposure-sample.json");
    private static List<NetworkWeek> weeks;

    @BeforeAll
    static void readWeeks() throws Exception {
        weeks = new ArrayList<>();
        WeekMetricsCalculator calculator = new WeekMetricsCalculator(0.85, 100, 1e-9);
        ProtocolDirectory directory = ProtocolDirectory.load(SAMPLE.resolveSibling("id_to_info.json"));
        try (SnapshotReader reader = SnapshotReader.open(SAMPLE, SnapshotReader.Options.all())) {
            while (reader.hasNext() && weeks.size() < 8) {
                WeeklyNetwork network = SnapshotNetworks.of(reader.next(), directory);
                weeks.add(NetworkWeek.of(network, calculator.analyse(network, new WeekMetricsCalculator.PhaseTimes())));
            }
        }
    }

    @Test
    void emitsWhatTheDetectorSaysWithBoundedStateAndNoTimers() throws Exception {
        List<String> expected = detectorAlone(weeks);
        try (var harness = harness()) {
            harness.open();
            int stateAfterTwoWeeks = -1;
            for (int i = 0; i < weeks.size(); i++) {
                feed(harness, weeks.get(i));
                assertThat(harness.numEventTimeTimers()).isZero();
                assertThat(harness.numProcessingTimeTimers()).isZero();
                if (i == 1) {
                    stateAfterTwoWeeks = harness.numKeyedStateEntries();
                }
            }
            // One previous week, one risk record and the detectors: the same size after 2 weeks as after 8.
            assertThat(stateAfterTwoWeeks).isPositive();
            assertThat(harness.numKeyedStateEntries()).isEqualTo(stateAfterTwoWeeks);
            assertThat(alertIds(harness)).containsExactlyElementsOf(expected);
            assertThat(harness.getSideOutput(ResultStreams.WEEK_RISK.tag())).hasSize(weeks.size());
            assertThat(harness.getSideOutput(ResultStreams.PROTOCOL_RISK.tag())).isNotEmpty();
        }
    }

    @Test
    void rejectedAndOutOfOrderWeeksLeaveTheStateAlone() throws Exception {
        try (var harness = harness()) {
            harness.open();
            feed(harness, weeks.get(0));
            feed(harness, weeks.get(1));
            int entries = harness.numKeyedStateEntries();
            int outputs = harness.getOutput().size();
            feed(harness, NetworkWeek.rejected(weeks.get(2).week));
            feed(harness, weeks.get(0)); // a week older than the last one assessed
            assertThat(harness.numKeyedStateEntries()).isEqualTo(entries);
            assertThat(harness.getOutput()).hasSize(outputs);
            assertThat(harness.getSideOutput(ResultStreams.WEEK_RISK.tag())).hasSize(2);
        }
    }

    @Test
    void resumesFromASnapshotAsIfNeverStopped() throws Exception {
        List<String> expected = detectorAlone(weeks);
        List<String> seen = new ArrayList<>();
        OperatorSubtaskState snapshot;
        try (var harness = harness()) {
            harness.open();
            for (NetworkWeek w : weeks.subList(0, 4)) {
                feed(harness, w);
            }
            seen.addAll(alertIds(harness));
            snapshot = harness.snapshot(1, 1);
        }
        try (var harness = harness()) {
            harness.initializeState(snapshot);
            harness.open();
            for (NetworkWeek w : weeks.subList(4, weeks.size())) {
                feed(harness, w);
            }
            seen.addAll(alertIds(harness));
        }
        assertThat(seen).containsExactlyElementsOf(expected);
    }

    /** The plain detector over the same weeks, state kept by hand as the operator keeps it. */
    private static List<String> detectorAlone(List<NetworkWeek> weeks) {
        ShockDetector detector = new ShockDetector(AlertThresholds.defaults());
        Map<String, ChangePointDetector> detectors = new HashMap<>();
        List<String> ids = new ArrayList<>();
        NetworkWeek previous = null;
        WeekRisk previousRisk = null;
        for (NetworkWeek w : weeks) {
            ShockDetector.Assessment a = detector.assess(w, previous, previousRisk, detectors);
            a.alerts().forEach(alert -> ids.add(alert.id));
            previous = w;
            previousRisk = a.weekRisk();
        }
        return ids;
    }

    private static void feed(KeyedOneInputStreamOperatorTestHarness<Integer, NetworkWeek, Alert> harness, NetworkWeek week)
            throws Exception {
        harness.processElement(new StreamRecord<>(week, WeekOrder.weekEnd(week.week) - 1));
    }

    private static List<String> alertIds(KeyedOneInputStreamOperatorTestHarness<Integer, NetworkWeek, Alert> harness) {
        List<String> ids = new ArrayList<>();
        for (Object o : harness.getOutput()) {
            if (o instanceof StreamRecord<?> r && r.getValue() instanceof Alert a) {
                ids.add(a.id);
            }
        }
        return ids;
    }

    private static KeyedOneInputStreamOperatorTestHarness<Integer, NetworkWeek, Alert> harness() throws Exception {
        ShockDetectionFunction function = new ShockDetectionFunction(AlertThresholds.defaults(),
                ResultStreams.PROTOCOL_RISK.tag(), ResultStreams.WEEK_RISK.tag());
        return new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(function),
                week -> WeekSequencer.KEY, Types.INT);
    }
}
