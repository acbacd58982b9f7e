package io.dexposure.tools.cli;

import io.dexposure.job.options.KafkaOptions;
import io.dexposure.job.options.StoreOptions;
import io.dexposure.tools.report.ReportData;
import io.dexposure.tools.report.ReportRenderer;
import io.dexposure.job.store.EventTimeStore;
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

    @Override
    public Integer call() throws Exception {
        Path dir = out != null ? out : Path.of(System.getProperty("dexposure.home", ".")).resolve("target/report");
        ReportData data;
        if (store.enabled()) {
            try (Connection c = EventTimeStore.connect(store.jdbcUrl, store.jdbcUser, store.jdbcPassword)) {
                data = ReportData.fromStore(c, "PostgreSQL " + store.jdbcUrl);
            }
        } else {
            data = ReportData.fromKafka(kafka);
        }
        List<ReportRenderer.Section> sections = ReportRenderer.render(data, dir);
        System.out.println("Report: " + dir.resolve("index.html").toAbsolutePath() + " (" + data.weeks().size() + " weeks)");
        sections.stream().filter(s -> s.file() == null).forEach(s -> System.out.println("  missing: " + s.note()));
        return data.weeks().isEmpty() ? 1 : 0;
    }
}
