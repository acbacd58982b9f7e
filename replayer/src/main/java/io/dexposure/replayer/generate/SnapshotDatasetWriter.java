package io.dexposure.replayer.generate;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Generates a whole run and writes its three files: the snapshot file, the protocol mapping
 * ({@code id_to_info.json}) and the scenario manifest. Each file is written to a temporary file
 * beside it and moved into place when complete, so an interrupted run leaves no half file.
 */
public final class SnapshotDatasetWriter {
    private SnapshotDatasetWriter() {
    }

    /** Called after every week written. */
    @FunctionalInterface
    public interface Progress {
        void weekWritten(GeneratedWeek week, int weeksWritten, int weeksTotal, long bytesWritten);

        Progress NONE = (week, written, total, bytes) -> { };
    }

    /** What was written. */
    public record Summary(int weeks, long bytes, long nodes, long links, List<ScenarioGroundTruth> scenarios) {
    }

    public static Summary write(GeneratorSettings settings, Path snapshotFile, Path mappingFile, Path scenariosFile,
                                Progress progress) throws IOException {
        ExposureNetworkGenerator generator = new ExposureNetworkGenerator(settings);
        int total = settings.sizes().size();
        int written = 0;
        long nodes = 0;
        long links = 0;
        long bytes;
        Path snapshotTemp = temporaryBeside(snapshotFile);
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
            bytes = Files.size(snapshotTemp);
            List<ScenarioGroundTruth> scenarios = generator.scenarioGroundTruth();
            writeAtomically(mappingFile, out -> ProtocolMappingWriter.write(generator.universe().mapping(), out));
            writeAtomically(scenariosFile, out -> ScenarioManifest.write(settings.seed(), settings.firstWeek(),
                    settings.lastWeek(), scenarios, out));
            Files.move(snapshotTemp, snapshotFile, StandardCopyOption.REPLACE_EXISTING);
            return new Summary(written, bytes, nodes, links, scenarios);
        } finally {
            Files.deleteIfExists(snapshotTemp);
        }
    }

    /** What an atomic write puts in its file. */
    @FunctionalInterface
    interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Writes beside the file and renames it into place, so a reader never sees half a file (shared with v2). */
    static void writeAtomically(Path file, Content content) throws IOException {
        Path temp = temporaryBeside(file);
        try {
            try (OutputStream out = Files.newOutputStream(temp)) {
                content.writeTo(out);
            }
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** ".<name>.partial" in the same directory (same file system, so the move is a rename). */
    static Path temporaryBeside(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        return dir.resolve("." + file.getFileName() + ".partial");
    }
}
