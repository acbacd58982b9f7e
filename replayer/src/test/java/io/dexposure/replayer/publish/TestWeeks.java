package io.dexposure.replayer.publish;

import io.dexposure.snapshot.SnapshotLink;
import io.dexposure.snapshot.SnapshotNode;
import io.dexposure.snapshot.WeekSnapshot;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Deterministic weekly snapshots built in code: the same arguments give the same week, in any JVM. */
final class TestWeeks {
    static final LocalDate FIRST = LocalDate.of(2022, 4, 25);
    /** Token buckets mixed into every week (no protocol entry, so no name or category). */
    static final List<String> BUCKETS = List.of("USDT", "WETH", "LP");

    private TestWeeks() {
    }

    /** The n-th week after {@link #FIRST} (0-based). */
    static LocalDate date(int index) {
        return FIRST.plusWeeks(index);
    }

    /** nodes: protocols "1000", "1001", ... then the token buckets; links spread over them, every 10th flipped. */
    static WeekSnapshot week(LocalDate date, int protocols, int links) {
        List<SnapshotNode> nodes = new ArrayList<>(protocols + BUCKETS.size());
        for (int i = 0; i < protocols; i++) {
            double tvl = 1_000_000.0 + i * 17.5 + date.getDayOfYear();
            nodes.add(new SnapshotNode(String.valueOf(1000 + i), tvl,
                    Map.of("USDT", tvl * 0.5, "WETH", tvl * 0.3, "TOKEN" + (i % 50), tvl * 0.2)));
        }
        for (String bucket : BUCKETS) {
            nodes.add(new SnapshotNode(bucket, 5e8, Map.of()));
        }
        List<SnapshotLink> linkList = new ArrayList<>(links);
        int flipped = 0;
        for (int i = 0; i < links; i++) {
            String source = nodes.get(i % nodes.size()).id();
            String target = nodes.get((int) ((i * 7L + 1 + i / nodes.size()) % nodes.size())).id();
            boolean flip = i % 10 == 9;
            flipped += flip ? 1 : 0;
            linkList.add(new SnapshotLink(source, target, 1000.0 + i, Map.of("TOKEN" + (i % 50), 1000.0 + i), flip));
        }
        return new WeekSnapshot(date, nodes, linkList, links / 20, flipped);
    }

    /** Weeks 0..count-1 of a given size. */
    static List<WeekSnapshot> weeks(int count, int protocols, int links) {
        List<WeekSnapshot> weeks = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            weeks.add(week(date(i), protocols + i, links + 3 * i));
        }
        return weeks;
    }
}
