package io.dexposure.tools.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dexposure.analytics.anomaly.AnomalyEnsemble;
import io.dexposure.analytics.anomaly.Autoencoder;
import io.dexposure.analytics.anomaly.CollapseLosses;
import io.dexposure.analytics.anomaly.WeeklyAnomalies;
import io.dexposure.tools.evaluation.AnomalyEvaluation;
import io.dexposure.tools.evaluation.ManifestExpectations;
import io.dexposure.job.JobOptions;
import io.dexposure.analytics.network.WeeklyNetwork;
import io.dexposure.analytics.week.NetworkWeek;
import io.dexposure.analytics.metrics.WeekMetricsCalculator;
import io.dexposure.analytics.network.SnapshotNetworks;
import io.dexposure.replayer.cli.SnapshotReadOptions;
import io.dexposure.replayer.generate.ScenarioGroundTruth;
import io.dexposure.replayer.generate.ScenarioManifest;
import io.dexposure.snapshot.ProtocolDirectory;
import io.dexposure.snapshot.SnapshotReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code anomalies}: per week, the nodes the anomaly ensemble ranks highest, with each detector's score
 * and the features driving it; with a scenarios.json beside the input (or --scenarios), how many of each
 * scripted crisis's issuer, cluster and largest creditors make the week's top N.
 */
@Command(name = "anomalies", mixinStandardHelpOptions = true,
        description = "Per-node anomaly ensemble (Isolation Forest, k-means, DBSCAN, PCA and an autoencoder) week by week over a snapshot file; "
                + "scored against scenarios.json when there is one.")
public class AnomaliesCommand implements Callable<Integer> {
    @Option(names = "--input", required = true, description = "Snapshot file (.json or .json.gz).")
    Path input;

    @Mixin
    SnapshotReadOptions reading = new SnapshotReadOptions();

    @Option(names = "--top", description = "Nodes listed (and scored against the scenarios) per week (default: ${DEFAULT-VALUE}).")
    int top = 20;

    @Option(names = "--print", description = "Nodes printed per week in the text output (default: ${DEFAULT-VALUE}).")
    int print = 5;

    @Option(names = "--scenarios", description = "Ground truth (default: scenarios.json beside the input, if there).")
    Path scenarios;

    @Option(names = "--seed", description = "Seed of the Isolation Forest and k-means (default: ${DEFAULT-VALUE}).")
    long seed = AnomalyEnsemble.Settings.defaults().seed();

    @Option(names = "--features", description = "all (levels and week-over-week changes) or changes (default: ${DEFAULT-VALUE}).")
    String features = "all";

