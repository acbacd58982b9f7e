package io.dexposure.replayer.generate;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import io.dexposure.snapshot.ProtocolInfo;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;

/**
 * Writes an {@code id_to_info.json} in the dataset's mapping layout: {@code {"<id>": {"name": "...",
 * "category": "..."}}}, indented by four spaces like the real file, '\n' line ends on every OS. Note:
 * the generated categories are DefiLlama's own ("Lending", "Dexes", ...); the real mapping file groups
 * them into a few sectors ("Lending, Borrowing &amp; Real World Assets", "Trading &amp; Exchanges", ...).
 */
public final class ProtocolMappingWriter {
    private ProtocolMappingWriter() {
    }

    /** Writes the entries in the map's iteration order (the generator gives id order); leaves {@code out} open. */
    public static void write(Map<String, ProtocolInfo> byId, OutputStream out) throws IOException {
        try (JsonGenerator json = new JsonFactory().createGenerator(out, JsonEncoding.UTF8)
                .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)) {
            json.setPrettyPrinter(prettyPrinter("    "));
            json.writeStartObject();
            for (Map.Entry<String, ProtocolInfo> entry : byId.entrySet()) {
                json.writeFieldName(entry.getKey());
                json.writeStartObject();
                json.writeStringField("name", entry.getValue().name());
                json.writeStringField("category", entry.getValue().category());
                json.writeEndObject();
            }
            json.writeEndObject();
            json.writeRaw('\n');
        }
    }

    /** Indents by {@code indent}, '\n' line ends, {@code "key": value}. */
    static DefaultPrettyPrinter prettyPrinter(String indent) {
        DefaultIndenter indenter = new DefaultIndenter(indent, "\n");
        return new DefaultPrettyPrinter()
                .withSeparators(Separators.createDefaultInstance()
                        .withObjectFieldValueSpacing(Separators.Spacing.AFTER))
                .withObjectIndenter(indenter)
                .withArrayIndenter(indenter);
    }
}
