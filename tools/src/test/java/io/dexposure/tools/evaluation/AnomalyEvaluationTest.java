package io.dexposure.tools.evaluation;

import io.dexposure.analytics.anomaly.AnomalyEnsemble;
import io.dexposure.analytics.anomaly.WeeklyAnomalies;
import io.dexposure.analytics.week.NetworkWeek;
import io.dexposure.replayer.generate.ScenarioGroundTruth;
import io.dexposure.analytics.metrics.WeekMetricsCalculator;
import io.dexposure.analytics.network.SnapshotNetworks;
import io.dexposure.replayer.generate.ScenarioManifest;
import io.dexposure.snapshot.ProtocolDirectory;
import io.dexposure.snapshot.SnapshotReader;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The anomaly ensemble (as the anomalies stream runs it: all features, top 20) against the shipped
 * sample's scripted shocks: the crisis nodes are ranked higher in crisis weeks than in any other kind of
 * week. The numbers are the table in docs/analyses.md; this asserts the orderings it reports, which a
 * detector blind to the crises would fail.
 */
class AnomalyEvaluationTest {
    private static final Path SAMPLE = Path.of("../data/sample/dexposure-sample.json");

    @Test
    void crisisNodesLeadCrisisWeeksMoreThanAnyOtherWeeks() throws Exception {
        Path truth = SAMPLE.resolveSibling("scenarios.json");
        AnomalyEvaluation evaluation = new AnomalyEvaluation(ScenarioManifest.read(truth),
                ManifestExpectations.read(truth).decoys(), 20, 0.6);
        WeeklyAnomalies anomalies = new WeeklyAnomalies(AnomalyEnsemble.Settings.defaults(), false);
        WeekMetricsCalculator calculator = new WeekMetricsCalculator(0.85, 100, 1e-9);
        ProtocolDirectory directory = ProtocolDirectory.load(SAMPLE.resolveSibling("id_to_info.json"));
        Map<String, WeeklyAnomalies.Week> weeks = new java.util.HashMap<>();
        try (SnapshotReader reader = SnapshotReader.open(SAMPLE, SnapshotReader.Options.all())) {
            while (reader.hasNext()) {
                var network = SnapshotNetworks.of(reader.next(), directory);
                WeeklyAnomalies.Week week = anomalies.next(NetworkWeek.of(network, calculator.analyse(network, new WeekMetricsCalculator.PhaseTimes())));
                evaluation.add(week);
                weeks.put(week.week(), week);
            }
        }
        Map<String, AnomalyEvaluation.Summary> by = evaluation.summaries().stream()
                .collect(Collectors.toMap(AnomalyEvaluation.Summary::kind, Function.identity()));
        assertThat(by.keySet()).containsExactlyInAnyOrder("crisis", "baseline", "decoy", "calm");
        assertThat(by.get("crisis").weeks()).isEqualTo(4);
        assertThat(by.get("decoy").weeks()).isEqualTo(3);
        AnomalyEvaluation.Summary crisis = by.get("crisis");
        for (String other : new String[]{"baseline", "decoy", "calm"}) {
            assertThat(crisis.precisionAtK()).as("P@20, crisis vs %s", other).isGreaterThan(2 * by.get(other).precisionAtK());
            assertThat(crisis.recallAtK()).as("R@20, crisis vs %s", other).isGreaterThan(2 * by.get(other).recallAtK());
        }
        assertThat(crisis.precisionAtK()).isGreaterThanOrEqualTo(0.3);
        // The collapsing tokens themselves lead their weeks, and their largest creditors follow (the loss features).
        for (ScenarioGroundTruth c : ScenarioManifest.read(truth)) {
            for (var date : c.weeks()) {
                WeeklyAnomalies.Week w = weeks.get(date.toString());
                for (String token : c.issuerTokens()) {
                    assertThat(w.rankOf(token)).as("%s %s rank in %s", c.name(), token, date).isBetween(1, 10);
                }
                assertThat(c.largestCreditorIds().stream().filter(id -> w.rankOf(id) >= 1 && w.rankOf(id) <= 20).count())
                        .as("%s largest creditors in the top 20 of %s", c.name(), date).isGreaterThanOrEqualTo(2);
            }
        }
        assertThat(evaluation.rows()).filteredOn(r -> r.kind().equals("crisis")).allSatisfy(r -> assertThat(r.involvedInTopK()).isPositive());
        assertThat(evaluation.table()).contains("2022-05-09  crisis    terra-like").contains("means by kind of week");
    }
}
