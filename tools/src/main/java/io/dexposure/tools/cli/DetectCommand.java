package io.dexposure.tools.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dexposure.analytics.incidents.Incident;
import io.dexposure.analytics.incidents.IncidentState;
import io.dexposure.analytics.incidents.IncidentTracker;
import io.dexposure.analytics.alerts.Alert;
import io.dexposure.analytics.alerts.AlertThresholds;
import io.dexposure.tools.evaluation.FileShockReplay;
import io.dexposure.analytics.alerts.ShockDetector;
import io.dexposure.job.JobOptions;
import io.dexposure.replayer.cli.SnapshotReadOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code detect}: the job's detector (analysis, asset view, rules, incidents) on any snapshot file, in
 * week order, without Kafka, Flink or ground truth. Prints each week's incidents and alerts; with
 * {@code --json}, every record exactly as on the alerts and incidents topics, one JSON object per line.
 */
@Command(name = "detect", mixinStandardHelpOptions = true,
        description = "Run the shock detector on a snapshot file (no ground truth needed): incidents and alerts per week.")
public class DetectCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--input", required = true, description = "Snapshot file (.json or .json.gz).")
    Path input;

    @Option(names = "--json", description = "One JSON object per line, as on the topics, each with a 'record' field (alert, incident) (default: ${DEFAULT-VALUE}).")
    boolean json;

    @Option(names = "--min-severity", description = "Leave out alerts below this severity: info, warning, critical (default: ${DEFAULT-VALUE}). Incidents are always printed.")
    String minSeverity = Alert.INFO;

    @Option(names = "--alert-thresholds", description = "Thresholds file overriding the shipped alert-thresholds.properties (default: the shipped one).")
    Path thresholds;

    @Mixin
    SnapshotReadOptions reading = new SnapshotReadOptions();

    @Override
    public Integer call() throws Exception {
        int floor = rank(minSeverity);
        AlertThresholds t = thresholds == null ? AlertThresholds.defaults() : AlertThresholds.load(thresholds);
        IncidentTracker tracker = new IncidentTracker(t);
        IncidentState state = new IncidentState();
        PrintStream out = System.out;
        long start = System.nanoTime();
        int[] counts = new int[3];
        new FileShockReplay(new ShockDetector(t), new JobOptions().analysis.calculator()).run(input, reading.readerOptions(),
                reading.directory(input), (week, assessment) -> {
                    List<Incident> incidents = tracker.update(week.week, assessment.alerts(), assessment.assets(), state);
                    List<Alert> alerts = assessment.alerts().stream().filter(a -> rank(a.severity) >= floor).toList();
                    counts[0]++;
                    counts[1] += alerts.size();
                    counts[2] += incidents.size();
                    try {
                        if (json) {
                            for (Alert a : alerts) {
                                out.println(JSON.writeValueAsString(a));
                            }
                            for (Incident i : incidents) {
                                out.println(JSON.writeValueAsString(i));
                            }
                        } else if (!alerts.isEmpty() || !incidents.isEmpty()) {
                            out.println(week.week);
                            for (Incident i : incidents) {
                                out.println("  INCIDENT [" + i.severity + "] " + i.message);
                            }
                            for (Alert a : alerts) {
                                out.println("  [" + a.severity + "] " + a.rule + " " + a.subject
                                        + (a.incident == null ? "" : " (" + a.incident + ")") + ": " + a.message);
                            }
                        }
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                    System.err.printf("\r%d weeks assessed (%s), %.1f s", counts[0], week.week, (System.nanoTime() - start) / 1e9);
                });
        System.err.printf("%n%d weeks, %d alerts, %d incident records%n", counts[0], counts[1], counts[2]);
        return 0;
    }

    static int rank(String severity) {
        return switch (severity == null ? "" : severity) {
            case Alert.INFO -> 0;
            case Alert.WARNING -> 1;
            case Alert.CRITICAL -> 2;
            default -> throw new IllegalArgumentException("--min-severity: '" + severity + "' is not info, warning or critical");
        };
    }
}
