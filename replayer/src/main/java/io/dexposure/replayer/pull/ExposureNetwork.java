package io.dexposure.replayer.pull;

import io.dexposure.snapshot.WeekSnapshot;

/** A week's exposure network as built from pulled holdings, and how it was built. */
public record ExposureNetwork(WeekSnapshot snapshot, NetworkStats stats) {
}
