package io.dexposure.analytics.roland;

import io.dexposure.analytics.week.SnapshotHistory;
import io.dexposure.analytics.network.WeeklyNetwork;
import io.dexposure.analytics.week.NetworkWeek;
import io.dexposure.snapshot.ProtocolDirectory;
import io.dexposure.snapshot.SnapshotReader;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** Weeks for the ROLAND tests: hand-made tiny ones and the first weeks of the shipped sample. */
public final class RolandWeeks {
    public static final Path SAMPLE = Path.of("../data/sample/dexposure-sample.json");

    private RolandWeeks() {
    }

    /** A week with the given nodes (ids) and links "a>b", every node with a small composition. */
    public static NetworkWeek week(String date, List<String> nodes, String... links) {
        WeeklyNetwork.WeeklyNetworkBuilder b = WeeklyNetwork.builder(LocalDate.parse(date));
        int i = 0;
        for (String id : nodes) {
            b.addNode(id, 1000.0 * (++i), "name-" + id, i % 2 == 0 ? "Lending" : "Dexes", Map.of("ETH", 10.0 * i, "USDC", 5.0));
        }
        for (String link : links) {
            String[] ends = link.split(">");
            b.addLink(ends[0], ends[1], 10);
        }
        return NetworkWeek.of(b.build(), null);
    }

    public static List<NetworkWeek> sample(int weeks) throws Exception {
        List<NetworkWeek> all = SnapshotHistory.read(SAMPLE, SnapshotReader.Options.all(), ProtocolDirectory.empty());
        return all.subList(0, weeks);
    }

    /** Small and fast settings: the tests check behaviour, not quality. */
    public static RolandSettings smallSettings() {
        RolandSettings s = new RolandSettings();
        s.preprocessSizes = new int[] {16, 8};
        s.gnnSizes = new int[] {8, 4};
        s.maxEpochs = 3;
        s.topK = 5;
        s.mrrQueries = 50;
        s.mrrCandidates = 10;
        return s;
    }
}
