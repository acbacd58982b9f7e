package io.dexposure.snapshot;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Protocol id -> name and category, read from a mapping file in the dataset's {@code id_to_info.json}
 * form: {@code {"1599": {"name": "AAVE V3", "category": "Lending, ..."}, ...}}. The shipped sample has
 * its own file of the same form. Token buckets ("USDT", "LP", ...) are not in it.
 */
public final class ProtocolDirectory {
    private static final ProtocolDirectory EMPTY = new ProtocolDirectory(Map.of());

    private final Map<String, ProtocolInfo> byId;

    private ProtocolDirectory(Map<String, ProtocolInfo> byId) {
        this.byId = byId;
    }

    public static ProtocolDirectory empty() {
        return EMPTY;
    }

    public static ProtocolDirectory of(Map<String, ProtocolInfo> byId) {
        return new ProtocolDirectory(Map.copyOf(byId));
    }

    /** Reads an id_to_info.json file; an entry that is not an object with string fields is an error naming the id. */
    public static ProtocolDirectory load(Path file) throws IOException {
        Map<String, ProtocolInfo> byId = new HashMap<>();
        try (InputStream in = Files.newInputStream(file);
             JsonParser p = new JsonFactory().createParser(in)) {
            expect(p, p.nextToken(), JsonToken.START_OBJECT, file, "top level");
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String id = p.currentName();
                expect(p, p.nextToken(), JsonToken.START_OBJECT, file, id);
                String name = null;
                String category = null;
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String field = p.currentName();
                    JsonToken value = p.nextToken();
                    if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
                        p.skipChildren();
                    } else if ("name".equals(field)) {
                        name = value == JsonToken.VALUE_NULL ? null : p.getValueAsString();
                    } else if ("category".equals(field)) {
                        category = value == JsonToken.VALUE_NULL ? null : p.getValueAsString();
                    }
                }
                byId.put(id, new ProtocolInfo(name, category));
            }
        }
        return new ProtocolDirectory(byId);
    }

    private static void expect(JsonParser p, JsonToken actual, JsonToken expected, Path file, String where)
            throws IOException {
        if (actual != expected) {
            throw new IOException(file + ": mapping entry '" + where + "' should be " + expected + " but is " + actual
                    + " at line " + p.currentLocation().getLineNr());
        }
    }

    public Optional<ProtocolInfo> lookup(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    public int size() {
        return byId.size();
    }
}
