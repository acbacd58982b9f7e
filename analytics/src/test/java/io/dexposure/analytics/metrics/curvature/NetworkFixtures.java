package io.dexposure.analytics.metrics.curvature;

import io.dexposure.analytics.network.WeeklyNetwork;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Test networks from resources. Format: {@code node ID} lines (node index = line order, which decides
 * GraphRicciCurvature's tie-breaks) and {@code link SOURCE TARGET WEIGHT} lines; {@code #} comments.
 * Expected-value files: {@code SOURCE TARGET VALUE} per line.
 */
public final class NetworkFixtures {
    public static final LocalDate WEEK = LocalDate.of(2022, 5, 9);

    private NetworkFixtures() {
    }

    public static WeeklyNetwork network(String resource) {
        WeeklyNetwork.WeeklyNetworkBuilder builder = WeeklyNetwork.builder(WEEK);
        for (String[] row : rows(resource)) {
            switch (row[0]) {
                case "node" -> builder.addNode(row[1], 1, null, null, null);
                case "link" -> builder.addLink(row[1], row[2], Double.parseDouble(row[3]));
                default -> throw new IllegalArgumentException(resource + ": unknown line " + String.join(" ", row));
            }
        }
        return builder.build();
    }

    /** Nodes 0..n-1 and the given links, each with weight 1 (both directions when {@code undirected}). */
    public static WeeklyNetwork unweighted(int nodes, List<String[]> edges, boolean undirected) {
        WeeklyNetwork.WeeklyNetworkBuilder builder = WeeklyNetwork.builder(WEEK);
        for (int v = 0; v < nodes; v++) {
            builder.addNode(Integer.toString(v), 1, null, null, null);
        }
        for (String[] e : edges) {
            builder.addLink(e[0], e[1], 1);
            if (undirected) {
                builder.addLink(e[1], e[0], 1);
            }
        }
        return builder.build();
    }

    /** Whitespace-separated rows of a resource, comments and blank lines left out. */
    public static List<String[]> rows(String resource) {
        List<String[]> rows = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(Objects.requireNonNull(
                NetworkFixtures.class.getResourceAsStream(resource), resource), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String trimmed = line.trim();
                if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
                    rows.add(trimmed.split("\\s+"));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    /** CSR position of the link source -> target, or -1. */
    public static int position(WeeklyNetwork network, String source, String target) {
        int s = network.indexOf(source);
        int t = network.indexOf(target);
        for (int p = network.outStart(s); p < network.outEnd(s); p++) {
            if (network.target(p) == t) {
                return p;
            }
        }
        return -1;
    }
}
