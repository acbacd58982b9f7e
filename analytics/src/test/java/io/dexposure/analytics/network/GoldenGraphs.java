package io.dexposure.analytics.network;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** The reference graphs of ../shared/docs/references.md, read from test resources. */
public final class GoldenGraphs {
    private GoldenGraphs() {
    }

    /** The 78 undirected karate-club edges, in NetworkX's node numbering. */
    public static List<String[]> karateEdges() {
        List<String[]> edges = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(Objects.requireNonNull(
                GoldenGraphs.class.getResourceAsStream("/golden/karate.edges")), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    edges.add(line.trim().split("\\s+"));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return edges;
    }
}
