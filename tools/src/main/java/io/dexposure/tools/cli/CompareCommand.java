package io.dexposure.tools.cli;

import io.dexposure.job.options.RolandOptions;
import io.dexposure.analytics.linkpred.ChronologicalSplit;
import io.dexposure.tools.compare.ComparisonTable;
import io.dexposure.tools.compare.ModelComparison;
import io.dexposure.analytics.linkpred.Node2Vec;
import io.dexposure.analytics.week.SnapshotHistory;
import io.dexposure.analytics.linkpred.StaticGnnLinkScorer;
import io.dexposure.analytics.roland.RolandSettings;
import io.dexposure.analytics.week.NetworkWeek;
import io.dexposure.replayer.cli.SnapshotReadOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code compare}: ROLAND against the link-prediction baselines on a snapshot file, chronological split,
 * one week ahead; prints one table (AUPRC, AUROC, MRR per model, mean ± sd over the test weeks).
 * ROLAND takes the job's {@code --roland-*} flags.
 */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "Compare ROLAND with persistence, the neighbourhood heuristics, node2vec + LR, a static GCN and a GAT "
                + "on a snapshot file "
                + "(chronological split, one week ahead). Of the job flags listed, only --roland-* apply.")
public class CompareCommand implements Callable<Integer> {
    @Option(names = "--input", description = "Snapshot file (default: data/sample/dexposure-sample.json in the project).")
    Path input;

    @Mixin
    SnapshotReadOptions reading = new SnapshotReadOptions();

    @Option(names = "--train-weeks", description = "Training weeks (default: what is left after validation and test).")
    Integer trainWeeks;

    @Option(names = "--validation-weeks", description = "Validation weeks (default: 24/283 of the weeks, at least 1; DeXposure-FM: 24).")
    Integer validationWeeks;

    @Option(names = "--test-weeks", description = "Test weeks, the last ones (default: 33/283 of the weeks, at least 1; DeXposure-FM: 33).")
    Integer testWeeks;