    @Option(names = "--autoencoder", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Score with the autoencoder (DJL/PyTorch, trained each week on a rolling window of weeks' scaled "
                    + "features) as the ensemble's fifth detector; --no-autoencoder leaves it out (default: ${DEFAULT-VALUE}).")
    boolean autoencoder = true;

    @Option(names = "--autoencoder-window", description = "Weeks the autoencoder trains on, this week included (default: ${DEFAULT-VALUE}).")
    int autoencoderWindow = Autoencoder.Settings.defaults().windowWeeks();

    @Option(names = "--autoencoder-sample-rows", description = "Rows of each week the autoencoder's window keeps (a seeded sample); "
            + "0 = all (default: ${DEFAULT-VALUE}).")
    int autoencoderSampleRows = Autoencoder.Settings.defaults().sampleRows();

    @Option(names = "--autoencoder-warm-epochs", description = "Epochs a week continuing from last week's weights; 0 = retrain "
            + "from the seed every week (default: ${DEFAULT-VALUE}).")
    int autoencoderWarmEpochs = Autoencoder.Settings.defaults().warmEpochs();

    @Option(names = "--material-usd", description = "Score only nodes whose TVL, in- or out-strength reached this many USD this "
            + "week or last; 0 = every node (default: ${DEFAULT-VALUE}).")
    double materialUsd = AnomalyEnsemble.Settings.defaults().materialUsd();

    @Option(names = "--collapse-fall", description = "Median fall of an issuer's holdings from which it counts as collapsing, "
            + "for the own-loss and creditor-loss features (default: ${DEFAULT-VALUE}).")
    double collapseFall = CollapseLosses.Settings.defaults().collapseFall();

    @Option(names = "--collapse-holders", description = "Holders holding an issuer both weeks needed to call its fall a collapse "
            + "(default: ${DEFAULT-VALUE}).")
    int collapseHolders = CollapseLosses.Settings.defaults().minHolders();

    @Option(names = "--alarm-score", description = "With scenarios: Isolation Forest score from which a top-N node counts as an alarm in the evaluation table (default: ${DEFAULT-VALUE}).")
    double alarmScore = 0.6;

    @Option(names = "--json", description = "One JSON line per week with its top N (default: ${DEFAULT-VALUE}).")
    boolean json;

    @Override
    public Integer call() throws Exception {
        ProtocolDirectory directory = reading.directory(input);
        Path truth = scenarios != null ? scenarios : input.toAbsolutePath().resolveSibling("scenarios.json");
        List<ScenarioGroundTruth> crises = Files.exists(truth) ? ScenarioManifest.read(truth) : List.of();
        AnomalyEnsemble.Settings d = AnomalyEnsemble.Settings.defaults();
        WeeklyAnomalies anomalies = new WeeklyAnomalies(d.withSeed(seed).withMaterialUsd(materialUsd), changesOnly(),
                autoencoder(), new CollapseLosses.Settings(collapseFall, collapseHolders));
        WeekMetricsCalculator calculator = new JobOptions().analysis.calculator();
        ObjectMapper mapper = new ObjectMapper();
        List<String> evaluation = new ArrayList<>();
        AnomalyEvaluation scoring = new AnomalyEvaluation(crises,
                Files.exists(truth) ? ManifestExpectations.read(truth).decoys() : List.of(), top, alarmScore);
        long start = System.nanoTime();
        long scoringNanos = 0;
        int weeks = 0;
        try (SnapshotReader reader = SnapshotReader.open(input, reading.readerOptions())) {
            while (reader.hasNext()) {
                var snapshot = reader.next();
                WeeklyNetwork network = SnapshotNetworks.of(snapshot, directory);
                NetworkWeek analysed = NetworkWeek.of(network, calculator.analyse(network, new WeekMetricsCalculator.PhaseTimes()));
                long t0 = System.nanoTime();
                WeeklyAnomalies.Week week = anomalies.next(analysed);
                scoringNanos += System.nanoTime() - t0;
                weeks++;
                scoring.add(week);
                if (json) {
                    System.out.println(mapper.writeValueAsString(toJson(week)));
                } else {
                    System.out.println(line(week));
                }
                for (ScenarioGroundTruth c : crises) {
                    if (c.weeks().contains(snapshot.week())) {
                        evaluation.add(hits(c, week, c.name()));
                    } else if (c.baselineWeek().equals(snapshot.week())) {
                        evaluation.add(hits(c, week, c.name() + " (baseline)"));
                    }
                }
                System.err.printf("\r%d weeks (%s), %.1f s", weeks, snapshot.week(), (System.nanoTime() - start) / 1e9);
            }
        }
        System.err.printf("%nanomaly scoring: %.1f ms a week on average (the week's metrics excluded)%n", scoringNanos / 1e6 / Math.max(1, weeks));
        if (!evaluation.isEmpty() && !json) {
            System.out.printf("%nScripted crises: involved nodes in the week's top %d (rank in brackets; - = not in the week)%n", top);
            System.out.printf("%-23s %-11s %-9s %-15s %-17s %s%n", "scenario", "week", "issuer", "cluster in top", "creditors in top", "ranks");
            evaluation.forEach(System.out::println);
            System.out.print(scoring.table());
        }
        return 0;
    }

    private Autoencoder autoencoder() {
        if (!autoencoder) {
            return null;
        }
        Autoencoder.Settings a = Autoencoder.Settings.defaults();
        return new Autoencoder(new Autoencoder.Settings(autoencoderWindow, a.hidden(), a.bottleneck(), a.epochs(), a.learningRate(), seed,
                autoencoderSampleRows, autoencoderWarmEpochs));
    }

    private boolean changesOnly() {
        return switch (features) {
            case "all" -> false;
            case "changes" -> true;
            default -> throw new IllegalArgumentException("--features: '" + features + "' is neither all nor changes");
        };
    }

    private String line(WeeklyAnomalies.Week week) {
        StringBuilder b = new StringBuilder(week.week());
        for (AnomalyEnsemble.Scored s : week.top(print)) {
            b.append(String.format(Locale.US, "  %s %.2f %s", s.id(), s.ensemble(), s.drivers()));
        }
        return b.toString();
    }

    private String hits(ScenarioGroundTruth c, WeeklyAnomalies.Week week, String label) {
        int issuerRank = week.rankOf(c.issuerId());
        int clusterIn = 0;
        int creditorsIn = 0;
        Set<String> ranks = new LinkedHashSet<>();
        for (String id : c.issuerTokens()) {
            int r = week.rankOf(id);
            ranks.add(id + ":" + (r > 0 ? r : "-"));
        }
        for (String id : c.clusterIds()) {
            int r = week.rankOf(id);
            clusterIn += r > 0 && r <= top ? 1 : 0;
            ranks.add(id + ":" + (r > 0 ? r : "-"));
        }
        for (String id : c.largestCreditorIds()) {
            int r = week.rankOf(id);
            creditorsIn += r > 0 && r <= top ? 1 : 0;
            ranks.add(id + ":" + (r > 0 ? r : "-"));
        }
        return String.format(Locale.US, "%-23s %-11s %-9s %-15s %-17s %s", label, week.week(),
                issuerRank > 0 ? (issuerRank <= top ? "yes (" + issuerRank + ")" : "no (" + issuerRank + ")") : "absent",
                clusterIn + " of " + c.clusterIds().size(), creditorsIn + " of " + c.largestCreditorIds().size(), ranks);
    }

    private Map<String, Object> toJson(WeeklyAnomalies.Week week) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("week", week.week());
        List<Map<String, Object>> rows = new ArrayList<>();
        int rank = 1;
        for (AnomalyEnsemble.Scored s : week.top(top)) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("rank", rank++);
            r.put("node", s.id());
            r.put("ensemble", s.ensemble());
            Map<String, Double> detectors = new LinkedHashMap<>();
            for (int k = 0; k < AnomalyEnsemble.DETECTORS.size(); k++) {
                detectors.put(AnomalyEnsemble.DETECTORS.get(k), s.scores()[k]);
            }
            if (s.scores().length > AnomalyEnsemble.DETECTORS.size()) {
                detectors.put(AnomalyEnsemble.AUTOENCODER, s.scores()[AnomalyEnsemble.DETECTORS.size()]);
            }
            r.put("detectors", detectors);
            r.put("dbscanNoise", s.dbscanNoise());
            r.put("drivers", s.drivers());
            rows.add(r);
        }
        m.put("top", rows);
        return m;
    }
}
