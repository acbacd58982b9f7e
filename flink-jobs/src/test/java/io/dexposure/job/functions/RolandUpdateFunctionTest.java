package io.dexposure.job.functions;

import io.dexposure.analytics.linkpred.ModelQuality;
import io.dexposure.analytics.roland.LinkPrediction;
import io.dexposure.analytics.roland.RolandWeeks;

import io.dexposure.analytics.week.NetworkWeek;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The operator keeps the whole model in managed state: a restore from a snapshot continues the run exactly. */
class RolandUpdateFunctionTest {
    @Test
    void restartFromACheckpointGivesTheSamePredictionsAsAnUninterruptedRun() throws Exception {
        List<NetworkWeek> weeks = RolandWeeks.sample(6);
        List<String> uninterrupted = new ArrayList<>();
        try (var harness = harness()) {
            harness.open();
            for (NetworkWeek w : weeks) {
                harness.processElement(w, w.epochMillis());
            }
            uninterrupted.addAll(outputs(harness));
            // Parameters, node states, previous week, its features and input states, edge-weight head: one key, six states.
            assertThat(harness.numKeyedStateEntries()).isEqualTo(6);
        }

        List<String> restarted = new ArrayList<>();
        OperatorSubtaskState checkpoint;
        try (var harness = harness()) {
            harness.open();
            for (NetworkWeek w : weeks.subList(0, 3)) {
                harness.processElement(w, w.epochMillis());
            }
            restarted.addAll(outputs(harness));
            checkpoint = harness.snapshot(1, 1);
            // Work done after the checkpoint is lost with the failure.
            harness.processElement(weeks.get(3), weeks.get(3).epochMillis());
        }
        try (var harness = harness()) {
            harness.initializeState(checkpoint);
            harness.open();
            harness.processElement(NetworkWeek.rejected("2022-01-03"), 0); // a rejected week changes nothing
            for (NetworkWeek w : weeks.subList(3, weeks.size())) {
                harness.processElement(w, w.epochMillis());
            }
            restarted.addAll(outputs(harness));
        }
        // Each run lists its predictions, then its quality records: compare them kind by kind, in order.
        assertThat(restarted).hasSize(uninterrupted.size());
        assertThat(restarted.stream().filter(s -> s.startsWith("prediction")).toList())
                .containsExactlyElementsOf(uninterrupted.stream().filter(s -> s.startsWith("prediction")).toList());
        assertThat(restarted.stream().filter(s -> s.startsWith("quality")).toList())
                .containsExactlyElementsOf(uninterrupted.stream().filter(s -> s.startsWith("quality")).toList());
        assertThat(uninterrupted).anyMatch(s -> s.startsWith("quality " + weeks.get(5).week + ":roland"));
    }

    private static KeyedOneInputStreamOperatorTestHarness<Integer, NetworkWeek, LinkPrediction> harness() throws Exception {
        var harness = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new RolandUpdateFunction(RolandWeeks.smallSettings())),
                w -> WeekSequencer.KEY, Types.INT);
        harness.setup();
        return harness;
    }

    /** Predictions and quality records, in order, with every number at full precision. */
    private static List<String> outputs(KeyedOneInputStreamOperatorTestHarness<Integer, NetworkWeek, LinkPrediction> h) {
        List<String> out = new ArrayList<>();
        for (LinkPrediction p : h.extractOutputValues()) {
            out.add("prediction " + p.id + " " + p.kind + " " + p.rank + " " + p.probability + " " + p.logExposure);
        }
        for (var r : h.getSideOutput(RolandUpdateFunction.QUALITY)) {
            ModelQuality q = r.getValue();
            out.add("quality " + q.id + " " + q.auroc + " " + q.auprc + " " + q.mrr + " " + q.epochs + " " + q.trainLoss + " " + q.weightMae);
        }
        return out;
    }
}
