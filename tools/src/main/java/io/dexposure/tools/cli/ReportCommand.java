package io.dexposure.tools.cli;

import io.dexposure.job.options.KafkaOptions;
import io.dexposure.job.options.StoreOptions;
import io.dexposure.tools.report.ReportData;
import io.dexposure.tools.report.ReportRenderer;
import io.dexposure.job.store.EventTimeStore;
import io.dexposure.replayer.cli.SnapshotReadOptions;
import io.dexposure.tools.explorer.ExplorerRecords;
import io.dexposure.tools.explorer.ExplorerWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

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

    @Override
    public Integer call() throws Exception {
        Path dir = out != null ? out : Path.of(System.getProperty("dexposure.home", ".")).resolve("target/report");
        ReportData data;
        ExplorerRecords explorerRecords = ExplorerRecords.none();
        if (store.enabled()) {
            try (Connection c = EventTimeStore.connect(store.jdbcUrl, store.jdbcUser, store.jdbcPassword)) {
                data = ReportData.fromStore(c, "PostgreSQL " + store.jdbcUrl);
                if (snapshot != null) {
                    explorerRecords = ExplorerRecords.fromStore(c);
                }
            }
        } else {
            data = ReportData.fromKafka(kafka);
            if (snapshot != null) {
                explorerRecords = ExplorerRecords.fromKafka(kafka);
            }
        }
        List<ReportRenderer.Section> sections = ReportRenderer.render(data, dir);
        System.out.println("Report: " + dir.resolve("index.html").toAbsolutePath() + " (" + data.weeks().size() + " weeks)");
        sections.stream().filter(s -> s.file() == null).forEach(s -> System.out.println("  missing: " + s.note()));
        if (snapshot != null) {
            ExplorerWriter.Summary explorer = new ExplorerWriter(data, explorerRecords, explorerTopNodes)
                    .write(dir, snapshot, reading.readerOptions(), reading.directory(snapshot), line -> { });
            System.out.println("Explorer: " + explorer.page().toAbsolutePath() + " (" + explorer.weeks() + " weeks, "
                    + explorer.nodes() + " nodes; links from " + snapshot + ")");
        } else {
            System.out.println("  explorer: not written (give --snapshot FILE, the file that was replayed)");
        }
        return data.weeks().isEmpty() ? 1 : 0;
    }
}
