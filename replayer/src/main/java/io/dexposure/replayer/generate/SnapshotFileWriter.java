package io.dexposure.replayer.generate;

import io.dexposure.events.UnresolvedNode;
import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Streams weeks into the dataset's snapshot format, compact, one week at a time:
 * {@code {"data":{"YYYY-MM-DD":{"nodes":[{"id","size","composition"}],"links":[{"source","target","size",
 * "composition"}]},...}}}. Amounts are written from whole cents as plain decimals ("1234.5", "17.05",
 * "3.0"), never through {@code Double.toString}, whose output changed between JDK releases.
 */
public final class SnapshotFileWriter implements Closeable {
    private final ByteCountingStream counted;
    private final JsonGenerator json;
    private boolean closed;

    /** Starts the file; the writer owns {@code out} and closes it. */
    public SnapshotFileWriter(OutputStream out) throws IOException {
        this.counted = new ByteCountingStream(new BufferedOutputStream(out, 1 << 16));
        this.json = new JsonFactory().createGenerator(counted, JsonEncoding.UTF8);
        json.writeStartObject();
        json.writeFieldName("data");
        json.writeStartObject();
    }

    public void writeWeek(GeneratedWeek week) throws IOException {
        json.writeFieldName(week.week().toString());
        json.writeStartObject();
        json.writeFieldName("nodes");
        json.writeStartArray();
        for (int n = 0; n < week.nodeCount(); n++) {
            json.writeStartObject();
            writeId(json, "id", week.nodeId(n));
            json.writeFieldName("size");
            json.writeNumber(formatCents(week.nodeSizeCents(n)));
            json.writeFieldName("composition");
            json.writeStartObject();
            for (int e = 0; e < week.nodeCompositionSize(n); e++) {
                json.writeFieldName(week.nodeCompositionToken(n, e));
                json.writeNumber(formatCents(week.nodeCompositionCents(n, e)));
            }
            json.writeEndObject();
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeFieldName("links");
        json.writeStartArray();
        for (int l = 0; l < week.linkCount(); l++) {
            json.writeStartObject();
            writeId(json, "source", week.nodeId(week.linkSource(l)));
            writeId(json, "target", week.nodeId(week.linkTarget(l)));
            json.writeFieldName("size");
            json.writeNumber(formatCents(week.linkSizeCents(l)));
            json.writeFieldName("composition");
            json.writeStartObject();
            for (int e = 0; e < week.linkCompositionSize(l); e++) {
                json.writeFieldName(week.linkCompositionToken(l, e));
                json.writeNumber(formatCents(week.linkCompositionCents(l, e)));
            }
            json.writeEndObject();
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
        json.flush();
    }

    /** The unresolved node is written as the real files have it: a JSON null id. */
    private static void writeId(JsonGenerator json, String field, String id) throws IOException {
        if (UnresolvedNode.ID.equals(id)) {
            json.writeNullField(field);
        } else {
            json.writeStringField(field, id);
        }
    }

    /** Bytes handed to the underlying stream so far (exact after each {@link #writeWeek}). */
    public long bytesWritten() {
        return counted.count;
    }

    /** Ends the file (with a trailing newline) and closes the stream. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        json.writeEndObject();
        json.writeEndObject();
        json.writeRaw('\n');
        json.close();
    }

    /** "1234.5" for 123450 cents, "17.05" for 1705, "3.0" for 300: a JSON number that always reads as a decimal. */
    static String formatCents(long cents) {
        if (cents < 0) {
            return "-" + formatCents(-cents);
        }
        long whole = cents / 100;
        int fraction = (int) (cents % 100);
        if (fraction == 0) {
            return whole + ".0";
        }
        if (fraction % 10 == 0) {
            return whole + "." + (fraction / 10);
        }
        return whole + (fraction < 10 ? ".0" : ".") + fraction;
    }

    private static final class ByteCountingStream extends FilterOutputStream {
        private long count;

        ByteCountingStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }
}
