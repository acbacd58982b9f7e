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
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Every malformed case must name the file, the week and the field, with the parser position. */
class SnapshotReaderMalformedInputTest {
    private static final String TWO_NODES = "\"nodes\": [{\"id\": \"A\", \"size\": 10}, {\"id\": \"B\", \"size\": 5}]";

    @TempDir
    Path dir;

    @Test
    void nonNumericLinkSizeNamesFileWeekFieldValueAndPosition() throws IOException {
        Path file = write("sample.json", """
                {"data": {"2022-05-09": {%s,
                  "links": [{"source": "A", "target": "B", "size": 1},
                            {"source": "A", "target": "B", "size": "abc"}]}}}
                """.formatted(TWO_NODES));

        SnapshotFormatException e = readExpectingError(file);

        assertThat(e.file()).isEqualTo(file);
        assertThat(e.week()).isEqualTo("2022-05-09");
        assertThat(e.field()).isEqualTo("links[1].size");
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.column()).isEqualTo(52);
        assertThat(e).hasMessage(file + ", week 2022-05-09, links[1].size: expected a number, got \"abc\""
                + " (line 3, column 52)");
    }

    @Test
    void invalidJsonIsReportedWithItsPosition() throws IOException {
        Path file = write("broken.json", """
                {"data": {"2022-05-09": {%s,
                  "links": [{"source": "A" "target": "B", "size": 1}]}}}
                """.formatted(TWO_NODES));

        SnapshotFormatException e = readExpectingError(file);

        assertThat(e.week()).isEqualTo("2022-05-09");
        assertThat(e.field()).isEqualTo("links[0].source");
        assertThat(e.line()).isEqualTo(2);
        assertThat(e).hasMessageContaining("broken.json").hasMessageContaining("invalid JSON")
                .hasMessageContaining("(line 2, column");
        assertThat(e.getCause()).isInstanceOf(com.fasterxml.jackson.core.JsonParseException.class);
    }

    @Test
    void truncatedFileIsReportedAsSuch() throws IOException {
        Path file = write("truncated.json", """
                {"data": {"2022-05-02": {%s, "links": []},
                          "2022-05-09": {%s, "links": [{"source": "A", "target": "B", "size": 1},
                """.formatted(TWO_NODES, TWO_NODES));

        List<WeekSnapshot> returned = new ArrayList<>();
        SnapshotFormatException e = readExpectingError(file, SnapshotReader.Options.all(), returned);

        assertThat(returned).extracting(WeekSnapshot::week).containsExactly(LocalDate.of(2022, 5, 2));
        assertThat(e.week()).isEqualTo("2022-05-09");
        assertThat(e.field()).startsWith("links");
        assertThat(e).hasMessageContaining("truncated.json").hasMessageContaining("truncated?");
    }

    @Test
    void truncatedGzipFileIsReportedAsSuch() throws IOException {
        StringBuilder json = new StringBuilder("{\"data\": {");
        // 28 Mondays from 2022-01-03 (week keys must be Mondays).
        java.time.LocalDate monday = java.time.LocalDate.of(2022, 1, 3);
        for (int w = 0; w < 28; w++, monday = monday.plusWeeks(1)) {
            json.append(w > 0 ? ", " : "").append("\"%s\": {%s, \"links\": []}".formatted(monday, TWO_NODES));
        }
        json.append("}}");
        byte[] gzip = gzip(json.toString());
        Path file = dir.resolve("cut.json.gz");
        Files.write(file, Arrays.copyOf(gzip, gzip.length / 2));

        SnapshotFormatException e = readExpectingError(file);

        assertThat(e.file()).isEqualTo(file);
        assertThat(e).hasMessageContaining("cut.json.gz");
        assertThat(e.getMessage()).containsAnyOf("truncated or corrupt gzip", "truncated?");
    }

    @Test
    void aGzNameOnAPlainFileIsReportedAsNotGzip() throws IOException {
        Path file = write("plain.json.gz", "{\"data\": {}}");

        assertThatThrownBy(() -> SnapshotReader.open(file, SnapshotReader.Options.all()))
                .isInstanceOf(SnapshotFormatException.class).hasMessageContaining("plain.json.gz")
                .hasMessageContaining("not a gzip file");
    }

    @Test
    void fileWithoutTopLevelDataIsRejected() throws IOException {
        Path file = write("no-data.json", "{\"weeks\": {\"2022-05-09\": {}}, \"meta\": 1}");

        SnapshotFormatException e = readExpectingError(file);

        assertThat(e.week()).isNull();
        assertThat(e.field()).isEqualTo("data");
        assertThat(e).hasMessageContaining("no-data.json").hasMessageContaining("no top-level \"data\" object");
    }

    @Test
    void dataThatIsNotAnObjectIsRejected() throws IOException {
        SnapshotFormatException e = readExpectingError(write("data-array.json", "{\"data\": [1, 2]}"));

        assertThat(e.field()).isEqualTo("data");
        assertThat(e).hasMessageContaining("got an array");
    }

    @Test
    void topLevelThatIsNotAnObjectIsRejected() throws IOException {
        SnapshotFormatException e = readExpectingError(write("array.json", "[{\"data\": {}}]"));

        assertThat(e.field()).isEqualTo("(top level)");
        assertThat(e).hasMessageContaining("array.json").hasMessageContaining("got an array");
    }

    @Test
    void weekKeyThatIsNotAnIsoDateIsRejected() throws IOException {
        Path file = write("bad-key.json", """
                {"data": {"2022-05-02": {"nodes": [], "links": []}, "2022-5-9": {"nodes": [], "links": []}}}
                """);

        SnapshotFormatException e = readExpectingError(file);

        assertThat(e.week()).isEqualTo("2022-5-9");
        assertThat(e.field()).isEqualTo("data");
        assertThat(e).hasMessageContaining("bad-key.json").hasMessageContaining("not an ISO date (YYYY-MM-DD)")
                .hasMessageContaining("line 1");
    }

    @Test
    void duplicateWeekIsRejectedNamingBoth() throws IOException {
        Path file = write("duplicate-week.json", """
                {"data": {"2022-05-02": {"nodes": [], "links": []}, "2022-05-02": {"nodes": [], "links": []}}}
                """);

        List<WeekSnapshot> returned = new ArrayList<>();
        SnapshotFormatException e = readExpectingError(file, SnapshotReader.Options.all(), returned);

        assertThat(returned).hasSize(1);
        assertThat(e.week()).isEqualTo("2022-05-02");
        assertThat(e).hasMessageContaining("duplicate week 2022-05-02").hasMessageContaining("strictly ascending");
    }

    @Test
    void weekOutOfOrderIsRejectedNamingBoth() throws IOException {
        Path file = write("unordered.json", """
                {"data": {"2022-05-09": {"nodes": [], "links": []}, "2022-05-02": {"nodes": [], "links": []}}}
                """);

        SnapshotFormatException e = readExpectingError(file);

        assertThat(e.week()).isEqualTo("2022-05-02");
        assertThat(e).hasMessageContaining("week 2022-05-02 comes after week 2022-05-09");
    }

    @Test
    void weeksOutOfOrderAreRejectedEvenWhenOutsideTheRange() throws IOException {
        Path file = write("unordered-skipped.json", """
                {"data": {"2022-05-09": {"nodes": [], "links": []}, "2022-05-02": {"nodes": [], "links": []},
                          "2022-05-16": {"nodes": [], "links": []}}}
                """);

        SnapshotFormatException e = readExpectingError(file,
                new SnapshotReader.Options(LocalDate.of(2022, 5, 16), null, NegativeTvlPolicy.REJECT), new ArrayList<>());

        assertThat(e).hasMessageContaining("week 2022-05-02 comes after week 2022-05-09");
    }

    @Test
    void nullNodeSizeIsRejected() throws IOException {
        SnapshotFormatException e = readExpectingError(write("null-node-size.json", """
                {"data": {"2022-05-09": {"nodes": [{"id": "A", "size": 1}, {"id": "B", "size": null}], "links": []}}}
                """));

        assertThat(e.field()).isEqualTo("nodes[1].size");
        assertThat(e).hasMessageContaining("expected a number, got null");
    }

    @Test
    void missingNodeSizeIsRejected() throws IOException {
        SnapshotFormatException e = readExpectingError(write("no-node-size.json", """
                {"data": {"2022-05-09": {"nodes": [{"id": "A"}], "links": []}}}
                """));

        assertThat(e.field()).isEqualTo("nodes[0].size");
        assertThat(e).hasMessageContaining("missing");
    }

    @Test
    void nullLinkSizeIsRejected() throws IOException {
        SnapshotFormatException e = readExpectingError(write("null-link-size.json", """
                {"data": {"2022-05-09": {%s, "links": [{"source": "A", "target": "B", "size": null}]}}}
                """.formatted(TWO_NODES)));

        assertThat(e.field()).isEqualTo("links[0].size");
        assertThat(e).hasMessageContaining("expected a number, got null");
    }

    @Test
    void nonFiniteSizeIsRejected() throws IOException {
        // Python's json module writes NaN and Infinity as bare words.
        SnapshotFormatException e = readExpectingError(write("nan.json", """
                {"data": {"2022-05-09": {"nodes": [{"id": "A", "size": NaN}], "links": []}}}
                """));

        assertThat(e.field()).isEqualTo("nodes[0].size");
        assertThat(e).hasMessageContaining("expected a finite number, got NaN");
    }

    @Test
    void nonNumericCompositionValueIsRejected() throws IOException {
        SnapshotFormatException e = readExpectingError(write("bad-composition.json", """
                {"data": {"2022-05-09": {"nodes": [{"id": "A", "size": 1, "composition": {"USDT": 1, "WETH": "lots"}}],
                  "links": []}}}
                """));

        assertThat(e.week()).isEqualTo("2022-05-09");
        assertThat(e.field()).isEqualTo("nodes[0].composition.WETH");
        assertThat(e).hasMessageContaining("expected a number, got \"lots\"");
    }

    @Test
    void compositionThatIsNotAnObjectIsRejected() throws IOException {
        SnapshotFormatException e = readExpectingError(write("composition-array.json", """
                {"data": {"2022-05-09": {%s, "links": [{"source": "A", "target": "B", "size": 1, "composition": [1]}]}}}
                """.formatted(TWO_NODES)));

        assertThat(e.field()).isEqualTo("links[0].composition");
        assertThat(e).hasMessageContaining("got an array");
    }

    @Test
    void duplicateCompositionTokenIsRejected() throws IOException {
        SnapshotFormatException e = readExpectingError(write("duplicate-token.json", """
                {"data": {"2022-05-09": {"nodes": [{"id": "A", "size": 2, "composition": {"USDT": 1, "USDT": 1}}],
                  "links": []}}}
                """));

        assertThat(e.field()).isEqualTo("nodes[0].composition.USDT");
        assertThat(e).hasMessageContaining("appears twice");
    }

    @Test
    void nodeWithoutIdIsRejected() throws IOException {
        SnapshotFormatException e = readExpectingError(write("no-id.json", """
                {"data": {"2022-05-09": {"nodes": [{"id": "A", "size": 1}, {"size": 2, "composition": {}}],
                  "links": []}}}
                """));

        assertThat(e.week()).isEqualTo("2022-05-09");
        assertThat(e.field()).isEqualTo("nodes[1].id");
        assertThat(e).hasMessageContaining("missing");
    }

    @Test
    void aSecondIdInANodeIsRejectedEvenWhenTheFirstWasNull() throws IOException {
        // A null id is no longer an error (issue 13: it is the unresolved node "None"); two ids still are.
        SnapshotFormatException e = readExpectingError(write("null-id.json", """
                {"data": {"2022-05-09": {"nodes": [{"id": null, "id": "A", "size": 1}], "links": []}}}
                """));

        assertThat(e.field()).isEqualTo("nodes[0].id");
        assertThat(e).hasMessageContaining("a second id in the same node");
    }

    @Test
    void nodeIdThatIsNeitherStringNorIntegerIsRejected() throws IOException {
        SnapshotFormatException e = readExpectingError(write("float-id.json", """
                {"data": {"2022-05-09": {"nodes": [{"id": 1599.5, "size": 1}], "links": []}}}
                """));

        assertThat(e.field()).isEqualTo("nodes[0].id");
        assertThat(e).hasMessageContaining("expected a string or integer id, got 1599.5");
    }

    @Test
    void duplicateNodeIdIsRejected() throws IOException {
        SnapshotFormatException e = readExpectingError(write("duplicate-node.json", """
                {"data": {"2022-05-09": {"nodes": [{"id": "1599", "size": 1}, {"id": "USDT", "size": 1},
                  {"id": 1599, "size": 2}], "links": []}}}
                """));

        assertThat(e.field()).isEqualTo("nodes[2].id");
        assertThat(e).hasMessageContaining("duplicate node id \"1599\" (also nodes[0])");
    }

    @Test
    void linkToAnUnknownTargetIsRejectedQuotingTheId() throws IOException {
        SnapshotFormatException e = readExpectingError(write("unknown-target.json", """
                {"data": {"2022-05-09": {%s,
                  "links": [{"source": "A", "target": "B", "size": 1}, {"source": "A", "target": "Z", "size": 1}]}}}
                """.formatted(TWO_NODES)));

        assertThat(e.week()).isEqualTo("2022-05-09");
        assertThat(e.field()).isEqualTo("links[1].target");
        assertThat(e).hasMessageContaining("no node \"Z\" in this week").hasMessageContaining("(line 2, column");
    }

    @Test
    void linkFromAnUnknownSourceIsRejectedWhenLinksComeBeforeNodes() throws IOException {
        SnapshotFormatException e = readExpectingError(write("unknown-source.json", """
                {"data": {"2022-05-09": {
                  "links": [{"source": "A", "target": "B", "size": 1},
                            {"source": 42, "target": "B", "size": -1}],
                  %s}}}
                """.formatted(TWO_NODES)), new SnapshotReader.Options(null, null, NegativeTvlPolicy.REJECT,
                NonPositiveLinkPolicy.FLIP), new ArrayList<>());

        // The field is the one in the file, even though the negative size reverses the link.
        assertThat(e.field()).isEqualTo("links[1].source");
        assertThat(e.line()).isEqualTo(3);
        assertThat(e).hasMessageContaining("no node \"42\" in this week");
    }

    @Test
    void negativeNodeSizeIsRejectedByDefault() throws IOException {
        SnapshotFormatException e = readExpectingError(write("negative-tvl.json", """
                {"data": {"2022-05-09": {"nodes": [{"id": "A", "size": -3.5}], "links": []}}}
                """));

        assertThat(e.field()).isEqualTo("nodes[0].size");
        assertThat(e).hasMessageContaining("negative size (TVL) -3.5").hasMessageContaining("CLAMP_TO_ZERO");
    }

    @Test
    void weekWithoutLinksArrayIsRejected() throws IOException {
        SnapshotFormatException e = readExpectingError(write("no-links.json", """
                {"data": {"2022-05-09": {%s}}}
                """.formatted(TWO_NODES)));

        assertThat(e.field()).isEqualTo("links");
        assertThat(e).hasMessageContaining("missing");
    }

    @Test
    void weekThatIsNotAnObjectIsRejected() throws IOException {
        SnapshotFormatException e = readExpectingError(write("week-array.json", """
                {"data": {"2022-05-09": [1, 2]}}
                """));

        assertThat(e.week()).isEqualTo("2022-05-09");
        assertThat(e.field()).isEqualTo("data");
        assertThat(e).hasMessageContaining("got an array");
    }

    @Test
    void rangeMatchingNoWeekNamesTheRangeAndTheFilesWeeks() throws IOException {
        Path file = write("three.json", """
                {"data": {"2022-05-02": {"nodes": [], "links": []}, "2022-05-09": {"nodes": [], "links": []},
                          "2022-05-16": {"nodes": [], "links": []}}}
                """);

        SnapshotFormatException between = readExpectingError(file,
                new SnapshotReader.Options(LocalDate.of(2022, 5, 3), LocalDate.of(2022, 5, 8), NegativeTvlPolicy.REJECT),
                new ArrayList<>());
        SnapshotFormatException after = readExpectingError(file,
                new SnapshotReader.Options(LocalDate.of(2023, 1, 1), null, NegativeTvlPolicy.REJECT), new ArrayList<>());

        assertThat(between.week()).isNull();
        assertThat(between).hasMessageContaining("three.json")
                .hasMessageContaining("no week from 2022-05-03 to 2022-05-08 (inclusive)")
                .hasMessageContaining("the file's weeks run from 2022-05-02 to 2022-05-16");
        assertThat(after).hasMessageContaining("no week on or after 2023-01-01")
                .hasMessageContaining("from 2022-05-02 to 2022-05-16");
    }

    @Test
    void aBadWeekIsNeverReturnedAndTheReaderStaysFailed() throws IOException {
        // The bad link comes after the nodes, so a reader that returned nodes early would leak part of it.
        Path file = write("second-week-bad.json", """
                {"data": {"2022-05-02": {%s, "links": []},
                          "2022-05-09": {%s, "links": [{"source": "A", "target": "B", "size": true}]},
                          "2022-05-16": {%s, "links": []}}}
                """.formatted(TWO_NODES, TWO_NODES, TWO_NODES));

        try (SnapshotReader reader = SnapshotReader.open(file, SnapshotReader.Options.all())) {
            WeekSnapshot first = reader.next();
            SnapshotFormatException e = catchThrowableOfType(SnapshotFormatException.class, reader::hasNext);

            assertThat(first.week()).isEqualTo(LocalDate.of(2022, 5, 2));
            assertThat(first.nodes()).hasSize(2);
            assertThat(e.field()).isEqualTo("links[0].size");
            assertThat(e).hasMessageContaining("got true");
            assertThatThrownBy(reader::next).isSameAs(e);
        }
    }

    private Path write(String name, String json) throws IOException {
        return Files.writeString(dir.resolve(name), json);
    }

    private static byte[] gzip(String text) throws IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    private static SnapshotFormatException readExpectingError(Path file) throws IOException {
        return readExpectingError(file, SnapshotReader.Options.all(), new ArrayList<>());
    }

    /** Reads until the reader throws, collecting the weeks returned before; fails if it never throws. */
    private static SnapshotFormatException readExpectingError(Path file, SnapshotReader.Options options,
                                                              List<WeekSnapshot> returned) throws IOException {
        try (SnapshotReader reader = SnapshotReader.open(file, options)) {
            SnapshotFormatException e = catchThrowableOfType(SnapshotFormatException.class,
                    () -> reader.forEachRemaining(returned::add));
            assertThat(e).as("reading %s should fail", file.getFileName()).isNotNull();
            assertThat(e.file()).isEqualTo(file);
            assertThat(e.getMessage()).startsWith(file.toString());
            return e;
        }
    }
}
