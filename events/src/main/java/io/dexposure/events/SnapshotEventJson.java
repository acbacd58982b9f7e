package io.dexposure.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** JSON form of {@link SnapshotEvent}, as written to and read from Kafka. */
public final class SnapshotEventJson {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private static final ObjectWriter WRITER = MAPPER.writerFor(SnapshotEvent.class);
    private static final ObjectReader READER = MAPPER.readerFor(SnapshotEvent.class);

    private SnapshotEventJson() {
    }

    public static byte[] toBytes(SnapshotEvent event) {
        try {
            return WRITER.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write snapshot event for week " + event.week, e);
        }
    }

    public static String toJson(SnapshotEvent event) {
        return new String(toBytes(event), StandardCharsets.UTF_8);
    }

    /**
     * Reads one record. Unknown fields are ignored (newer producers may add some); a record that is not
     * JSON, or has no known type or week, is an error that quotes the start of the payload.
     */
    public static SnapshotEvent fromBytes(byte[] json) {
        SnapshotEvent event;
        try {
            event = READER.readValue(json);
        } catch (IOException e) {
            throw new MalformedEventException("snapshot event is not valid JSON: " + preview(json) + " (" + e.getMessage() + ")", e);
        }
        if (event == null || !(event.isNode() || event.isLink() || event.isWeekClosed())) {
            throw new MalformedEventException("snapshot event has no known type (node, link, week-closed): " + preview(json), null);
        }
        if (WeekDates.parseOrNull(event.week) == null) {
            throw new MalformedEventException("snapshot event has no valid week (YYYY-MM-DD): " + preview(json), null);
        }
        return event;
    }

    private static String preview(byte[] json) {
        if (json == null) {
            return "<null>";
        }
        String s = new String(json, 0, Math.min(json.length, 160), StandardCharsets.UTF_8);
        return json.length > 160 ? s + "..." : s;
    }

    /** A record on the topic that cannot be read as a snapshot event. */
    public static final class MalformedEventException extends RuntimeException {
        public MalformedEventException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
