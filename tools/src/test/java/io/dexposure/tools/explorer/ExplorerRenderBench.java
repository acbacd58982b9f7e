package io.dexposure.tools.explorer;

import io.dexposure.tools.cli.DexposureCli;
import io.dexposure.tools.report.ReportData;
import io.dexposure.snapshot.NegativeTvlPolicy;
import io.dexposure.snapshot.ProtocolDirectory;
import io.dexposure.snapshot.SnapshotReader;
import picocli.CommandLine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Not a test: times the explorer's first render of a real-scale week in headless Chromium (Debian's, as the
 * browser tests use it). Generates weeks with {@code dexposure generate --nodes N --links M}, writes the
 * explorer for them, then loads explorer.html in a fresh page several times and reads when ECharts finished
 * its first frame ({@code explorer.state.firstRenderMs}, measured from navigation start: loading the page,
 * ECharts, the index and the week's data file, and drawing). Reference in the same run: the same for a
 * small generated week. Run with the test classpath (docs/explorer.md):
 * {@code java -cp ... io.dexposure.tools.explorer.ExplorerRenderBench [nodes links runs]}.
 */
public final class ExplorerRenderBench {
    private ExplorerRenderBench() {
    }

    public static void main(String[] args) throws Exception {
        int nodes = args.length > 0 ? Integer.parseInt(args[0]) : 11_000;
        int links = args.length > 1 ? Integer.parseInt(args[1]) : 75_000;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        Path work = Files.createTempDirectory("explorer-bench");
        System.out.printf(Locale.US, "Explorer first render in headless Chromium, %d runs each (fresh page load)%n", runs);
        System.out.printf(Locale.US, "%-48s %9s %9s %9s %9s %9s %12s%n", "week", "index", "week data", "drawn", "min", "max", "JSON/week");
        List<double[]> rows = new ArrayList<>();
        try (HeadlessChromium browser = new HeadlessChromium(1600, 1000)) {
            Row reference = measure(browser, work.resolve("small"), 300, 1_500, ExplorerWriter.DEFAULT_TOP_NODES, runs);
            reference.print("reference: 300 nodes / 1,500 links, top " + ExplorerWriter.DEFAULT_TOP_NODES);
            for (int top : new int[]{ExplorerWriter.DEFAULT_TOP_NODES, 2_000}) {
                Row row = measure(browser, work.resolve("real-" + top), nodes, links, top, runs);
                row.print(String.format(Locale.US, "%,d nodes / %,d links, top %,d", nodes, links, top));
                rows.add(new double[]{row.mean, reference.mean});
            }
        }
        System.out.printf(Locale.US, "(ms since navigation start, means; min/max of drawn; load average at the end %.1f on %d cores)%n",
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                Runtime.getRuntime().availableProcessors());
        System.out.printf(Locale.US, "Target: first render under 2,000 ms; real-scale / reference: %.1fx (top %d)%n",
                rows.get(0)[0] / rows.get(0)[1], ExplorerWriter.DEFAULT_TOP_NODES);
    }

    /** Means over the runs of the ms since navigation start at which the index and the week were loaded and drawn. */
    private record Row(double index, double week, double mean, double min, double max, long bytesPerWeek) {
        void print(String label) {
            System.out.printf(Locale.US, "%-48s %9.0f %9.0f %9.0f %9.0f %9.0f %,12d%n", label, index, week, mean, min, max, bytesPerWeek);
        }
    }

    private static Row measure(HeadlessChromium browser, Path dir, int nodes, int links, int top, int runs) throws Exception {
        Files.createDirectories(dir);
        Path snapshot = dir.resolve("weeks.json");
        int exit = new CommandLine(new DexposureCli()).execute("generate", "--nodes", Integer.toString(nodes),
                "--links", Integer.toString(links), "--weeks", "2", "--no-scenarios", "--out", snapshot.toString(),
                "--mapping-out", dir.resolve("id_to_info.json").toString());
        if (exit != 0) {
            throw new IllegalStateException("generate failed: exit " + exit);
        }
        ReportData none = new ReportData("generated weeks (no result records)", List.of(), List.of(), List.of(), List.of(),
                List.of(), ReportData.CRISES);
        ExplorerWriter.Summary summary = new ExplorerWriter(none, ExplorerRecords.none(), top)
                .write(dir.resolve("report"), snapshot, new SnapshotReader.Options(null, null, NegativeTvlPolicy.REJECT),
                        ProtocolDirectory.load(dir.resolve("id_to_info.json")), line -> { });
        double sum = 0;
        double indexSum = 0;
        double weekSum = 0;
        double min = Double.MAX_VALUE;
        double max = 0;
        for (int run = 0; run < runs + 1; run++) {
            browser.driver.get("about:blank");
            browser.driver.get(summary.page().toUri().toString());
            browser.await("window.explorer && explorer.state.firstRenderMs != null || (window.explorer && explorer.state.errors.length)",
                    java.time.Duration.ofSeconds(60));
            Object errors = browser.js("return explorer.state.errors.join('; ')");
            if (!"".equals(errors)) {
                throw new IllegalStateException("page errors: " + errors);
            }
            double ms = ((Number) browser.js("return explorer.state.firstRenderMs")).doubleValue();
            if (run == 0) {
                continue; // warm-up: the first load also fills the disk cache
            }
            sum += ms;
            indexSum += ((Number) browser.js("return explorer.state.timings.index")).doubleValue();
            weekSum += ((Number) browser.js("return explorer.state.timings.week")).doubleValue();
            min = Math.min(min, ms);
            max = Math.max(max, ms);
        }
        return new Row(indexSum / runs, weekSum / runs, sum / runs, min, max, summary.meanWeekBytes());
    }
}
