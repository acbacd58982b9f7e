package io.dexposure.tools.evaluation;

import io.dexposure.analytics.alerts.Alert;
import io.dexposure.analytics.alerts.AlertThresholds;
import io.dexposure.analytics.alerts.ShockDetector;

import io.dexposure.job.JobOptions;
import io.dexposure.replayer.generate.ScenarioManifest;
import io.dexposure.snapshot.ProtocolDirectory;
import io.dexposure.snapshot.SnapshotReader;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The evidence the issue asks for, on the shipped sample: the scripted collapses light up, calm weeks stay quiet. */
class AlertEvaluationTest {
    private static final Path SAMPLE = Path.of("../data/sample/dexposure-sample.json");

    @Test
    void criticalAlertsNameTheCollapsingIssuersAndTheirCreditorsAndCalmWeeksStayQuiet() throws Exception {
        AlertEvaluation evaluation = new AlertEvaluation(ScenarioManifest.read(SAMPLE.resolveSibling("scenarios.json")));
        List<Alert> all = new ArrayList<>();
        new FileShockReplay(new ShockDetector(AlertThresholds.defaults()), new JobOptions().analysis.calculator()).run(SAMPLE,
                SnapshotReader.Options.all(), ProtocolDirectory.load(SAMPLE.resolveSibling("id_to_info.json")),
                (week, assessment) -> {
                    evaluation.add(week.week, assessment.alerts());
                    all.addAll(assessment.alerts());
                });
        AlertEvaluation.Summary s = evaluation.summary();
        assertThat(s.events()).hasSize(2).allMatch(AlertEvaluation.Event::detected)
                .allMatch(e -> e.creditorsNamed() >= 2);
        assertThat(s.recall()).isEqualTo(1.0);
        assertThat(s.precision()).isGreaterThanOrEqualTo(0.9);
        assertThat(s.calmRate()).isLessThanOrEqualTo(1.0);
        // Terra-like: the asset collapse is critical in the collapse week and names the issuer first.
        assertThat(all).anySatisfy(a -> {
            assertThat(a.id).isEqualTo("2022-05-09:asset-collapse:UST");
            assertThat(a.severity).isEqualTo(Alert.CRITICAL);
            assertThat(a.message).startsWith("token UST: price estimate");
        });
        // Ids are unique, so consumers can deduplicate on them.
        assertThat(all.stream().map(a -> a.id).distinct().count()).isEqualTo(all.size());
        assertThat(evaluation.table()).contains("recall 1.00");
    }
}
