package io.dexposure.analytics.stats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dexposure.replayer.generate.CalibratedDatasetWriter;
import io.dexposure.replayer.generate.GeneratorSettings;
import io.dexposure.replayer.generate.SnapshotDatasetWriter;
import io.dexposure.replayer.generate.WeeklySizes;
import io.dexposure.replayer.snapshot.SnapshotReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The statistics of a small generated file against src/test/python/snapshot_stats_reference.py (NetworkX,
 * a different Gini formula), whose output is committed in golden/snapshot-stats-v2-seed7-300x1500.json.
 * The file is regenerated here with the same settings as the script's (`generate --nodes 300 --links 1500
 * --from 2022-05-02 --weeks 6 --seed 7`); the generator is byte-deterministic.
 */
class SnapshotStatisticsTest {
    @TempDir
    Path dir;

    @Test
    void everyWeeklyFigureMatchesTheNetworkXReference() throws IOException {
        Path file = dir.resolve("s.json");
        GeneratorSettings settings = GeneratorSettings.withDefaultScenarios(7,
                WeeklySizes.fixed(LocalDate.of(2022, 5, 2), 6, 300, 1500));
        CalibratedDatasetWriter.write(settings, file, dir.resolve("id_to_info.json"), dir.resolve("scenarios.json"),
                SnapshotDatasetWriter.Progress.NONE);
        SnapshotStatistics statistics = new SnapshotStatistics();
        try (SnapshotReader reader = SnapshotReader.open(file, SnapshotReader.Options.all())) {
            reader.forEachRemaining(statistics::add);
        }
        JsonNode golden;
        try (InputStream in = getClass().getResourceAsStream("/golden/snapshot-stats-v2-seed7-300x1500.json")) {
            golden = new ObjectMapper().readTree(in);
        }

        List<SnapshotStatistics.Week> weeks = statistics.weeks();
        assertThat(weeks).hasSize(golden.size());
        for (int i = 0; i < weeks.size(); i++) {
            SnapshotStatistics.Week w = weeks.get(i);
            JsonNode g = golden.get(i);
            assertThat(w.week()).hasToString(g.get("week").asText());
            assertThat(w.nodes()).isEqualTo(g.get("nodes").asInt());
            assertThat(w.links()).isEqualTo(g.get("links").asInt());
            assertThat(w.linkedNodes()).isEqualTo(g.get("linkedNodes").asInt());
            assertThat(w.tokenNodes()).isEqualTo(g.get("tokenNodes").asInt());
            assertThat(w.nonPositiveLinks()).isEqualTo(g.get("nonPositiveLinks").asInt());
            assertThat(w.nullIdLinks()).isEqualTo(g.get("nullIdLinks").asInt());
            assertThat(w.nullIdNodes()).isEqualTo(1);
            assertThat(w.density()).isCloseTo(g.get("density").asDouble(), within(1e-12));
            assertThat(w.giniWeightedDegree()).isCloseTo(g.get("giniWeightedDegree").asDouble(), within(1e-9));
            assertThat(w.hhiOutStrength()).isCloseTo(g.get("hhiOutStrength").asDouble(), within(1e-9));
            // PageRank: both stop at an L1 change below n x 1e-6, from slightly different iterates.
            assertThat(w.giniPageRank()).isCloseTo(g.get("giniPageRank").asDouble(), within(1e-4));
            assertThat(w.maxPageRank()).isCloseTo(g.get("maxPageRank").asDouble(), within(1e-5));
            assertThat(w.giniPageRankUndirected()).isCloseTo(g.get("giniPageRankUndirected").asDouble(), within(1e-4));
            assertThat(w.maxPageRankUndirected()).isCloseTo(g.get("maxPageRankUndirected").asDouble(), within(1e-5));
            if (i == 0) {
                assertThat(w.linkPersistence()).isNaN();
                continue;
            }
            assertThat(w.nodeOverlap()).isCloseTo(g.get("nodeOverlap").asDouble(), within(1e-12));
            assertThat(w.linkPersistence()).isCloseTo(g.get("linkPersistence").asDouble(), within(1e-12));
            assertThat(w.persistenceAuroc()).isCloseTo(g.get("persistenceAuroc").asDouble(), within(1e-12));
            assertThat(w.persistenceAuprc()).isCloseTo(g.get("persistenceAuprc").asDouble(), within(1e-12));
        }
        StatisticsSummary summary = new StatisticsSummary(weeks);
        JsonNode json = summary.json();
        assertThat(json.get("weeks").asInt()).isEqualTo(6);
        assertThat(json.get("nullIdNodes").asInt()).isEqualTo(6);
        double meanPersistence = 0;
        for (int i = 1; i < golden.size(); i++) {
            meanPersistence += golden.get(i).get("linkPersistence").asDouble() / (golden.size() - 1);
        }
        assertThat(json.get("linkPersistence").asDouble()).isCloseTo(meanPersistence, within(1e-12));
        for (String field : List.of("nodeOverlap", "tokenNodeShare", "nonPositiveLinks")) {
            assertThat(json.has(field)).as(field).isTrue();
        }
        assertThat(summary.table()).contains("link persistence", "~0.53", "0.986-0.995");
    }
}
