package io.dexposure.tools.explorer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dexposure.analytics.network.SnapshotNetworks;
import io.dexposure.analytics.network.WeeklyNetwork;
import io.dexposure.analytics.embedding.EmbeddingMap;
import io.dexposure.analytics.roland.RolandSettings;
import io.dexposure.tools.report.EmbeddingSource;
import io.dexposure.tools.report.ReportData;
import io.dexposure.snapshot.NegativeTvlPolicy;
import io.dexposure.snapshot.ProtocolDirectory;
import io.dexposure.snapshot.SnapshotReader;
import io.dexposure.snapshot.WeekSnapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The explorer's data files against the snapshot they were written from (no browser: see ExplorerBrowserTest). */
class ExplorerWriterTest {
    private static final Path SAMPLE = Path.of("../data/sample/dexposure-sample.json");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void weekFilesHoldTheSnapshotsNodesLinksAndSizes() throws IOException {
        SnapshotReader.Options options = new SnapshotReader.Options(LocalDate.parse("2022-05-02"), LocalDate.parse("2022-05-16"),
                NegativeTvlPolicy.REJECT);
        ProtocolDirectory directory = ProtocolDirectory.load(SAMPLE.resolveSibling("id_to_info.json"));
        ReportData none = new ReportData("test", List.of(), List.of(), List.of(), List.of(), List.of(), ReportData.CRISES);
        ExplorerWriter.Summary summary = new ExplorerWriter(none, ExplorerRecords.none(), 50)
                .write(dir, SAMPLE, options, directory, line -> { });

        List<WeeklyNetwork> networks = new ArrayList<>();
        try (SnapshotReader reader = SnapshotReader.open(SAMPLE, options)) {
            while (reader.hasNext()) {
                WeekSnapshot week = reader.next();
                networks.add(SnapshotNetworks.of(week, directory));
            }
        }
        assertThat(summary.weeks()).isEqualTo(networks.size()).isEqualTo(3);
        JsonNode index = data("index.js");
        assertThat(index.get("topNodes").asInt()).isEqualTo(50);
        JsonNode ids = index.get("nodes").get("id");
        Set<String> everyId = new HashSet<>();
        for (WeeklyNetwork network : networks) {
            JsonNode week = data("week-" + network.week() + ".js");
            JsonNode n = week.get("n");
            assertThat(n.size()).isEqualTo(network.nodeCount());
            assertThat(week.get("l").size()).isEqualTo(3 * network.linkCount());
            double totalTvl = 0;
            double largest = -1;
            int largestNode = -1;
            for (int i = 0; i < network.nodeCount(); i++) {
                assertThat(ids.get(n.get(i).asInt()).asText()).isEqualTo(network.id(i));
                assertThat(week.get("s").get(i).asLong()).isEqualTo(Math.round(network.tvlUsd(i)));
                everyId.add(network.id(i));
                totalTvl += network.tvlUsd(i);
                if (network.tvlUsd(i) > largest) {
                    largest = network.tvlUsd(i);
                    largestNode = i;
                }
            }
            assertThat(totalTvl).isPositive();
            // Without result records the order falls back to size: the largest node first.
            assertThat(week.get("o").get(0).asInt()).isEqualTo(largestNode);
            Set<Integer> order = new HashSet<>();
            week.get("o").forEach(o -> order.add(o.asInt()));
            assertThat(order).hasSize(network.nodeCount());
            // Links as the network has them: same endpoints and USD, in CSR order.
            int k = 0;
            double flows = 0;
            for (int i = 0; i < network.nodeCount(); i++) {
                for (int p = network.outStart(i); p < network.outEnd(i); p++, k += 3) {
                    assertThat(week.get("l").get(k).asInt()).isEqualTo(i);
                    assertThat(week.get("l").get(k + 1).asInt()).isEqualTo(network.target(p));
                    assertThat(week.get("l").get(k + 2).asLong()).isEqualTo(Math.round(network.weight(p)));
                    flows += network.weight(p);
                }
            }
            double sankey = 0;
            for (JsonNode f : week.get("f")) {
                sankey += f.get(2).asDouble();
            }
            assertThat(sankey).isCloseTo(flows, org.assertj.core.data.Offset.offset(week.get("f").size() * 1.0));
        }
        assertThat(ids.size()).isEqualTo(everyId.size());
        assertThat(Files.size(dir.resolve("explorer/echarts.min.js"))).isGreaterThan(500_000);
        assertThat(dir.resolve("explorer.html")).exists();
        assertThat(dir.resolve("crisis-terra.html")).content().contains("data-crisis=\"terra\"").doesNotContain("{{");
    }

