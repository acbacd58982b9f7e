package io.dexposure.replayer.snapshot;

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

        // FLIP: the negative link is kept reversed (the default, DROP, would leave it out).
        WeekSnapshot week = readAll(file, new SnapshotReader.Options(null, null, NegativeTvlPolicy.REJECT, NonPositiveLinkPolicy.FLIP)).get(0);

        assertThat(week.nodes()).hasSize(2);
        assertThat(week.links()).containsExactly(
                new SnapshotLink("A", "B", 2, Map.of(), false),
                new SnapshotLink("A", "B", 1, Map.of(), true));
    }

    @Test
    void linkWithNullTargetOrSourceAttachesToTheUnresolvedNodeCountedAndWarnedOncePerWeek() throws IOException {
        // Rule changed by issue 13: null endpoints used to be dropped; they are real exposure to an
        // unresolved issuer, so they now attach to the one node "None", added when the file lists none.
        Path file = write("null-endpoints.json", """
                {"data": {
                  "2022-05-02": {"nodes": [{"id": "A", "size": 10}, {"id": "B", "size": 5}],
                    "links": [{"source": "A", "target": null, "size": 2},
                              {"source": "A", "target": "B", "size": 1},
                              {"source": null, "target": "B", "size": 4},
                              {"source": "A", "target": "None", "size": 7},
                              {"source": null, "target": null, "size": 1}]},
                  "2022-05-09": {"nodes": [{"id": "A", "size": 10}], "links": []}}}
                """);
        List<String> warnings = new ArrayList<>();

        List<WeekSnapshot> weeks = readAll(file, SnapshotReader.Options.all(), warnings);

        WeekSnapshot first = weeks.get(0);
        assertThat(first.links()).containsExactly(new SnapshotLink("A", "None", 2, Map.of(), false),
                new SnapshotLink("A", "B", 1, Map.of(), false), new SnapshotLink("None", "B", 4, Map.of(), false),
                new SnapshotLink("A", "None", 7, Map.of(), false));
        // The added node's size is what is held of it, like a token node's.
        assertThat(first.nodes()).extracting(SnapshotNode::id).containsExactly("A", "B", "None");
        assertThat(first.nodes().get(2).tvlUsd()).isEqualTo(9.0);
        assertThat(first.nullIdLinks()).isEqualTo(4);
        assertThat(first.nullIdNodes()).isZero();
        // None -> None says nothing about exposure.
        assertThat(first.droppedLinks()).isEqualTo(1);
        assertThat(weeks.get(1).nullIdLinks()).isZero();
        assertThat(weeks.get(1).nodes()).extracting(SnapshotNode::id).containsExactly("A");
        assertThat(warnings).singleElement().asString()
                .contains("null-endpoints.json", "week 2022-05-02", "dropped 1 link(s)", "4 link endpoint(s)");
    }

    @Test
    void nodesWithANullOrNoneIdAreMergedIntoOneUnresolvedNode() throws IOException {
        Path file = write("null-nodes.json", """
                {"data": {"2022-05-02": {
                  "links": [{"source": "A", "target": null, "size": 3}, {"source": "None", "target": "A", "size": 2}],
                  "nodes": [{"id": "A", "size": 10}, {"id": null, "size": 5, "composition": {"X": 5}},
                            {"id": "None", "size": 1, "composition": {"X": 0.5, "Y": 0.5}}]}}}
                """);

        WeekSnapshot week = readAll(file, SnapshotReader.Options.all()).get(0);

        assertThat(week.nodes()).extracting(SnapshotNode::id).containsExactly("A", "None");
        assertThat(week.nodes().get(1).tvlUsd()).isEqualTo(6.0);
        assertThat(week.nodes().get(1).composition()).containsExactly(entry("X", 5.5), entry("Y", 0.5));
        assertThat(week.links()).containsExactly(new SnapshotLink("A", "None", 3, Map.of(), false),
                new SnapshotLink("None", "A", 2, Map.of(), false));
        assertThat(week.nullIdNodes()).isEqualTo(2);
        assertThat(week.nullIdLinks()).isEqualTo(2);
        assertThat(io.dexposure.events.NodeKind.classify("None")).isEqualTo(io.dexposure.events.NodeKind.UNRESOLVED);
    }

    @Test
    void nonPositiveLinksAreDroppedByDefaultAndCountedUnderEitherRule() throws IOException {
        Path file = write("non-positive.json", """
                {"data": {"2022-05-02": {
                  "nodes": [{"id": "A", "size": 10}, {"id": "B", "size": 5}],
                  "links": [{"source": "A", "target": "B", "size": -2}, {"source": "A", "target": "B", "size": 0},
                            {"source": "B", "target": "A", "size": 4}, {"source": null, "target": "A", "size": -1}]}}}
                """);

        WeekSnapshot dropped = readAll(file, SnapshotReader.Options.all()).get(0);
        WeekSnapshot flipped = readAll(file, new SnapshotReader.Options(null, null, NegativeTvlPolicy.REJECT, NonPositiveLinkPolicy.FLIP)).get(0);

        assertThat(dropped.links()).containsExactly(new SnapshotLink("B", "A", 4, Map.of(), false));
        assertThat(dropped.nonPositiveLinks()).isEqualTo(3);
        assertThat(dropped.droppedLinks()).isEqualTo(3);
        assertThat(dropped.flippedLinks()).isZero();
        // The null-endpoint link is counted though dropped; no "None" node is added for a dropped link.
        assertThat(dropped.nullIdLinks()).isEqualTo(1);
        assertThat(dropped.nodes()).extracting(SnapshotNode::id).containsExactly("A", "B");

        assertThat(flipped.links()).containsExactly(new SnapshotLink("B", "A", 2, Map.of(), true),
                new SnapshotLink("A", "B", 0, Map.of(), false), new SnapshotLink("B", "A", 4, Map.of(), false),
                new SnapshotLink("A", "None", 1, Map.of(), true));
        assertThat(flipped.nonPositiveLinks()).isEqualTo(3);
        assertThat(flipped.droppedLinks()).isZero();
        assertThat(flipped.flippedLinks()).isEqualTo(2);
        assertThat(flipped.nodes()).extracting(SnapshotNode::id).containsExactly("A", "B", "None");
    }

    @Test
    void aWeekThatIsNotAMondayIsAnErrorNamingTheWeekday() throws IOException {
        Path file = write("tuesday.json", """
                {"data": {"2022-05-03": {"nodes": [{"id": "A", "size": 1}], "links": []}}}
                """);

        assertThatThrownBy(() -> readAll(file, SnapshotReader.Options.all()))
                .isInstanceOf(SnapshotFormatException.class)
                .hasMessageContaining("week 2022-05-03 is a Tuesday; weeks must be Mondays")
                .hasMessageContaining("e.g. 2022-05-02");
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

        WeekSnapshot week = readAll(file, new SnapshotReader.Options(null, null, NegativeTvlPolicy.REJECT, NonPositiveLinkPolicy.FLIP)).get(0);

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

        // Kept under FLIP only (the default, DROP, leaves size <= 0 out as the authors' loaders do).
        WeekSnapshot week = readAll(file, new SnapshotReader.Options(null, null, NegativeTvlPolicy.REJECT, NonPositiveLinkPolicy.FLIP)).get(0);

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
