package io.dexposure.tools.evaluation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What scenarios.json v2 adds to the crises {@code ScenarioManifest} reads: per crisis the ids that should
 * alert critical ({@code expect.critical}), and the decoys that must stay at most a warning. A v1 manifest
 * has neither (empty lists).
 */
public record ManifestExpectations(int version, List<Expected> crises, List<Decoy> decoys) {
    /** A crisis: its weeks and the ids expected in a critical record during them. */
    public record Expected(String name, List<String> weeks, List<String> critical) {
    }

    /** A decoy: its week and the ids (and holders) that must not be named by a critical record that week. */
    public record Decoy(String name, String week, List<String> ids) {
    }

    public static ManifestExpectations read(Path file) throws IOException {
        JsonNode root = new ObjectMapper().readTree(Files.readString(file));
        List<Expected> crises = new ArrayList<>();
        for (JsonNode s : root.path("scenarios")) {
            crises.add(new Expected(s.path("name").asText(), strings(s.path("weeks")), strings(s.path("expect").path("critical"))));
        }
        List<Decoy> decoys = new ArrayList<>();
        for (JsonNode d : root.path("decoys")) {
            List<String> ids = strings(d.path("ids"));
            ids.addAll(strings(d.path("holderIds")));
            decoys.add(new Decoy(d.path("name").asText(), d.path("week").asText(), ids));
        }
        return new ManifestExpectations(root.path("version").asInt(1), crises, decoys);
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
