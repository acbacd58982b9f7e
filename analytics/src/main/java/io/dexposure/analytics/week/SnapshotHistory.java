package io.dexposure.analytics.week;

import io.dexposure.analytics.network.SnapshotNetworks;
import io.dexposure.snapshot.ProtocolDirectory;
import io.dexposure.snapshot.SnapshotReader;
import io.dexposure.snapshot.WeekSnapshot;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A snapshot file's weeks as the sequential operators would see them (in week order), for offline runs. */
public final class SnapshotHistory {
    private SnapshotHistory() {
    }

    public static List<NetworkWeek> read(Path file, SnapshotReader.Options options, ProtocolDirectory directory) throws IOException {
        List<NetworkWeek> weeks = new ArrayList<>();
        try (SnapshotReader reader = SnapshotReader.open(file, options)) {
            while (reader.hasNext()) {
                WeekSnapshot week = reader.next();
                weeks.add(NetworkWeek.of(SnapshotNetworks.of(week, directory), null));
            }
        }
        return weeks;
    }
}
