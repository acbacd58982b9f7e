package io.dexposure.snapshot;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * Streams {@link WeekSnapshot}s into the dataset's file format, one week at a time, so that what {@link SnapshotReader}
 * reads back is the same week: {@code {"data": {"YYYY-MM-DD": {"nodes": [{"id", "size", "composition"}], "links":
 * [{"source", "target", "size", "composition"}]}, ...}}}, compact, ending with a newline; gzip when the file name ends
 * in {@code .gz}.
 *
 * <ul>
 *   <li>Numbers are written as plain decimals ("1234.5", "10000000000.0", never "1.0E10"), the shortest text that
 *       reads back as the same double; integral values keep a ".0" as Python's json writes them.</li>
 *   <li>A {@link SnapshotLink#flipped() flipped} link is written as the file had it, before the reader's sign rule:
 *       the other way round, negative size, negated composition. Reading it back flips it again.</li>
 *   <li>{@link WeekSnapshot#droppedLinks()} is not written: the dropped links themselves are gone. A week read back
 *       has 0 there.</li>
 * </ul>
 * Weeks must come in ascending order (the reader requires it); a non-finite number is an error naming the week and
 * field. Not thread-safe.
 */
public final class SnapshotWriter implements Closeable {
    private static final JsonFactory JSON = new JsonFactory();

    private final JsonGenerator json;
    private LocalDate previousWeek;
    private int weeksWritten;
    private boolean closed;

    /** Starts the file; the writer owns {@code out} and closes it. */
    public SnapshotWriter(OutputStream out) throws IOException {
        this.json = JSON.createGenerator(new BufferedOutputStream(out, 1 << 16), JsonEncoding.UTF8);
        json.writeStartObject();
        json.writeFieldName("data");
        json.writeStartObject();
    }

    /** A writer to {@code file} (gzip-compressed for a ".gz" name), replacing it. */
    public static SnapshotWriter create(Path file) throws IOException {
        OutputStream out = Files.newOutputStream(file);
        try {
            if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz")) {
                out = new GZIPOutputStream(out, 1 << 16);
            }
            return new SnapshotWriter(out);
        } catch (IOException | RuntimeException e) {
            out.close();
            throw e;
        }
    }

    public void writeWeek(WeekSnapshot week) throws IOException {
        if (closed) {
            throw new IllegalStateException("the snapshot writer is closed");
        }
        if (previousWeek != null && !week.week().isAfter(previousWeek)) {
            throw new IllegalArgumentException("weeks must be written in ascending order, but " + week.week()
                    + " follows " + previousWeek);
        }
        String weekKey = week.week().toString();
        json.writeFieldName(weekKey);
        json.writeStartObject();
        json.writeFieldName("nodes");
        json.writeStartArray();
        int index = 0;
        for (SnapshotNode node : week.nodes()) {
            String where = "nodes[" + index++ + "]";
            json.writeStartObject();
            json.writeStringField("id", node.id());
            json.writeFieldName("size");
            json.writeNumber(decimal(node.tvlUsd(), weekKey, where + ".size"));
            writeComposition(node.composition(), false, weekKey, where);
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeFieldName("links");
        json.writeStartArray();
        index = 0;
        for (SnapshotLink link : week.links()) {
            String where = "links[" + index++ + "]";
            boolean flipped = link.flipped();
            json.writeStartObject();
            json.writeStringField("source", flipped ? link.target() : link.source());
            json.writeStringField("target", flipped ? link.source() : link.target());
            json.writeFieldName("size");
            json.writeNumber(decimal(flipped ? -link.exposureUsd() : link.exposureUsd(), weekKey, where + ".size"));
            writeComposition(link.composition(), flipped, weekKey, where);
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
        json.flush();
        previousWeek = week.week();
        weeksWritten++;
    }

    public int weeksWritten() {
        return weeksWritten;
    }

    /** Ends the file and closes the stream. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            json.writeEndObject();
            json.writeEndObject();
            json.writeRaw('\n');
        } finally {
            json.close();
        }
    }

    private void writeComposition(Map<String, Double> composition, boolean negate, String week, String where)
            throws IOException {
        json.writeFieldName("composition");
        json.writeStartObject();
        for (Map.Entry<String, Double> token : composition.entrySet()) {
            json.writeFieldName(token.getKey());
            double usd = token.getValue();
            json.writeNumber(decimal(negate ? -usd : usd, week, where + ".composition." + token.getKey()));
        }
        json.writeEndObject();
    }

    /** The shortest plain decimal that reads back as {@code value}, with ".0" when integral. */
    public static String decimal(double value, String week, String field) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("week " + week + ", " + field + ": " + value
                    + " cannot be written (the format has finite numbers only)");
        }
        if (value == 0) {
            return "0.0"; // -0.0 too: a flipped link of size 0 reads back unflipped
        }
        String plain = BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
        return plain.indexOf('.') < 0 ? plain + ".0" : plain;
    }
}
