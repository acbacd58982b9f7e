package io.dexposure.replayer.snapshot;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Random;

/**
 * Writes a large snapshot file in the dataset's format, streaming, from a seed: the same seed gives the
 * same bytes. Weeks are about the size of the dataset's largest (~11k nodes, ~75k links) and carry the
 * quirks the reader accepts (numeric ids, null targets, negative link sizes, extra networkx keys, links
 * before nodes in odd weeks), so the file exercises the reader's slow paths as well as its fast one.
 */
final class SyntheticSnapshotFile {
    private static final String[] BUCKETS = {"USDT", "USDC", "WETH", "WBTC", "DAI", "LP", "UNKNOWN", "OTHER"};
    private static final int TOKEN_SYMBOLS = 400;

    /** What a correct reader must report for the file. */
    record Expected(int weeks, long nodes, long keptLinks, long droppedLinks, long flippedLinks, double exposureUsd,
                    long bytes) {
    }

    private final Random random;
    private final Writer out;
    private long nodes;
    private long keptLinks;
    private long droppedLinks;
    private long flippedLinks;
    private double exposureUsd;

    private SyntheticSnapshotFile(long seed, Writer out) {
        this.random = new Random(seed);
        this.out = out;
    }

    static Expected write(Path file, long seed, int weeks, int nodesPerWeek, int linksPerWeek) throws IOException {
        SyntheticSnapshotFile writer;
        try (BufferedWriter out = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16)) {
            writer = new SyntheticSnapshotFile(seed, out);
            writer.writeFile(weeks, nodesPerWeek, linksPerWeek);
        }
        return new Expected(weeks, writer.nodes, writer.keptLinks, writer.droppedLinks, writer.flippedLinks,
                writer.exposureUsd, Files.size(file));
    }

    private void writeFile(int weeks, int nodesPerWeek, int linksPerWeek) throws IOException {
        LocalDate week = LocalDate.of(2022, 1, 3);
        out.write("{\"data\": {");
        for (int w = 0; w < weeks; w++, week = week.plusWeeks(1)) {
            if (w > 0) {
                out.write(", ");
            }
            int nodeCount = nodesPerWeek - random.nextInt(nodesPerWeek / 20 + 1);
            int linkCount = linksPerWeek - random.nextInt(linksPerWeek / 20 + 1);
            out.write("\"" + week + "\": {\"directed\": true, \"multigraph\": false, \"graph\": {}, ");
            if (w % 2 == 0) {
                writeNodes(nodeCount);
                out.write(", ");
                writeLinks(nodeCount, linkCount);
            } else {
                writeLinks(nodeCount, linkCount);
                out.write(", ");
                writeNodes(nodeCount);
            }
            out.write('}');
        }
        out.write("}}");
    }

    /** Node i is a token bucket for i below the bucket count, else protocol id i (as a number now and then). */
    private String nodeId(int index) {
        if (index < BUCKETS.length) {
            return '"' + BUCKETS[index] + '"';
        }
        String id = Integer.toString(1000 + index);
        return index % 17 == 0 ? id : '"' + id + '"';
    }

    private void writeNodes(int count) throws IOException {
        out.write("\"nodes\": [");
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                out.write(", ");
            }
            double tvl = random.nextDouble() * 1e8;
            out.write("{\"id\": " + nodeId(i) + ", \"size\": " + tvl + ", \"composition\": ");
            writeComposition(tvl, 1 + random.nextInt(4), 1);
            out.write('}');
        }
        out.write(']');
        nodes += count;
    }

    private void writeLinks(int nodeCount, int count) throws IOException {
        out.write("\"links\": [");
        int nullTargets = 0;
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                out.write(", ");
            }
            String source = nodeId(BUCKETS.length + random.nextInt(nodeCount - BUCKETS.length));
            int roll = random.nextInt(1000);
            String target = roll < 5 ? "null" : nodeId(random.nextInt(nodeCount));
            double magnitude = random.nextDouble() * 1e6;
            double sign = roll >= 5 && roll < 15 ? -1 : 1;
            out.write("{\"source\": " + source + ", \"target\": " + target + ", \"size\": " + sign * magnitude
                    + ", \"composition\": ");
            writeComposition(magnitude, 1 + random.nextInt(3), sign);
            out.write('}');
            // The reader's default rules: a null target attaches to the unresolved node "None" (which it adds
            // to the week once), a negative size is dropped.
            if (sign < 0) {
                droppedLinks++;
            } else {
                keptLinks++;
                exposureUsd += magnitude;
                nullTargets += roll < 5 ? 1 : 0;
            }
        }
        out.write(']');
        nodes += nullTargets > 0 ? 1 : 0;
    }

    private void writeComposition(double total, int tokens, double sign) throws IOException {
        out.write('{');
        for (int t = 0; t < tokens; t++) {
            if (t > 0) {
                out.write(", ");
            }
            // Symbol t is TOK(t mod 4), so the symbols of one composition are distinct.
            String symbol = t == 0 && random.nextBoolean() ? BUCKETS[random.nextInt(BUCKETS.length)]
                    : "TOK" + (t + random.nextInt(TOKEN_SYMBOLS) * 4);
            out.write("\"" + symbol + "\": " + sign * total / tokens);
        }
        out.write('}');
    }
}
