package io.dexposure.tools.evaluation;

import io.dexposure.analytics.alerts.ChangePointDetector;
import io.dexposure.analytics.alerts.ShockDetector;

import io.dexposure.analytics.metrics.WeekMetricsCalculator;
import io.dexposure.analytics.network.SnapshotNetworks;
import io.dexposure.analytics.network.WeeklyNetwork;
import io.dexposure.analytics.week.NetworkWeek;
import io.dexposure.snapshot.ProtocolDirectory;
import io.dexposure.snapshot.SnapshotReader;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Runs the shock detector over a snapshot file week by week, without Kafka or Flink: the same analysis
 * and the same detector as the job's sequential operator, so its alerts are what the job must emit for
 * that file. Used by the evaluation command and as the reference in integration tests.
 */
public final class FileShockReplay {
    private final ShockDetector detector;
    private final WeekMetricsCalculator calculator;

    public FileShockReplay(ShockDetector detector, WeekMetricsCalculator calculator) {
        this.detector = detector;
        this.calculator = calculator;
    }

    /** Streams the file; {@code onWeek} gets every week's analysed network and assessment, in order. */
    public void run(Path file, SnapshotReader.Options options, ProtocolDirectory directory,
                    BiConsumer<NetworkWeek, ShockDetector.Assessment> onWeek) throws IOException {
        Map<String, ChangePointDetector> detectors = new HashMap<>();
        NetworkWeek previous = null;
        io.dexposure.analytics.risk.WeekRisk previousRisk = null;
        try (SnapshotReader reader = SnapshotReader.open(file, options)) {
            while (reader.hasNext()) {
                WeeklyNetwork network = SnapshotNetworks.of(reader.next(), directory);
                NetworkWeek week = NetworkWeek.of(network, calculator.analyse(network, new WeekMetricsCalculator.PhaseTimes()));
                ShockDetector.Assessment assessment = detector.assess(week, previous, previousRisk, detectors);
                onWeek.accept(week, assessment);
                previous = week;
                previousRisk = assessment.weekRisk();
            }
        }
    }
}
