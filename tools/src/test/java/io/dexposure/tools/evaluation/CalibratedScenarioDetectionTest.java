package io.dexposure.tools.evaluation;

import io.dexposure.analytics.alerts.Alert;
import io.dexposure.analytics.alerts.AlertSubject;
import io.dexposure.analytics.alerts.AlertThresholds;
import io.dexposure.analytics.alerts.AssetCollapseRule;
import io.dexposure.analytics.alerts.ShockDetector;

import io.dexposure.analytics.incidents.Incident;
import io.dexposure.analytics.incidents.IncidentState;
import io.dexposure.analytics.incidents.IncidentTracker;
import io.dexposure.job.JobOptions;
import io.dexposure.replayer.cli.GenerateCommand;
import io.dexposure.replayer.generate.ScenarioGroundTruth;
import io.dexposure.replayer.generate.ScenarioManifest;
import io.dexposure.snapshot.ProtocolDirectory;
import io.dexposure.snapshot.SnapshotReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The evidence on the calibrated generator (v2: UST, LUNA and FTT as token nodes, decoys), at 5 %
 * of the real weekly counts from 2022-04-04 to 2022-12-05.
 */
class CalibratedScenarioDetectionTest {
    private static final Path SIZES = Path.of("../../shared/data/weekly_node_link_counts.csv");
    @TempDir
    static Path dir;
    private static final List<Alert> ALERTS = new ArrayList<>();
    private static final List<Incident> INCIDENTS = new ArrayList<>();
    private static List<ScenarioGroundTruth> scenarios;
    private static RuleScorecard scorecard;
    private static ManifestExpectations v2;

    @BeforeAll
    static void generateAndDetect() throws Exception {
        Path file = dir.resolve("calibrated.json");
        int exit = new CommandLine(new GenerateCommand()).execute("--out", file.toString(), "--sizes", SIZES.toString(),
                "--scale", "0.05", "--from", "2022-04-04", "--to", "2022-12-05", "--seed", "42");
        assertThat(exit).isZero();
        Path truth = dir.resolve("scenarios.json");
        scenarios = ScenarioManifest.read(truth);
        scorecard = new RuleScorecard(scenarios);
        AlertThresholds t = AlertThresholds.defaults();
        IncidentTracker tracker = new IncidentTracker(t);
        IncidentState state = new IncidentState();
        new FileShockReplay(new ShockDetector(t), new JobOptions().analysis.calculator()).run(file, SnapshotReader.Options.all(),
                ProtocolDirectory.load(dir.resolve("id_to_info.json")), (week, a) -> {
                    List<Incident> incidents = tracker.update(week.week, a.alerts(), a.assets(), state);
                    ALERTS.addAll(a.alerts());
                    INCIDENTS.addAll(incidents);
                    scorecard.add(week.week, a.alerts(), incidents);
                });
        v2 = ManifestExpectations.read(truth);
        System.out.print(scorecard.table());
        System.out.print(scorecard.v2Table(v2));
        ALERTS.stream().filter(a -> !Alert.INFO.equals(a.severity)).forEach(a -> System.out.println("A " + a.id + " " + a.severity + " " + a.message));
        INCIDENTS.forEach(i -> System.out.println("I " + i.id + " " + i.severity + " " + i.message));
    }

    @Test
    void theFirstCollapseWeekNamesTheCollapsingTokenNodesAndTheirLargestCreditorsWithMeasuredLosses() {
        assertThat(v2.version()).isEqualTo(2);
        for (String id : List.of("2022-05-09:asset-collapse:UST", "2022-05-09:asset-collapse:LUNA", "2022-11-07:asset-collapse:FTT")) {
            Alert a = ALERTS.stream().filter(x -> x.id.equals(id)).findFirst().orElseThrow(() -> new AssertionError("no " + id));
            assertThat(a.severity).as(id).isEqualTo(Alert.CRITICAL);
            assertThat(a.subjects[0].role).isEqualTo("asset");
            List<AlertSubject> creditors = Arrays.stream(a.subjects).filter(x -> "creditor".equals(x.role)).toList();
            assertThat(creditors).as(id).hasSizeGreaterThanOrEqualTo(3).allMatch(c -> c.usd != null && c.usd > 0 && c.name != null);
        }
    }

    @Test
    void calmWeeksAndDecoysHaveNoCriticalRecord() {
        assertThat(scorecard.rows()).allSatisfy(r -> assertThat(r.calmCritical()).as(r.name()).isZero());
        assertThat(scorecard.decoys(v2)).hasSize(3).allSatisfy(d -> assertThat(d.criticalRecords()).as(d.name()).isZero());
    }

    @Test
    void eachCrisisIsOneIncidentWithFewCriticalRecords() {
        assertThat(INCIDENTS.stream().map(i -> i.incident).distinct())
                .containsExactly("incident:2022-05-09:UST", "incident:2022-11-07:FTT");
        RuleScorecard.Row incidents = scorecard.rows().stream().filter(r -> r.name().equals(RuleScorecard.INCIDENTS)).findFirst().orElseThrow();
        assertThat(incidents.precision()).isEqualTo(1.0);
        assertThat(incidents.recall()).isEqualTo(1.0);
        assertThat(incidents.maxCriticalPerWeek()).isLessThanOrEqualTo(3);
        RuleScorecard.Row assets = scorecard.rows().get(0);
        assertThat(assets.name()).isEqualTo(AssetCollapseRule.NAME);
        assertThat(assets.precision()).isEqualTo(1.0);
        assertThat(assets.recall()).isEqualTo(1.0);
    }
}
