package io.dexposure.analytics.metrics.curvature;

import io.dexposure.analytics.network.SnapshotNetworks;
import io.dexposure.analytics.network.WeeklyNetwork;
import io.dexposure.replayer.generate.ExposureNetworkGenerator;
import io.dexposure.snapshot.ProtocolDirectory;

/** Weeks from the seeded generator as {@link WeeklyNetwork}s, for the curvature and community tests and benches. */
public final class GeneratedWeeks {
    private GeneratedWeeks() {
    }

    /** {@code ExposureNetworkGenerator.singleWeek(seed, nodes, links)}; real scale is (42, 11000, 75000). */
    public static WeeklyNetwork singleWeek(long seed, int nodes, int links) {
        return SnapshotNetworks.of(ExposureNetworkGenerator.singleWeek(seed, nodes, links).toWeekSnapshot(),
                ProtocolDirectory.empty());
    }
}
