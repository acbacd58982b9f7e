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
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Generates a whole v2 run ({@link CalibratedNetworkGenerator}) and writes its three files: the snapshot
 * file, {@code id_to_info.json} and {@code scenarios.json} v2. Each is written beside its final name and
 * moved into place when complete.
 *
 * <p>{@code scenarios.json} v2 keeps every v1 field (so {@link ScenarioManifest#read} reads its crises) and
 * adds {@code "version": 2}, per crisis {@code "issuerKind": "token"}, {@code "issuerIds"} (the collapsing
 * token nodes) and {@code "expect"} (ids that should alert critical), and a {@code "decoys"} array:
 * {@code {"name", "description", "week", "ids", "expect": "at most warning"}}.
 */
public final class CalibratedDatasetWriter {
    private CalibratedDatasetWriter() {
    }

    public static SnapshotDatasetWriter.Summary write(GeneratorSettings settings, Path snapshotFile, Path mappingFile,
                                                      Path scenariosFile, SnapshotDatasetWriter.Progress progress)
            throws IOException {
        CalibratedNetworkGenerator generator = new CalibratedNetworkGenerator(settings);
        int total = settings.sizes().size();
        int written = 0;
        long nodes = 0;
        long links = 0;
        Path snapshotTemp = SnapshotDatasetWriter.temporaryBeside(snapshotFile);
        try {
            try (SnapshotFileWriter writer = new SnapshotFileWriter(Files.newOutputStream(snapshotTemp))) {
                while (generator.hasNextWeek()) {
                    GeneratedWeek week = generator.nextWeek();
                    writer.writeWeek(week);
                    written++;
                    nodes += week.nodeCount();
                    links += week.linkCount();
                    progress.weekWritten(week, written, total, writer.bytesWritten());
                }
            }
            long bytes = Files.size(snapshotTemp);
            List<ScenarioGroundTruth> truths = generator.scenarios().groundTruth();
            SnapshotDatasetWriter.writeAtomically(mappingFile, out -> ProtocolMappingWriter.write(generator.mapping(), out));
            SnapshotDatasetWriter.writeAtomically(scenariosFile, out -> writeManifest(settings, generator.scenarios(), truths, out));
            Files.move(snapshotTemp, snapshotFile, StandardCopyOption.REPLACE_EXISTING);
            return new SnapshotDatasetWriter.Summary(written, bytes, nodes, links, truths);
        } finally {
            Files.deleteIfExists(snapshotTemp);
        }
    }

    static void writeManifest(GeneratorSettings settings, CalibratedScenarios scenarios,
                              List<ScenarioGroundTruth> truths, OutputStream out) throws IOException {
        try (JsonGenerator json = new JsonFactory().createGenerator(out, JsonEncoding.UTF8)
                .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)) {
            json.setPrettyPrinter(ProtocolMappingWriter.prettyPrinter("  "));
            json.writeStartObject();
            json.writeNumberField("version", 2);
            json.writeNumberField("seed", settings.seed());
            json.writeStringField("firstWeek", settings.firstWeek().toString());
            json.writeStringField("lastWeek", settings.lastWeek().toString());
            json.writeArrayFieldStart("scenarios");
            for (ScenarioGroundTruth s : truths) {
                json.writeStartObject();
                json.writeStringField("name", s.name());
                strings(json, "weeks", s.weeks().stream().map(LocalDate::toString).toList());
                json.writeStringField("baselineWeek", s.baselineWeek().toString());
                json.writeStringField("issuerId", s.issuerId());
                json.writeStringField("issuerName", s.issuerName());
                json.writeStringField("issuerCategory", s.issuerCategory());
                json.writeStringField("issuerKind", "token");
                strings(json, "issuerIds", s.issuerTokens());
                strings(json, "issuerTokens", s.issuerTokens());
                json.writeStringField("clusterRole", s.clusterRole());
                strings(json, "clusterIds", s.clusterIds());
                strings(json, "largestCreditorIds", s.largestCreditorIds());
                List<String> critical = new ArrayList<>(s.issuerTokens());
                critical.addAll(s.clusterIds());
                json.writeObjectFieldStart("expect");
                strings(json, "critical", critical);
                json.writeEndObject();
                json.writeArrayFieldStart("observed");
                for (ScenarioGroundTruth.WeekObservation o : s.observed()) {
                    json.writeStartObject();
                    json.writeStringField("week", o.week().toString());
                    usd(json, "issuerTvlUsd", o.issuerTvlUsd());
                    usd(json, "exposureToIssuerUsd", o.exposureToIssuerUsd());
                    usd(json, "clusterTvlUsd", o.clusterTvlUsd());
                    usd(json, "largestCreditorsTvlUsd", o.largestCreditorsTvlUsd());
                    json.writeEndObject();
                }
                json.writeEndArray();
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeArrayFieldStart("decoys");
            for (CalibratedScenarios.Decoy d : scenarios.decoys()) {
                json.writeStartObject();
                json.writeStringField("name", d.name());
                json.writeStringField("description", d.description());
                json.writeStringField("week", d.week().toString());
                strings(json, "ids", d.ids());
                if (d.name().equals("small-token-crashes")) {
                    strings(json, "holderIds", scenarios.smallTokenHolderIds());
                }
                json.writeStringField("expect", "at most warning");
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
            json.writeRaw('\n');
        }
    }

    /** The decoys of a v2 manifest (none in a v1 manifest). */
    public static List<CalibratedScenarios.Decoy> readDecoys(Path file) throws IOException {
        JsonNode root;
        try (InputStream in = Files.newInputStream(file)) {
            root = new ObjectMapper().readTree(in);
        }
        List<CalibratedScenarios.Decoy> decoys = new ArrayList<>();
        for (JsonNode d : root.path("decoys")) {
            List<String> ids = new ArrayList<>();
            d.path("ids").forEach(v -> ids.add(v.asText()));
            decoys.add(new CalibratedScenarios.Decoy(d.path("name").asText(), d.path("description").asText(),
                    LocalDate.parse(d.path("week").asText()), List.copyOf(ids)));
        }
        return List.copyOf(decoys);
    }

    private static void strings(JsonGenerator json, String field, List<String> values) throws IOException {
        json.writeArrayFieldStart(field);
        for (String v : values) {
            json.writeString(v);
        }
        json.writeEndArray();
    }

    private static void usd(JsonGenerator json, String field, double usd) throws IOException {
        json.writeFieldName(field);
        json.writeNumber(SnapshotFileWriter.formatCents(Math.round(usd * 100)));
    }
}
