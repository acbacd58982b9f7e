package io.dexposure.flink.metrics.curvature;

import io.dexposure.flink.network.WeeklyNetwork;
import io.dexposure.replayer.generate.ExposureNetworkGenerator;
import io.dexposure.replayer.snapshot.SnapshotLink;
import io.dexposure.replayer.snapshot.SnapshotNode;
import io.dexposure.replayer.snapshot.WeekSnapshot;

/** Weeks from the seeded generator as {@link WeeklyNetwork}s, for the curvature and community tests and benches. */
public final class GeneratedWeeks {
    private GeneratedWeeks() {
    }

    /** {@code ExposureNetworkGenerator.singleWeek(seed, nodes, links)}; real scale is (42, 11000, 75000). */
    public static WeeklyNetwork singleWeek(long seed, int nodes, int links) {
        WeekSnapshot week = ExposureNetworkGenerator.singleWeek(seed, nodes, links).toWeekSnapshot();
        WeeklyNetwork.WeeklyNetworkBuilder builder = WeeklyNetwork.builder(week.week());
        for (SnapshotNode node : week.nodes()) {
            builder.addNode(node.id(), node.tvlUsd(), null, null, node.composition());
        }
        for (SnapshotLink link : week.links()) {
            builder.addLink(link.source(), link.target(), link.exposureUsd());
        }
        return builder.build();
    }
}
