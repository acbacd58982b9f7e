package io.dexposure.replayer.generate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Test helpers: generate a run into memory, and read it back with plain Jackson tree parsing. */
final class GeneratedOutput {
    private GeneratedOutput() {
    }

    /** The snapshot file bytes of a whole run. */
    static byte[] bytes(GeneratorSettings settings) {
        ExposureNetworkGenerator generator = new ExposureNetworkGenerator(settings);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (SnapshotFileWriter writer = new SnapshotFileWriter(out)) {
            while (generator.hasNextWeek()) {
                writer.writeWeek(generator.nextWeek());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** All weeks of a run, in memory. */
    static List<GeneratedWeek> weeks(ExposureNetworkGenerator generator) {
        List<GeneratedWeek> weeks = new ArrayList<>();
        while (generator.hasNextWeek()) {
            weeks.add(generator.nextWeek());
        }
        return weeks;
    }

    /** The {@code data} object of a snapshot file. */
    static JsonNode data(byte[] file) {
        try {
            JsonNode root = new ObjectMapper().readTree(file);
            return root.get("data");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
