package io.dexposure.job.functions;

import io.dexposure.analytics.incidents.Incident;
import io.dexposure.analytics.alerts.Alert;
import io.dexposure.analytics.alerts.AlertThresholds;
import io.dexposure.analytics.alerts.AssetRulesFixtures;
import io.dexposure.analytics.risk.ProtocolRisk;
import io.dexposure.analytics.risk.WeekRisk;
import io.dexposure.analytics.week.NetworkWeek;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.util.OutputTag;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shock operator's incident state: one keyed entry while an incident is open, none once it is
 * resolved; an incident keeps its id across a restart from a snapshot.
 */
class IncidentStateHarnessTest {
    private static final OutputTag<ProtocolRisk> PROTOCOL_RISK = new OutputTag<>("protocol-risk", ShockDetectionFunction.PROTOCOL_RISK);
    private static final OutputTag<WeekRisk> WEEK_RISK = new OutputTag<>("week-risk", ShockDetectionFunction.WEEK_RISK);
    private static final OutputTag<Incident> INCIDENTS = new OutputTag<>("incidents", ShockDetectionFunction.INCIDENT);

    private static KeyedOneInputStreamOperatorTestHarness<Integer, NetworkWeek, Alert> harness() throws Exception {
        var h = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new ShockDetectionFunction(AlertThresholds.defaults(), PROTOCOL_RISK, WEEK_RISK, INCIDENTS)),
                w -> WeekSequencer.KEY, Types.INT);
        h.setup();
        return h;
    }

    private static List<String> incidents(KeyedOneInputStreamOperatorTestHarness<Integer, NetworkWeek, Alert> h) {
        List<String> out = new ArrayList<>();
        h.getSideOutput(INCIDENTS).forEach(r -> out.add(r.getValue().id + " " + r.getValue().status + " " + r.getValue().severity));
        return out;
    }

    @Test
    void openIncidentStateIsClearedWhenTheIncidentResolves() throws Exception {
        List<NetworkWeek> weeks = AssetRulesFixtures.weeks();
        try (var h = harness()) {
            h.open();
            h.processElement(weeks.get(0), 0);
            int calm = h.numKeyedStateEntries();
            h.processElement(weeks.get(1), 1);
            assertThat(h.numKeyedStateEntries()).as("an incident is open").isEqualTo(calm + 1);
            assertThat(h.extractOutputValues()).filteredOn(a -> Alert.CRITICAL.equals(a.severity))
                    .isNotEmpty().allMatch(a -> "incident:2022-05-09:UST".equals(a.incident));
            h.processElement(weeks.get(2), 2);
            assertThat(h.numKeyedStateEntries()).isEqualTo(calm + 1);
            h.processElement(weeks.get(3), 3);
            assertThat(h.numKeyedStateEntries()).as("resolved: its state is gone").isEqualTo(calm);
            assertThat(incidents(h)).containsExactly(
                    "incident:2022-05-09:UST@2022-05-09 open critical",
                    "incident:2022-05-09:UST@2022-05-16 ongoing info",
                    "incident:2022-05-09:UST@2022-05-23 resolved info");
        }
    }

    @Test
    void anIncidentKeepsItsIdAcrossARestart() throws Exception {
        List<NetworkWeek> weeks = AssetRulesFixtures.weeks();
        OperatorSubtaskState snapshot;
        try (var h = harness()) {
            h.open();
            h.processElement(weeks.get(0), 0);
            h.processElement(weeks.get(1), 1);
            snapshot = h.snapshot(1, 1);
        }
        try (var h = harness()) {
            h.initializeState(snapshot);
            h.open();
            h.processElement(weeks.get(2), 2);
            h.processElement(weeks.get(3), 3);
            assertThat(incidents(h)).containsExactly(
                    "incident:2022-05-09:UST@2022-05-16 ongoing info",
                    "incident:2022-05-09:UST@2022-05-23 resolved info");
        }
    }
}
