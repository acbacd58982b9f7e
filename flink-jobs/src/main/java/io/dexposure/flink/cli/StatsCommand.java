package io.dexposure.flink.cli;

import io.dexposure.analytics.stats.SnapshotStatistics;
import io.dexposure.analytics.stats.StatisticsSummary;
import io.dexposure.replayer.cli.SnapshotReadOptions;
import io.dexposure.replayer.snapshot.SnapshotReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code stats}: streams a snapshot file (real or generated) and prints the figures real-data.md
 * publishes about the real files beside the published values, so a user with the real file sees how far
 * generated data is from it.
 */
@Command(name = "stats", mixinStandardHelpOptions = true,
        description = "Structure statistics of a snapshot file beside the published values of the real data: "
                + "weeks, mean nodes and links, link persistence, node overlap, token-node share, null-id nodes, "
                + "dropped and non-positive links, density, Gini of weighted degree and of PageRank, max PageRank, "
                + "HHI of weighted out-degree, the persistence baseline's AUROC/AUPRC (means over the last 29 weeks "
                + "and over all weeks). Definitions: SnapshotStatistics.")
public class StatsCommand implements Callable<Integer> {
    @Option(names = "--input", required = true, description = "Snapshot file (.json or .json.gz).")
    Path input;

    @Option(names = "--json", description = "Print one JSON object instead of the table (default: ${DEFAULT-VALUE}).")
    boolean json;

    @Mixin
    SnapshotReadOptions reading = new SnapshotReadOptions();

    @Override
    public Integer call() throws Exception {
        SnapshotStatistics statistics = new SnapshotStatistics();
        long start = System.nanoTime();
        int weeks = 0;
        try (SnapshotReader reader = SnapshotReader.open(input, reading.readerOptions())) {
            while (reader.hasNext()) {
                statistics.add(reader.next());
                weeks++;
                if (weeks % 10 == 0) {
                    System.err.printf("\rstats: %d weeks read, %.1f s", weeks, (System.nanoTime() - start) / 1e9);
                }
            }
        }
        System.err.printf("\rstats: %d weeks read, %.1f s%n", weeks, (System.nanoTime() - start) / 1e9);
        StatisticsSummary summary = new StatisticsSummary(statistics.weeks());
        System.out.print(json ? summary.json().toPrettyString() + System.lineSeparator() : summary.table());
        return 0;
    }
}
