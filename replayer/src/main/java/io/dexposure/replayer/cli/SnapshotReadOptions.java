package io.dexposure.replayer.cli;

import io.dexposure.replayer.snapshot.NegativeTvlPolicy;
import io.dexposure.replayer.snapshot.NonPositiveLinkPolicy;
import io.dexposure.replayer.snapshot.ProtocolDirectory;
import io.dexposure.replayer.snapshot.SnapshotReader;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

/** How a snapshot file is read: the flags every command that replays a file shares (a picocli mixin). */
public class SnapshotReadOptions {
    @Option(names = "--mapping", description = "Protocol mapping (id_to_info.json form) for names and categories (default: id_to_info.json beside the input, if there).")
    Path mapping;

    @Option(names = "--from", description = "First week, YYYY-MM-DD (default: the file's first).")
    LocalDate from;

    @Option(names = "--to", description = "Last week, YYYY-MM-DD (default: the file's last).")
    LocalDate to;

    @Option(names = "--negative-tvl", description = "A node with a negative size: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    NegativeTvlPolicy negativeTvl = NegativeTvlPolicy.REJECT;

    @Option(names = "--non-positive-links", description = "A link with size <= 0: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}, as the dataset authors' loaders do; counted either way).")
    NonPositiveLinkPolicy nonPositiveLinks = NonPositiveLinkPolicy.DROP;

    public SnapshotReader.Options readerOptions() {
        return new SnapshotReader.Options(from, to, negativeTvl, nonPositiveLinks);
    }

    /** The mapping named, or the id_to_info.json beside the input, or none. */
    public ProtocolDirectory directory(Path input) throws IOException {
        Path file = mapping;
        if (file == null) {
            Path beside = input.toAbsolutePath().resolveSibling("id_to_info.json");
            file = Files.exists(beside) ? beside : null;
        }
        return file == null ? ProtocolDirectory.empty() : ProtocolDirectory.load(file);
    }
}