    @Option(names = "--node2vec", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Include node2vec + LR, refitted before each test week (default: ${DEFAULT-VALUE}).")
    boolean node2vec = true;

    @Option(names = "--static-gcn", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Include the static GCN, trained once on the training weeks (default: ${DEFAULT-VALUE}).")
    boolean staticGcn = true;

    @Option(names = "--gat", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Include the GAT, trained once on the training weeks (default: ${DEFAULT-VALUE}).")
    boolean gat = true;

    @Option(names = "--gnn-epochs", defaultValue = "30",
            description = "Static GCN and GAT: training epochs at most, early-stopped on the validation weeks (default: ${DEFAULT-VALUE}).")
    int gnnEpochs = 30;

    @Option(names = "--gnn-training-weeks", defaultValue = "52",
            description = "Static GCN and GAT: train on at most this many of the last training weeks (default: ${DEFAULT-VALUE}).")
    int gnnTrainingWeeks = 52;

    @Option(names = "--protocol", defaultValue = "PUBLISHED",
            description = "PUBLISHED: DeXposure-FM's protocol (week T+h's links between nodes present at T, --published-negatives uniform non-links each, every --horizons); "
                    + "LIVE: the job's one-week-ahead pairs (every link, --roland-negative-ratio non-links each); BOTH (default: ${DEFAULT-VALUE}).")
    Protocol protocol = Protocol.PUBLISHED;

    @Option(names = "--horizons", split = ",", defaultValue = "1,4,8,12",
            description = "Published protocol: weeks ahead to predict (default: ${DEFAULT-VALUE}, as DeXposure-FM Table 3).")
    List<Integer> horizons = List.of(1, 4, 8, 12);

    @Option(names = "--published-negatives", defaultValue = "5",
            description = "Published protocol: uniform non-links per positive (default: ${DEFAULT-VALUE}, as DeXposure-FM).")
    double publishedNegatives = 5;

    @Option(names = "--json", description = "Published protocol: print one JSON object per (model, horizon) instead of the tables.")
    boolean json;

    @Option(names = "--churn",
            description = "Re-draw the links so that about this share of a week's links existed the week before (structured churn; "
                    + "the real data: ~0.53), for histories whose links barely change (default: off).")
    Double churn;

    /** Which evaluation to run. */
    enum Protocol { PUBLISHED, LIVE, BOTH }

    @Mixin
    RolandOptions roland = new RolandOptions();

    PrintStream out = System.out;

    @Override
    public Integer call() throws Exception {
        Path home = Path.of(System.getProperty("dexposure.home", "."));
        Path file = input != null ? input : home.resolve("data/sample/dexposure-sample.json");
        if (!Files.isRegularFile(file)) {
            System.err.println("No snapshot file at " + file + " (use --input FILE).");
            return 2;
        }
        HeapUsage.track();
        long started = System.nanoTime();
        List<NetworkWeek> weeks = SnapshotHistory.read(file, reading.readerOptions(), reading.directory(file));
        ChronologicalSplit split = split(weeks.size());
        List<NetworkWeek> used = weeks.subList(weeks.size() - split.weeks(), weeks.size());
        if (churn != null) {
            used = io.dexposure.analytics.linkpred.LinkChurn.apply(used, churn, roland.settings().seed);
            System.err.printf(Locale.ROOT, "  links re-drawn: week-over-week link persistence %.3f (last week)%n",
                    io.dexposure.analytics.linkpred.LinkChurn.persistence(used.get(used.size() - 2), used.get(used.size() - 1)));
        }
        NetworkWeek last = used.get(used.size() - 1);
        PrintStream report = json ? System.err : out;
        report.printf(Locale.ROOT, "Link prediction: %s, %d weeks (%s .. %s, last week %,d nodes / %,d links)%n",
                file.getFileName(), used.size(), used.get(0).week, last.week, last.nodeCount(), last.linkCount());
        report.printf(Locale.ROOT, "Chronological split: %d train / %d validation / %d test weeks (DeXposure-FM on the real data: 226 / 24 / 33)%n",
                split.train(), split.validation(), split.test());
        RolandSettings settings = roland.settings();
        StaticGnnLinkScorer.Settings d = StaticGnnLinkScorer.Settings.defaults(settings.seed);
        StaticGnnLinkScorer.Settings gnn = new StaticGnnLinkScorer.Settings(d.preprocess(), d.hidden(), d.heads(),
                d.learningRate(), gnnEpochs, d.patience(), gnnTrainingWeeks, settings.negativeRatio, settings.seed, settings.threads);
        ModelComparison.Baselines baselines = new ModelComparison.Baselines(
                node2vec ? Node2Vec.Settings.defaults(settings.seed) : null, staticGcn ? gnn : null, gat ? gnn : null);
        if (protocol != Protocol.LIVE) {
            io.dexposure.tools.compare.HorizonComparison.Result published = io.dexposure.tools.compare.HorizonComparison.run(
                    used, split, settings, publishedNegatives, horizons, new io.dexposure.tools.compare.HorizonComparison.Baselines(
                            baselines.node2vec(), baselines.staticGcn(), baselines.gat()), line -> System.err.println("  " + line));
            if (json) {
                io.dexposure.tools.compare.HorizonTable.printJson(out, published);
            } else {
                out.printf(Locale.ROOT, "%nPublished protocol (DeXposure-FM Table 3): predict week T+h from week T; positives = T+h's links between "
                        + "nodes present at T, %.0f uniform non-links each; mean ± sd over the test weeks%n%n", publishedNegatives);
                io.dexposure.tools.compare.HorizonTable.print(out, published);
            }
            if (protocol == Protocol.PUBLISHED) {
                report.printf(Locale.ROOT, "Total %.1f s; peak live heap after GC %,d MB%n", (System.nanoTime() - started) / 1e9, HeapUsage.peakLiveMb());
                return 0;
            }
        }
        ModelComparison.Result result = ModelComparison.run(used, split, settings, baselines,
                line -> System.err.println("  " + line));
        out.printf(Locale.ROOT, "Test weeks %s .. %s; %d positives and %.0fx as many seeded negatives a week, MRR against %d negatives%n%n",
                result.testWeeks().get(0), result.testWeeks().get(result.testWeeks().size() - 1), last.linkCount(),
                settings.negativeRatio, settings.mrrCandidates);
        ComparisonTable.print(out, result);
        out.printf(Locale.ROOT, "Total %.1f s; peak live heap after GC %,d MB%n", (System.nanoTime() - started) / 1e9, HeapUsage.peakLiveMb());
        return 0;
    }

    ChronologicalSplit split(int weeks) {
        ChronologicalSplit p = ChronologicalSplit.proportional(weeks);
        int test = testWeeks != null ? testWeeks : p.test();
        int validation = validationWeeks != null ? validationWeeks : p.validation();
        int train = trainWeeks != null ? trainWeeks : weeks - test - validation;
        if (train + validation + test > weeks) {
            throw new IllegalArgumentException("the split " + train + " / " + validation + " / " + test + " needs more than the "
                    + weeks + " weeks of the file");
        }
        return new ChronologicalSplit(train, validation, test);
    }
}
