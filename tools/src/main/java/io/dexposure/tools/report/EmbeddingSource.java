package io.dexposure.tools.report;

import io.dexposure.analytics.embedding.EmbeddingMap;
import io.dexposure.analytics.roland.RolandSettings;
import io.dexposure.analytics.week.NetworkWeek;
import io.dexposure.analytics.week.SnapshotHistory;
import io.dexposure.snapshot.ProtocolDirectory;
import io.dexposure.snapshot.SnapshotReader;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * What the embedding map embeds ({@code --embedding-source FEATURES|ROLAND}): the per-node records' anomaly features, or ROLAND's
 * node embeddings, which the job keeps in its state and does not write out, so the report replays ROLAND (its
 * live update, {@code roland} settings) over the weeks of the snapshot file that was replayed.
 *
 * @param snapshot  the replayed snapshot file (needed for ROLAND only)
 * @param options   how to read it
 * @param directory protocol names and categories for it
 */
public record EmbeddingSource(EmbeddingMap.Input input, Path snapshot, SnapshotReader.Options options,
                              ProtocolDirectory directory, RolandSettings roland) {
    public EmbeddingSource {
        if (input == EmbeddingMap.Input.ROLAND && (snapshot == null || roland == null)) {
            throw new IllegalArgumentException("--embedding-source ROLAND replays ROLAND over the snapshot's weeks: give --snapshot FILE (the file that was replayed)");
        }
    }

    public static EmbeddingSource features() {
        return new EmbeddingSource(EmbeddingMap.Input.FEATURES, null, null, null, null);
    }

    public static EmbeddingSource roland(Path snapshot, SnapshotReader.Options options, ProtocolDirectory directory,
                                         RolandSettings settings) {
        return new EmbeddingSource(EmbeddingMap.Input.ROLAND, snapshot, options, directory, settings);
    }

    /** The snapshot's weeks as ROLAND reads them (ROLAND only). */
    public List<NetworkWeek> weeks() throws IOException {
        return SnapshotHistory.read(snapshot, options, directory);
    }
}
