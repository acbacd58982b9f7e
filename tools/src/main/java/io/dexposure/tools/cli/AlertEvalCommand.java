package io.dexposure.tools.cli;

import io.dexposure.analytics.alerts.Alert;
import io.dexposure.tools.evaluation.AlertEvaluation;
import io.dexposure.analytics.alerts.AlertThresholds;
import io.dexposure.tools.evaluation.FileShockReplay;
import io.dexposure.analytics.alerts.ShockDetector;
import io.dexposure.job.JobOptions;
import io.dexposure.analytics.incidents.IncidentState;
import io.dexposure.analytics.incidents.IncidentTracker;
import io.dexposure.tools.evaluation.ManifestExpectations;
import io.dexposure.tools.evaluation.RuleScorecard;
import io.dexposure.replayer.cli.SnapshotReadOptions;
import io.dexposure.replayer.generate.ScenarioManifest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code alert-eval}: runs the shock detector over a snapshot file (no Kafka, no Flink: the job's
 * analysis and rules, in week order) and scores its alerts against the generator's scripted crises.
 */
@Command(name = "alert-eval", mixinStandardHelpOptions = true,
        description = "Score the alert rules on a snapshot file against its scenarios.json: precision/recall of "
                + "critical alerts on the scripted collapses, and critical alerts per 13 calm weeks.")
public class AlertEvalCommand implements Callable<Integer> {
    @Option(names = "--input", required = true, description = "Snapshot file (.json or .json.gz).")
    Path input;

    @Option(names = "--scenarios", description = "Ground truth (default: scenarios.json beside the input).")
    Path scenarios;

    @Option(names = "--alert-thresholds", description = "Thresholds file overriding the shipped alert-thresholds.properties (default: the shipped one).")
    Path thresholds;

    @Option(names = "--print-alerts", description = "Also print every alert (default: ${DEFAULT-VALUE}).")
    boolean printAlerts;

    @Mixin
    SnapshotReadOptions reading = new SnapshotReadOptions();

    @Override
    public Integer call() throws Exception {
        Path truth = scenarios != null ? scenarios : input.toAbsolutePath().resolveSibling("scenarios.json");
        if (!Files.exists(truth)) {
            throw new IllegalArgumentException("no ground truth: " + truth + " does not exist (pass --scenarios)");
        }
        AlertThresholds t = thresholds == null ? AlertThresholds.defaults() : AlertThresholds.load(thresholds);
        var manifest = ScenarioManifest.read(truth);
        AlertEvaluation evaluation = new AlertEvaluation(manifest);
        RuleScorecard scorecard = new RuleScorecard(manifest);
        IncidentTracker tracker = new IncidentTracker(t);
        IncidentState incidents = new IncidentState();
        long start = System.nanoTime();
        int[] weeks = {0};
        new FileShockReplay(new ShockDetector(t), new JobOptions().analysis.calculator()).run(input, reading.readerOptions(),
                reading.directory(input), (week, assessment) -> {
                    weeks[0]++;
                    List<Alert> alerts = assessment.alerts();
                    evaluation.add(week.week, alerts);
                    scorecard.add(week.week, alerts, tracker.update(week.week, alerts, assessment.assets(), incidents));
                    System.err.printf("\r%d weeks assessed (%s), %.1f s", weeks[0], week.week, (System.nanoTime() - start) / 1e9);
                    if (printAlerts) {
                        alerts.forEach(a -> System.out.println("\n" + a));
                    }
                });
        System.err.println();
        System.out.print(evaluation.table());
        System.out.println();
        System.out.print(scorecard.table());
        ManifestExpectations v2 = ManifestExpectations.read(truth);
        if (v2.version() >= 2) {
            System.out.println();
            System.out.print(scorecard.v2Table(v2));
        }
        return 0;
    }
}
