package io.dexposure.flink.network;

import io.dexposure.replayer.snapshot.ProtocolDirectory;
import io.dexposure.replayer.snapshot.ProtocolInfo;
import io.dexposure.replayer.snapshot.SnapshotLink;
import io.dexposure.replayer.snapshot.SnapshotNode;
import io.dexposure.replayer.snapshot.WeekSnapshot;

/**
 * A week read from a snapshot file (or generated) as a {@link WeeklyNetwork}, directly, in file order:
 * the network the job must arrive at through Kafka and week assembly. Tests use it as the reference
 * path; the job itself builds networks from topic records ({@code WeekAssembly}).
 */
public final class SnapshotNetworks {
    private SnapshotNetworks() {
    }

    public static WeeklyNetwork of(WeekSnapshot week, ProtocolDirectory directory) {
        WeeklyNetwork.WeeklyNetworkBuilder builder = WeeklyNetwork.builder(week.week());
        for (SnapshotNode node : week.nodes()) {
            ProtocolInfo info = directory.lookup(node.id()).orElse(null);
            builder.addNode(node.id(), node.tvlUsd(), info == null ? null : info.name(),
                    info == null ? null : info.category(), node.composition());
        }
        for (SnapshotLink link : week.links()) {
            builder.addLink(link.source(), link.target(), link.exposureUsd());
        }
        return builder.droppedLinks(week.droppedLinks()).flippedLinks(week.flippedLinks())
                .inputQuirks(week.nullIdNodes(), week.nullIdLinks(), week.nonPositiveLinks()).build();
    }
}