    @Test
    void withRolandAsTheMapsSourceEveryWeekGetsAMapOfItsNodesEmbeddings() throws IOException {
        SnapshotReader.Options options = new SnapshotReader.Options(null, LocalDate.parse("2022-05-02"), NegativeTvlPolicy.REJECT);
        ProtocolDirectory directory = ProtocolDirectory.load(SAMPLE.resolveSibling("id_to_info.json"));
        ReportData none = new ReportData("test", List.of(), List.of(), List.of(), List.of(), List.of(), ReportData.CRISES);
        RolandSettings small = new RolandSettings();
        small.preprocessSizes = new int[] {16, 8};
        small.gnnSizes = new int[] {8, 4};
        ExplorerWriter writer = new ExplorerWriter(none, ExplorerRecords.none(), 50, EmbeddingMap.Settings.defaults().withIterations(300),
                EmbeddingSource.roland(SAMPLE, options, directory, small));
        ExplorerWriter.Summary summary = writer.write(dir, SAMPLE, options, directory, line -> { });
        // No per-node records at all: the maps come from ROLAND alone, one per week.
        assertThat(summary.weeks()).isEqualTo(3);
        assertThat(writer.maps()).isEqualTo(3);
        try (SnapshotReader reader = SnapshotReader.open(SAMPLE, options)) {
            while (reader.hasNext()) {
                WeeklyNetwork network = SnapshotNetworks.of(reader.next(), directory);
                JsonNode m = data("week-" + network.week() + ".js").get("m");
                assertThat(m.get("input").asText()).isEqualTo("ROLAND embeddings");
                assertThat(m.get("method").asText()).isEqualTo("TSNE");
                assertThat(m.get("methodLabel").asText()).isEqualTo("exact t-SNE");
                // Every node of the week, once, at finite coordinates.
                Set<Integer> local = new HashSet<>();
                m.get("i").forEach(i -> local.add(i.asInt()));
                assertThat(local).hasSize(network.nodeCount()).allMatch(i -> i >= 0 && i < network.nodeCount());
                m.get("x").forEach(x -> assertThat(Double.isFinite(x.asDouble())).isTrue());
                m.get("y").forEach(y -> assertThat(Double.isFinite(y.asDouble())).isTrue());
                assertThat(m.get("clusters").asInt()).isPositive();
            }
        }
    }

    @Test
    void aNodeKeepsItsPlaceAndKindWhateverTheWeek() {
        StableLayout layout = new StableLayout(List.of("Dexes", "Lending", "Token nodes"));
        double[] a = layout.position("294", "Lending");
        assertThat(new StableLayout(List.of("Dexes", "Lending", "Token nodes")).position("294", "Lending")).containsExactly(a);
        // Inside its group's disc, whose centre is on the ring.
        double angle = 2 * Math.PI / 3 - Math.PI / 2;
        double dx = a[0] - StableLayout.ASPECT * StableLayout.RING_RADIUS * Math.cos(angle);
        double dy = a[1] - StableLayout.RING_RADIUS * Math.sin(angle);
        assertThat(Math.hypot(dx, dy)).isLessThanOrEqualTo(StableLayout.GROUP_RADIUS + 0.1);
        assertThat(layout.position("295", "Lending")).isNotEqualTo(a);

        assertThat(ExplorerWriter.kindOf("294")).isEqualTo("protocol");
        assertThat(ExplorerWriter.kindOf("UST")).isEqualTo("token");
        assertThat(ExplorerWriter.kindOf("USD0++")).isEqualTo("token");
        assertThat(ExplorerWriter.kindOf("LP")).isEqualTo("bucket");
        assertThat(ExplorerWriter.kindOf("None")).isEqualTo("unresolved");
    }

    private JsonNode data(String file) throws IOException {
        String text = Files.readString(dir.resolve("explorer/data").resolve(file), StandardCharsets.UTF_8);
        return JSON.readTree(text.substring(text.indexOf(',') + 1, text.lastIndexOf(')')));
    }
}
