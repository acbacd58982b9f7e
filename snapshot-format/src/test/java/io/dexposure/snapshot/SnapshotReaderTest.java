package io.dexposure.snapshot;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

/** Well-formed input and the quirks the reader accepts. Malformed input: {@link SnapshotReaderMalformedInputTest}. */
class SnapshotReaderTest {
    /** Three weeks, shaped like networkx node_link_data output (extra directed/multigraph/graph keys). */
    private static final String THREE_WEEKS = """
            {"data": {
              "2022-05-02": {"directed": true, "multigraph": false, "graph": {},
                "nodes": [{"id": "1599", "size": 1000.5, "composition": {"USDT": 600.25, "WETH": 400.25}},
                          {"id": "USDT", "size": 50, "composition": {"USDT": 50}}],
                "links": [{"source": "1599", "target": "USDT", "size": 600.25, "composition": {"USDT": 600.25}}]},
              "2022-05-09": {"nodes": [{"id": "1599", "size": 900, "composition": {"USDT": 900}},
                                       {"id": "USDT", "size": 40}],
                             "links": []},
              "2022-05-16": {"nodes": [{"id": "1599", "size": 800}], "links": []}
            }}
            """;

    @TempDir
    Path dir;

    @Test
    void readsEveryWeekWithNodesLinksAndCompositionsInFileOrder() throws IOException {
        List<WeekSnapshot> weeks = readAll(write("three-weeks.json", THREE_WEEKS), SnapshotReader.Options.all());

        assertThat(weeks).extracting(WeekSnapshot::week).containsExactly(
                LocalDate.of(2022, 5, 2), LocalDate.of(2022, 5, 9), LocalDate.of(2022, 5, 16));
        WeekSnapshot first = weeks.get(0);
        assertThat(first.nodes()).containsExactly(
                new SnapshotNode("1599", 1000.5, Map.of("USDT", 600.25, "WETH", 400.25)),
                new SnapshotNode("USDT", 50, Map.of("USDT", 50.0)));
        assertThat(first.nodes().get(0).composition().keySet()).containsExactly("USDT", "WETH");
        assertThat(first.links()).containsExactly(
                new SnapshotLink("1599", "USDT", 600.25, Map.of("USDT", 600.25), false));
        assertThat(first.droppedLinks()).isZero();
        assertThat(first.flippedLinks()).isZero();
        assertThat(weeks.get(1).links()).isEmpty();
    }

