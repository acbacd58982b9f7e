package io.dexposure.tools.cli;

import io.dexposure.job.options.KafkaOptions;
import io.dexposure.job.options.StoreOptions;
import io.dexposure.analytics.embedding.EmbeddingMap;
import io.dexposure.job.options.RolandOptions;
import io.dexposure.tools.report.EmbeddingSource;
import io.dexposure.tools.report.ReportAnalyses;
import io.dexposure.tools.report.ReportData;
import io.dexposure.tools.report.ReportRenderer;
import io.dexposure.job.store.EventTimeStore;
import io.dexposure.replayer.cli.SnapshotReadOptions;
import io.dexposure.tools.explorer.ExplorerRecords;
import io.dexposure.tools.explorer.ExplorerWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code report}: PNG charts and an index.html of what a replay produced, read from the event-time store
 * ({@code --jdbc-url}) or else from the job's result topics, so the Terra and FTX weeks can be seen without
 * any server.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Render the results of a replay as PNG charts in an HTML page: weekly series, alert timeline, "
                + "top systemic protocols, model quality (whatever is present; the page says what is missing).",
                "Reads the PostgreSQL event-time store with --jdbc-url, else the result topics on --bootstrap-servers."})
public class ReportCommand implements Callable<Integer> {
    @Mixin
    KafkaOptions kafka = new KafkaOptions();

    @Mixin
    StoreOptions store = new StoreOptions();

    @Option(names = "--out", description = "Directory for index.html and the PNGs (default: target/report in the project).")
    Path out;

    @Option(names = "--snapshot", description = "The snapshot file that was replayed: the explorer pages (explorer.html) take the network's links from it "
            + "(the result topics carry scores, not links); without it only the PNG report is written.")
    Path snapshot;

    @Mixin
    SnapshotReadOptions reading = new SnapshotReadOptions();

    @Option(names = "--explorer-top-nodes", description = "Nodes the explorer shows at first, the week's most systemic (adjustable on the page; default: ${DEFAULT-VALUE}).")
    int explorerTopNodes = ExplorerWriter.DEFAULT_TOP_NODES;

    @Option(names = "--embedding-week", description = "Week of the embedding map, YYYY-MM-DD (default: the first crisis week with per-node records, else the latest).")
    String embeddingWeek;

    @Option(names = "--embedding-source", description = "What the embedding map embeds: FEATURES (each node's anomaly features from the per-node records) "
            + "or ROLAND (ROLAND's node embeddings; ROLAND's live update is replayed over the --snapshot file's weeks up to the map's week, "
            + "with the --roland-* settings, which should be the job's; --roland and --roland-live-baselines do not apply) (default: ${DEFAULT-VALUE}).")
    EmbeddingMap.Input embeddingSource = EmbeddingMap.Input.FEATURES;

    @Option(names = "--embedding-max-exact-nodes", description = "Weeks with more nodes get Barnes-Hut t-SNE (or PCA) instead of exact t-SNE, which is O(n^2) per iteration (default: ${DEFAULT-VALUE}).")
    int embeddingMaxExactNodes = EmbeddingMap.Settings.defaults().maxExactNodes();

    @Option(names = "--embedding-max-barnes-hut-nodes", description = "Weeks with more nodes get a PCA projection instead of Barnes-Hut t-SNE "
            + "(default: ${DEFAULT-VALUE}, the largest size measured to embed in about 20 s; docs/analyses.md).")
    int embeddingMaxBarnesHutNodes = EmbeddingMap.Settings.defaults().maxBarnesHutNodes();

    @Option(names = "--embedding-theta", description = "Barnes-Hut t-SNE's accuracy: a quadtree cell acts as one body when its side is under theta times its distance; "
            + "0 = exact repulsion, larger = faster and coarser (default: ${DEFAULT-VALUE}).")
    double embeddingTheta = EmbeddingMap.Settings.defaults().theta();

    @Option(names = "--embedding-seed", description = "Seed of the t-SNE start (default: ${DEFAULT-VALUE}).")
    long embeddingSeed = EmbeddingMap.Settings.defaults().seed();

    /**
     * ROLAND's settings for --embedding-source ROLAND: the job's own flags, so that a report can replay the ROLAND the job
     * ran (the flags --roland and --roland-live-baselines come with them and are ignored here).
     */
    @Mixin
    RolandOptions roland = new RolandOptions();

    @Option(names = "--supply-csv", description = "The pull's supply checks (pull --supply-csv) for the data-validation section (default: supply-checks.csv beside --snapshot, when there).")
    Path supplyCsv;

    @Override
    public Integer call() throws Exception {
        Path dir = out != null ? out : Path.of(System.getProperty("dexposure.home", ".")).resolve("target/report");
        // Built before anything is read: a ROLAND map without --snapshot (nothing to replay ROLAND on) fails here, one line.
        EmbeddingSource source = embeddingSource == EmbeddingMap.Input.ROLAND
                ? EmbeddingSource.roland(snapshot, reading.readerOptions(), snapshot == null ? null : reading.directory(snapshot), roland.settings())
                : EmbeddingSource.features();
        ReportData data;
        // The per-node records feed the embedding map (and the explorer): read them whether or not --snapshot is given.
        ExplorerRecords explorerRecords;
        if (store.enabled()) {
            try (Connection c = EventTimeStore.connect(store.jdbcUrl, store.jdbcUser, store.jdbcPassword)) {
                data = ReportData.fromStore(c, "PostgreSQL " + store.jdbcUrl);
                explorerRecords = ExplorerRecords.fromStore(c);
            }
        } else {
            data = ReportData.fromKafka(kafka);
            explorerRecords = ExplorerRecords.fromKafka(kafka);
        }
        Path supply = supplyCsv;
        if (supply == null && snapshot != null && Files.exists(snapshot.toAbsolutePath().resolveSibling("supply-checks.csv"))) {
            supply = snapshot.toAbsolutePath().resolveSibling("supply-checks.csv");
        }
        EmbeddingMap.Settings d = EmbeddingMap.Settings.defaults();
        ReportAnalyses analyses = new ReportAnalyses(explorerRecords.protocolMetrics(), embeddingWeek,
                d.withMaxExactNodes(embeddingMaxExactNodes).withMaxBarnesHutNodes(embeddingMaxBarnesHutNodes)
                        .withTheta(embeddingTheta).withSeed(embeddingSeed), supply, source);
        List<ReportRenderer.Section> sections = ReportRenderer.render(data, analyses, dir);
        System.out.println("Report: " + dir.resolve("index.html").toAbsolutePath() + " (" + data.weeks().size() + " weeks)");
        sections.stream().filter(ReportRenderer.Section::missing).forEach(s -> System.out.println("  missing: " + s.note()));
        if (snapshot != null) {
            ExplorerWriter writer = new ExplorerWriter(data, explorerRecords, explorerTopNodes, analyses.embedding(), source);
            ExplorerWriter.Summary explorer = writer.write(dir, snapshot, reading.readerOptions(), reading.directory(snapshot), line -> { });
            System.out.println("Explorer: " + explorer.page().toAbsolutePath() + " (" + explorer.weeks() + " weeks, "
                    + explorer.nodes() + " nodes; links from " + snapshot + "; " + writer.maps() + " embedding maps in "
                    + String.format(java.util.Locale.US, "%.1f s", writer.mapMillis() / 1e3) + ")");
        } else {
            System.out.println("  explorer: not written (give --snapshot FILE, the file that was replayed)");
        }
        return data.weeks().isEmpty() ? 1 : 0;
    }
}
