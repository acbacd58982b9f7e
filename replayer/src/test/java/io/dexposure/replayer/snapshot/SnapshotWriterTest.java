package io.dexposure.replayer.snapshot;

import io.dexposure.replayer.generate.ExposureNetworkGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Weeks written in the dataset's format read back through {@link SnapshotReader} as the same weeks. */
class SnapshotWriterTest {
    @TempDir
    Path dir;

    /** Awkward numbers, a wide composition (a hash map in the reader), a flipped link, a self-loop. */
    static WeekSnapshot handWrittenWeek(LocalDate week) {
        Map<String, Double> wide = new LinkedHashMap<>();
        for (int i = 0; i < 12; i++) {
            wide.put("TOKEN" + i, i * 0.1 + 1e-7);
        }
        wide.put("USDC", -30.0);
        List<SnapshotNode> nodes = List.of(
                new SnapshotNode("1599", 1.0E10, Map.of("USDT", 6.0E9, "WETH", 4.0E9)),
                new SnapshotNode("182", 123456789.123, wide),
                new SnapshotNode("parent#aave", 0.0, Map.of()),
                new SnapshotNode("USDT", 6.0E9, Map.of("USDT", 6.0E9)),
                new SnapshotNode("WETH", 4.0E9 + 0.5, Map.of("WETH", 4.0E9 + 0.5)),
                new SnapshotNode("USDC", 0.0, Map.of("USDC", 0.0)));
        List<SnapshotLink> links = List.of(
                new SnapshotLink("1599", "USDT", 6.0E9, Map.of("USDT", 6.0E9), false),
                new SnapshotLink("1599", "WETH", 4.0E9, Map.of("WETH", 4.0E9), false),
                new SnapshotLink("182", "182", 0.1, Map.of("TOKEN1", 0.1), false),
                new SnapshotLink("USDC", "182", 30.0, Map.of("USDC", 30.0), true),
                new SnapshotLink("182", "parent#aave", 1.0E-7, Map.of(), false));
        return new WeekSnapshot(week, nodes, links, 0, 1);
    }

    private static List<WeekSnapshot> readAll(Path file) throws Exception {
        List<WeekSnapshot> weeks = new ArrayList<>();
        // The writer writes a flipped link back as the file had it (negative, reversed): read under FLIP to round-trip.
        try (SnapshotReader reader = SnapshotReader.open(file,
                new SnapshotReader.Options(null, null, NegativeTvlPolicy.REJECT, NonPositiveLinkPolicy.FLIP))) {
            reader.forEachRemaining(weeks::add);
        }
        return weeks;
    }

    @Test
    void handWrittenWeeksReadBackEqual() throws Exception {
        List<WeekSnapshot> weeks = List.of(handWrittenWeek(LocalDate.of(2025, 8, 25)),
                handWrittenWeek(LocalDate.of(2025, 9, 1)));
        Path file = dir.resolve("pulled.json");

        try (SnapshotWriter writer = SnapshotWriter.create(file)) {
            for (WeekSnapshot week : weeks) {
                writer.writeWeek(week);
            }
            assertThat(writer.weeksWritten()).isEqualTo(2);
        }

        assertThat(readAll(file)).isEqualTo(weeks);
        String text = Files.readString(file);
        assertThat(text).startsWith("{\"data\":{\"2025-08-25\":{\"nodes\":[{\"id\":\"1599\",\"size\":10000000000.0,")
                .endsWith("}}\n")
                .doesNotContainPattern("\\d[eE][-+]?\\d"); // plain decimals only
        // the flipped link is stored as the file had it: the other way round, negative
        assertThat(text).contains("{\"source\":\"182\",\"target\":\"USDC\",\"size\":-30.0,\"composition\":{\"USDC\":-30.0}}");
    }

    @Test
    void aGeneratedRealScaleWeekReadsBackEqualAlsoGzipped() throws Exception {
        WeekSnapshot week = ExposureNetworkGenerator.singleWeek(11, 400, 2_000).toWeekSnapshot();
        Path file = dir.resolve("generated.json.gz");

        try (SnapshotWriter writer = SnapshotWriter.create(file)) {
            writer.writeWeek(week);
        }

        assertThat(readAll(file)).containsExactly(new WeekSnapshot(week.week(), week.nodes(), week.links(), 0,
                week.flippedLinks()));
    }

    @Test
    void weeksMustAscend() throws Exception {
        try (SnapshotWriter writer = SnapshotWriter.create(dir.resolve("x.json"))) {
            writer.writeWeek(handWrittenWeek(LocalDate.of(2025, 9, 1)));
            assertThatThrownBy(() -> writer.writeWeek(handWrittenWeek(LocalDate.of(2025, 9, 1))))
                    .hasMessageContaining("ascending order, but 2025-09-01 follows 2025-09-01");
        }
    }

    @Test
    void aNonFiniteNumberIsAnErrorNamingWeekAndField() throws Exception {
        WeekSnapshot bad = new WeekSnapshot(LocalDate.of(2025, 9, 1),
                List.of(new SnapshotNode("1", 5.0, Map.of("USDT", Double.NaN))), List.of(), 0, 0);
        try (SnapshotWriter writer = SnapshotWriter.create(dir.resolve("bad.json"))) {
            assertThatThrownBy(() -> writer.writeWeek(bad))
                    .hasMessage("week 2025-09-01, nodes[0].composition.USDT: NaN cannot be written (the format has "
                            + "finite numbers only)");
        }
    }

    @Test
    void numbersAreTheShortestPlainDecimal() {
        assertThat(SnapshotWriter.decimal(1.0E10, "w", "f")).isEqualTo("10000000000.0");
        assertThat(SnapshotWriter.decimal(3.0, "w", "f")).isEqualTo("3.0");
        assertThat(SnapshotWriter.decimal(0.1, "w", "f")).isEqualTo("0.1");
        assertThat(SnapshotWriter.decimal(1234.5, "w", "f")).isEqualTo("1234.5");
        assertThat(SnapshotWriter.decimal(1.0E-7, "w", "f")).isEqualTo("0.0000001");
        assertThat(SnapshotWriter.decimal(-2.5, "w", "f")).isEqualTo("-2.5");
        assertThat(SnapshotWriter.decimal(-0.0, "w", "f")).isEqualTo("0.0");
        assertThat(Double.parseDouble(SnapshotWriter.decimal(0.1 + 0.2, "w", "f"))).isEqualTo(0.1 + 0.2);
    }
}
