package io.dexposure.replayer.generate;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The machine-readable ground truth of a generated run's crises, written beside the snapshot file
 * ({@code scenarios.json}):
 * <pre>
 * {"seed": 42, "firstWeek": "2022-04-18", "lastWeek": "2022-11-28",
 *  "scenarios": [{"name": "terra-like", "weeks": ["2022-05-09", "2022-05-16"], "baselineWeek": "2022-05-02",
 *                 "issuerId": "106", "issuerName": "...", "issuerCategory": "Algo-Stables",
 *                 "issuerTokens": ["...USD", "..."], "clusterRole": "ecosystem", "clusterIds": [...],
 *                 "largestCreditorIds": [...],
 *                 "observed": [{"week": ..., "issuerTvlUsd": ..., "exposureToIssuerUsd": ...,
 *                               "clusterTvlUsd": ..., "largestCreditorsTvlUsd": ...}, ...]}, ...]}
 * </pre>
 * Only crises the run scripted are listed (an empty list when none).
 */
public final class ScenarioManifest {
    private ScenarioManifest() {
    }

    public static void write(long seed, LocalDate firstWeek, LocalDate lastWeek, List<ScenarioGroundTruth> scenarios,
                             OutputStream out) throws IOException {
        try (JsonGenerator json = new JsonFactory().createGenerator(out, JsonEncoding.UTF8)
                .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)) {
            json.setPrettyPrinter(ProtocolMappingWriter.prettyPrinter("  "));
            json.writeStartObject();
            json.writeNumberField("seed", seed);
            json.writeStringField("firstWeek", firstWeek.toString());
            json.writeStringField("lastWeek", lastWeek.toString());
            json.writeArrayFieldStart("scenarios");
            for (ScenarioGroundTruth s : scenarios) {
                json.writeStartObject();
                json.writeStringField("name", s.name());
                json.writeArrayFieldStart("weeks");
                for (LocalDate week : s.weeks()) {
                    json.writeString(week.toString());
                }
                json.writeEndArray();
                json.writeStringField("baselineWeek", s.baselineWeek().toString());
                json.writeStringField("issuerId", s.issuerId());
                json.writeStringField("issuerName", s.issuerName());
                json.writeStringField("issuerCategory", s.issuerCategory());
                writeStrings(json, "issuerTokens", s.issuerTokens());
                json.writeStringField("clusterRole", s.clusterRole());
                writeStrings(json, "clusterIds", s.clusterIds());
                writeStrings(json, "largestCreditorIds", s.largestCreditorIds());
                json.writeArrayFieldStart("observed");
                for (ScenarioGroundTruth.WeekObservation o : s.observed()) {
                    json.writeStartObject();
                    json.writeStringField("week", o.week().toString());
                    writeUsd(json, "issuerTvlUsd", o.issuerTvlUsd());
                    writeUsd(json, "exposureToIssuerUsd", o.exposureToIssuerUsd());
                    writeUsd(json, "clusterTvlUsd", o.clusterTvlUsd());
                    writeUsd(json, "largestCreditorsTvlUsd", o.largestCreditorsTvlUsd());
                    json.writeEndObject();
                }
                json.writeEndArray();
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
            json.writeRaw('\n');
        }
    }

    public static List<ScenarioGroundTruth> read(Path file) throws IOException {
        JsonNode root;
        try (InputStream in = Files.newInputStream(file)) {
            root = new ObjectMapper().readTree(in);
        }
        JsonNode scenarios = root == null ? null : root.get("scenarios");
        if (scenarios == null || !scenarios.isArray()) {
            throw new IOException(file + ": not a scenario manifest (no \"scenarios\" array)");
        }
        List<ScenarioGroundTruth> result = new ArrayList<>();
        for (JsonNode s : scenarios) {
            List<LocalDate> weeks = new ArrayList<>();
            s.path("weeks").forEach(w -> weeks.add(LocalDate.parse(w.asText())));
            List<ScenarioGroundTruth.WeekObservation> observed = new ArrayList<>();
            for (JsonNode o : s.path("observed")) {
                observed.add(new ScenarioGroundTruth.WeekObservation(LocalDate.parse(o.path("week").asText()),
                        o.path("issuerTvlUsd").asDouble(), o.path("exposureToIssuerUsd").asDouble(),
                        o.path("clusterTvlUsd").asDouble(), o.path("largestCreditorsTvlUsd").asDouble()));
            }
            result.add(new ScenarioGroundTruth(s.path("name").asText(), List.copyOf(weeks),
                    LocalDate.parse(s.path("baselineWeek").asText()), s.path("issuerId").asText(),
                    s.path("issuerName").asText(), s.path("issuerCategory").asText(), strings(s.path("issuerTokens")),
                    s.path("clusterRole").asText(), strings(s.path("clusterIds")),
                    strings(s.path("largestCreditorIds")), List.copyOf(observed)));
        }
        return List.copyOf(result);
    }

    private static void writeStrings(JsonGenerator json, String field, List<String> values) throws IOException {
        json.writeArrayFieldStart(field);
        for (String v : values) {
            json.writeString(v);
        }
        json.writeEndArray();
    }

    private static void writeUsd(JsonGenerator json, String field, double usd) throws IOException {
        json.writeFieldName(field);
        json.writeNumber(SnapshotFileWriter.formatCents(Math.round(usd * 100)));
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return List.copyOf(values);
    }
}