    @Test
    void returnedWeeksAreUnmodifiable() throws IOException {
        WeekSnapshot week = readAll(write("three-weeks.json", THREE_WEEKS), SnapshotReader.Options.all()).get(0);

        assertThatThrownBy(() -> week.nodes().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> week.nodes().get(0).composition().put("DAI", 1.0))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void idsWrittenAsNumbersAreReadAsTheirText() throws IOException {
        Path file = write("numeric-ids.json", """
                {"data": {"2022-05-02": {
                  "nodes": [{"id": 1599, "size": 10}, {"id": "182", "size": 5}],
                  "links": [{"source": 1599, "target": 182, "size": 3}]}}}
                """);

        WeekSnapshot week = readAll(file, SnapshotReader.Options.all()).get(0);

        assertThat(week.nodes()).extracting(SnapshotNode::id).containsExactly("1599", "182");
        assertThat(week.links()).containsExactly(new SnapshotLink("1599", "182", 3, Map.of(), false));
    }

    @Test
    void missingOrNullCompositionIsEmpty() throws IOException {
        Path file = write("no-composition.json", """
                {"data": {"2022-05-02": {
                  "nodes": [{"id": "A", "size": 10}, {"id": "B", "size": 5, "composition": null},
                            {"id": "C", "size": 1, "composition": {}}],
                  "links": [{"source": "A", "target": "B", "size": 3, "composition": null},
                            {"source": "A", "target": "C", "size": 1}]}}}
                """);

        WeekSnapshot week = readAll(file, SnapshotReader.Options.all()).get(0);

        assertThat(week.nodes()).allSatisfy(node -> assertThat(node.composition()).isEmpty());
        assertThat(week.links()).allSatisfy(link -> assertThat(link.composition()).isEmpty());
    }

    @Test
    void unknownFieldsAnywhereAreSkipped() throws IOException {
        Path file = write("extra-fields.json", """
                {"version": 3, "meta": {"source": "defillama", "weeks": ["x", {"y": [1, 2]}]},
                 "data": {
                   "2022-05-02": {"graph": {"name": {"nested": [1, {"deep": null}]}}, "directed": true,
                     "nodes": [{"id": "A", "size": 10, "label": "Aave", "tags": ["lending"], "extra": {"k": [1]}},
                               {"size": 5, "kind": null, "id": "B"}],
                     "links": [{"key": 0, "weight": {"w": 1}, "source": "A", "target": "B", "size": 2}],
                     "stats": [1, 2, 3]}},
                 "trailer": {"checksum": "abc"}}
                """);

        WeekSnapshot week = readAll(file, SnapshotReader.Options.all()).get(0);

        assertThat(week.nodes()).extracting(SnapshotNode::id).containsExactly("A", "B");
        assertThat(week.links()).containsExactly(new SnapshotLink("A", "B", 2, Map.of(), false));
    }

    @Test
    void linksMayComeBeforeNodes() throws IOException {
        Path file = write("links-first.json", """
                {"data": {"2022-05-02": {
                  "links": [{"source": "A", "target": "B", "size": 2}, {"source": "B", "target": "A", "size": -1}],
                  "nodes": [{"id": "A", "size": 10}, {"id": "B", "size": 5}]}}}
                """);

        WeekSnapshot week = readAll(file, SnapshotReader.Options.all()).get(0);

        assertThat(week.nodes()).hasSize(2);
        assertThat(week.links()).containsExactly(
                new SnapshotLink("A", "B", 2, Map.of(), false),
                new SnapshotLink("A", "B", 1, Map.of(), true));
    }

    @Test
    void linkWithNullTargetOrSourceIsDroppedCountedAndWarnedOncePerWeek() throws IOException {
        Path file = write("null-endpoints.json", """
                {"data": {
                  "2022-05-02": {"nodes": [{"id": "A", "size": 10}, {"id": "B", "size": 5}],
                    "links": [{"source": "A", "target": null, "size": 2},
                              {"source": "A", "target": "B", "size": 1},
                              {"source": null, "target": "B", "size": 4},
                              {"source": "A", "target": null, "size": 7},
                              {"source": "NOT-A-NODE", "target": null, "size": 1}]},
                  "2022-05-09": {"nodes": [{"id": "A", "size": 10}], "links": []}}}
                """);
        List<String> warnings = new ArrayList<>();

        List<WeekSnapshot> weeks = readAll(file, SnapshotReader.Options.all(), warnings);

        assertThat(weeks.get(0).links()).containsExactly(new SnapshotLink("A", "B", 1, Map.of(), false));
        assertThat(weeks.get(0).droppedLinks()).isEqualTo(4);
        assertThat(weeks.get(1).droppedLinks()).isZero();
        assertThat(warnings).singleElement().asString()
                .contains("null-endpoints.json", "week 2022-05-02", "dropped 4 link(s)");
    }

    @Test
    void negativeLinkSizeIsTheReverseExposureWithTheMagnitude() throws IOException {
        Path file = write("negative-link.json", """
                {"data": {"2022-05-02": {
                  "nodes": [{"id": "A", "size": 10}, {"id": "B", "size": 5}],
                  "links": [{"source": "A", "target": "B", "size": -250.5,
                             "composition": {"USDC": -200.5, "DAI": -50}},
                            {"source": "B", "target": "A", "size": -1, "composition": {"WETH": -1}},
                            {"source": "A", "target": "B", "size": 3}]}}}
                """);

        WeekSnapshot week = readAll(file, SnapshotReader.Options.all()).get(0);

        assertThat(week.links()).containsExactly(
                new SnapshotLink("B", "A", 250.5, Map.of("USDC", 200.5, "DAI", 50.0), true),
                new SnapshotLink("A", "B", 1, Map.of("WETH", 1.0), true),
                new SnapshotLink("A", "B", 3, Map.of(), false));
        assertThat(week.links().get(0).composition().keySet()).containsExactly("USDC", "DAI");
        assertThat(week.flippedLinks()).isEqualTo(2);
    }

    @Test
    void zeroSizeLinksAreKept() throws IOException {
        Path file = write("zero-link.json", """
                {"data": {"2022-05-02": {
                  "nodes": [{"id": "A", "size": 0}, {"id": "B", "size": 5}],
                  "links": [{"source": "A", "target": "B", "size": 0}, {"source": "B", "target": "A", "size": -0.0}]}}}
                """);

        WeekSnapshot week = readAll(file, SnapshotReader.Options.all()).get(0);

        assertThat(week.links()).extracting(SnapshotLink::exposureUsd).containsExactly(0.0, 0.0);
        assertThat(week.links()).extracting(SnapshotLink::flipped).containsExactly(false, false);
        // -0.0 is read as +0.0, so equality and sorting downstream behave.
        assertThat(Double.doubleToRawLongBits(week.links().get(1).exposureUsd())).isZero();
    }

    @Test
    void negativeNodeSizeIsClampedToZeroWhenAskedAndWarnedOncePerWeek() throws IOException {
        Path file = write("negative-tvl.json", """
                {"data": {"2022-05-02": {
                  "nodes": [{"id": "A", "size": -10, "composition": {"USDT": -10}}, {"id": "B", "size": -0.5},
                            {"id": "C", "size": 3}],
                  "links": []}}}
                """);
        List<String> warnings = new ArrayList<>();

        WeekSnapshot week = readAll(file, new SnapshotReader.Options(null, null, NegativeTvlPolicy.CLAMP_TO_ZERO),
                warnings).get(0);

        assertThat(week.nodes()).extracting(SnapshotNode::tvlUsd).containsExactly(0.0, 0.0, 3.0);
        assertThat(week.nodes().get(0).composition()).containsExactly(entry("USDT", -10.0));
        assertThat(warnings).singleElement().asString()
                .contains("negative-tvl.json", "week 2022-05-02", "clamped 2 node(s)");
    }

    @Test
    void fromAndToAreInclusiveAndEitherMayBeOpen() throws IOException {
        Path file = write("three-weeks.json", THREE_WEEKS);
        LocalDate may2 = LocalDate.of(2022, 5, 2);
        LocalDate may9 = LocalDate.of(2022, 5, 9);
        LocalDate may16 = LocalDate.of(2022, 5, 16);

        assertThat(weeksOf(file, may9, may9)).containsExactly(may9);
        assertThat(weeksOf(file, may9, null)).containsExactly(may9, may16);
        assertThat(weeksOf(file, null, may9)).containsExactly(may2, may9);
        assertThat(weeksOf(file, LocalDate.of(2022, 5, 3), LocalDate.of(2022, 5, 20))).containsExactly(may9, may16);
    }

    @Test
    void readingStopsAtTheFirstWeekAfterTo() throws IOException {
        // Everything after the in-range week is garbage; with "to" set the reader never gets there.
        Path file = write("garbage-after-to.json", """
                {"data": {"2022-05-02": {"nodes": [], "links": []},
                          "2022-05-09": {"nodes": [}, this is not json
                """);

        assertThat(weeksOf(file, null, LocalDate.of(2022, 5, 2))).containsExactly(LocalDate.of(2022, 5, 2));
    }

    @Test
    void optionsRejectFromAfterTo() {
        assertThatThrownBy(() -> new SnapshotReader.Options(LocalDate.of(2022, 5, 9), LocalDate.of(2022, 5, 2),
                NegativeTvlPolicy.REJECT)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("after");
    }

    @Test
    void gzipFilesAreReadByTheirExtension() throws IOException {
        Path file = dir.resolve("three-weeks.json.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(THREE_WEEKS.getBytes(StandardCharsets.UTF_8));
        }

        try (SnapshotReader reader = SnapshotReader.open(file, SnapshotReader.Options.all())) {
            List<WeekSnapshot> weeks = new ArrayList<>();
            reader.forEachRemaining(weeks::add);

            assertThat(weeks).hasSize(3);
            assertThat(weeks.get(0).links()).hasSize(1);
            // Progress is in file bytes, so it ends at the compressed size.
            assertThat(reader.bytesRead()).isEqualTo(Files.size(file));
        }
    }

    @Test
    void bytesReadGrowsToTheFileSize() throws IOException {
        Path file = write("three-weeks.json", THREE_WEEKS);

        try (SnapshotReader reader = SnapshotReader.open(file, SnapshotReader.Options.all())) {
            assertThat(reader.file()).isEqualTo(file);
            reader.forEachRemaining(week -> { });
            assertThat(reader.bytesRead()).isEqualTo(Files.size(file));
        }
    }

    @Test
    void nextAfterTheLastWeekThrowsNoSuchElement() throws IOException {
        try (SnapshotReader reader = SnapshotReader.open(write("three-weeks.json", THREE_WEEKS),
                SnapshotReader.Options.all())) {
            reader.forEachRemaining(week -> { });

            assertThat(reader.hasNext()).isFalse();
            assertThatThrownBy(reader::next).isInstanceOf(NoSuchElementException.class);
        }
    }

    @Test
    void anEmptyDataObjectHasNoWeeks() throws IOException {
        assertThat(readAll(write("empty.json", "{\"data\": {}}"), SnapshotReader.Options.all())).isEmpty();
    }

    private List<LocalDate> weeksOf(Path file, LocalDate from, LocalDate to) throws IOException {
        return readAll(file, new SnapshotReader.Options(from, to, NegativeTvlPolicy.REJECT)).stream()
                .map(WeekSnapshot::week).toList();
    }

    private Path write(String name, String json) throws IOException {
        return Files.writeString(dir.resolve(name), json);
    }

    static List<WeekSnapshot> readAll(Path file, SnapshotReader.Options options) throws IOException {
        return readAll(file, options, new ArrayList<>());
    }

    static List<WeekSnapshot> readAll(Path file, SnapshotReader.Options options, List<String> warnings)
            throws IOException {
        List<WeekSnapshot> weeks = new ArrayList<>();
        try (SnapshotReader reader = SnapshotReader.open(file, options, warnings::add)) {
            reader.forEachRemaining(weeks::add);
        }
        return weeks;
    }
}
