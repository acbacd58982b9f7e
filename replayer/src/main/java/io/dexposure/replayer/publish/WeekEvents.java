package io.dexposure.replayer.publish;

import io.dexposure.events.SnapshotEvent;
import io.dexposure.replayer.snapshot.ProtocolDirectory;
import io.dexposure.replayer.snapshot.ProtocolInfo;
import io.dexposure.replayer.snapshot.SnapshotLink;
import io.dexposure.replayer.snapshot.SnapshotNode;
import io.dexposure.replayer.snapshot.WeekSnapshot;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The records a week becomes on the snapshot-events topic, in publishing order: every node (seq
 * 0..n-1, with name and category from the mapping), every link (seq 0..m-1), then the week-closed
 * marker. The publisher sends exactly these; benchmarks and tests use the same mapping.
 */
public final class WeekEvents {
    private WeekEvents() {
    }

    public static void forEach(WeekSnapshot week, ProtocolDirectory directory, String origin, Consumer<SnapshotEvent> sink) {
        String weekKey = week.week().toString();
        int seq = 0;
        for (SnapshotNode node : week.nodes()) {
            ProtocolInfo info = directory.lookup(node.id()).orElse(null);
            sink.accept(SnapshotEvent.node(weekKey, seq++, node.id(), node.tvlUsd(), node.composition(),
                    info == null ? null : info.name(), info == null ? null : info.category()));
        }
        seq = 0;
        for (SnapshotLink link : week.links()) {
            sink.accept(SnapshotEvent.link(weekKey, seq++, link.source(), link.target(), link.exposureUsd(),
                    link.composition(), link.flipped()));
        }
        sink.accept(SnapshotEvent.weekClosed(weekKey, week.nodes().size(), week.links().size(), week.droppedLinks(),
                week.flippedLinks(), week.nullIdNodes(), week.nullIdLinks(), week.nonPositiveLinks(), origin));
    }

    public static List<SnapshotEvent> of(WeekSnapshot week, ProtocolDirectory directory, String origin) {
        List<SnapshotEvent> events = new ArrayList<>(week.nodes().size() + week.links().size() + 1);
        forEach(week, directory, origin, events::add);
        return events;
    }
}
