package io.dexposure.replayer.generate;

import io.dexposure.events.NodeKind;
import io.dexposure.replayer.snapshot.ProtocolDirectory;
import io.dexposure.replayer.snapshot.SnapshotLink;
import io.dexposure.replayer.snapshot.SnapshotNode;
import io.dexposure.replayer.snapshot.SnapshotReader;
import io.dexposure.replayer.snapshot.WeekSnapshot;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Generator v2, read back through the snapshot reader with its default rules. */
class CalibratedNetworkGeneratorTest {
    private static final LocalDate FIRST = LocalDate.of(2022, 4, 18);
    private static final int WEEKS = 33; // .. 2022-11-28: both crises and all decoys

    @TempDir
    static Path dir;
    static List<WeekSnapshot> weeks;
    static Path file;

    @BeforeAll
    static void generate() throws IOException {
        file = write(dir.resolve("a"), 42);
        weeks = new ArrayList<>();
        try (SnapshotReader reader = SnapshotReader.open(file, SnapshotReader.Options.all())) {
            reader.forEachRemaining(weeks::add);
        }
    }

    private static Path write(Path into, long seed) throws IOException {
        Path snapshot = into.resolve("s.json");
        CalibratedDatasetWriter.write(GeneratorSettings.withDefaultScenarios(seed,
                        WeeklySizes.fixed(FIRST, WEEKS, 700, 3500)), snapshot, into.resolve("id_to_info.json"),
                into.resolve("scenarios.json"), SnapshotDatasetWriter.Progress.NONE);
        return snapshot;
    }

    @Test
    void sameSeedSameBytesOtherSeedOtherBytes() throws IOException {
        Path again = write(dir.resolve("b"), 42);
        Path other = write(dir.resolve("c"), 43);
        for (String name : List.of("s.json", "id_to_info.json", "scenarios.json")) {
            assertThat(Files.readAllBytes(again.resolveSibling(name)))
                    .as(name).isEqualTo(Files.readAllBytes(file.resolveSibling(name)));
        }
        assertThat(Files.readAllBytes(other)).isNotEqualTo(Files.readAllBytes(file));
    }

    @Test
    void theRealNamespaceAndItsQuirks() throws IOException {
        ProtocolDirectory mapping = ProtocolDirectory.load(file.resolveSibling("id_to_info.json"));
        Set<String> sectors = Arrays.stream(SectorGroup.values()).map(SectorGroup::label).collect(Collectors.toSet());
        long raw = 0;
        long nonPositive = 0;
        for (WeekSnapshot w : weeks) {
            assertThat(w.nullIdNodes()).as("the null-id node, %s", w.week()).isEqualTo(1);
            assertThat(w.nullIdLinks()).isPositive();
            assertThat(w.nodes()).extracting(SnapshotNode::id).contains("None", "LP", "OTHER", "UNKNOWN", "USDT", "WETH");
            int protocols = 0;
            Set<String> linked = new HashSet<>();
            for (SnapshotLink l : w.links()) {
                linked.add(l.source());
                linked.add(l.target());
            }
            for (SnapshotNode n : w.nodes()) {
                if (NodeKind.classify(n.id()) == NodeKind.PROTOCOL) {
                    assertThat(n.id()).containsOnlyDigits();
                    assertThat(mapping.lookup(n.id())).isPresent();
                    assertThat(sectors).contains(mapping.lookup(n.id()).orElseThrow().category());
                    protocols += linked.contains(n.id()) ? 1 : 0;
                }
            }
            double tokenShare = 1 - (double) protocols / linked.size();
            assertThat(tokenShare).as("token-node share, %s", w.week()).isBetween(0.50, 0.65);
            raw += w.links().size() + w.droppedLinks();
            nonPositive += w.nonPositiveLinks();
        }
        assertThat((double) nonPositive / raw).isBetween(0.07, 0.11);
    }

    @Test
    void linksChurnAtTheRealRateWhileNodesStay() {
        double persistence = 0;
        double overlap = 0;
        for (int t = 1; t < weeks.size(); t++) {
            Set<String> before = ids(weeks.get(t - 1));
            Set<String> after = ids(weeks.get(t));
            Set<String> old = pairs(weeks.get(t - 1));
            int positives = 0;
            int persisted = 0;
            for (String pair : pairs(weeks.get(t))) {
                String[] ends = pair.split("\t");
                if (before.contains(ends[0]) && before.contains(ends[1])) {
                    positives++;
                    persisted += old.contains(pair) ? 1 : 0;
                }
            }
            persistence += (double) persisted / positives / (weeks.size() - 1);
            overlap += (double) before.stream().filter(after::contains).count() / before.size() / (weeks.size() - 1);
        }
        assertThat(persistence).isBetween(0.45, 0.60);
        assertThat(overlap).isGreaterThanOrEqualTo(0.95);
    }

    /** New links are not coin flips: many re-open a link of the last weeks, and they go to popular targets. */
    @Test
    void newLinksHaveStructure() {
        int fresh = 0;
        int reopened = 0;
        double targetInDegree = 0;
        double nodeInDegree = 0;
        int t0 = 10;
        for (int t = t0; t < weeks.size(); t++) {
            Set<String> previous = pairs(weeks.get(t - 1));
            Set<String> earlier = new HashSet<>();
            for (int k = t - 9; k < t - 1; k++) {
                earlier.addAll(pairs(weeks.get(k)));
            }
            Map<String, Integer> inDegree = new HashMap<>();
            for (SnapshotLink l : weeks.get(t - 1).links()) {
                inDegree.merge(l.target(), 1, Integer::sum);
            }
            for (String pair : pairs(weeks.get(t))) {
                if (!previous.contains(pair)) {
                    fresh++;
                    reopened += earlier.contains(pair) ? 1 : 0;
                    targetInDegree += inDegree.getOrDefault(pair.split("\t")[1], 0);
                }
            }
            nodeInDegree += (double) weeks.get(t - 1).links().size() / weeks.get(t - 1).nodes().size();
        }
        assertThat((double) reopened / fresh).as("re-opened share of new links").isGreaterThan(0.2);
        // A uniformly drawn target has the mean in-degree; new links go to far more popular ones.
        assertThat(targetInDegree / fresh).isGreaterThan(5 * nodeInDegree / (weeks.size() - t0));
    }

    @Test
    void terraAndFtxAreTokenNodesThatCollapse() throws IOException {
        List<ScenarioGroundTruth> truths = ScenarioManifest.read(file.resolveSibling("scenarios.json"));
        assertThat(truths).extracting(ScenarioGroundTruth::name).containsExactly("terra-like", "ftx-like");
        ScenarioGroundTruth terra = truths.get(0);
        assertThat(terra.issuerTokens()).containsExactly("UST", "LUNA");
        assertThat(truths.get(1).issuerTokens()).containsExactly("FTT");
        for (ScenarioGroundTruth s : truths) {
            WeekSnapshot baseline = week(s.baselineWeek());
            WeekSnapshot after = week(s.weeks().get(1));
            for (String token : s.issuerTokens()) {
                assertThat(NodeKind.classify(token)).isEqualTo(NodeKind.TOKEN_BUCKET);
                assertThat(holders(baseline, token)).as("holders of %s", token).isGreaterThanOrEqualTo(12);
                assertThat(size(after, token)).as("%s held value", token).isLessThan(0.1 * size(baseline, token));
            }
            double clusterBefore = s.clusterIds().stream().mapToDouble(id -> size(baseline, id)).sum();
            double clusterAfter = s.clusterIds().stream().mapToDouble(id -> size(after, id)).sum();
            assertThat(clusterAfter).isLessThan(0.3 * clusterBefore);
            assertThat(s.observed()).hasSize(3);
        }
        // The largest nodes by held value before Terra include UST: a big token node, not a side show.
        WeekSnapshot before = week(terra.baselineWeek());
        List<String> largest = before.nodes().stream().filter(n -> NodeKind.classify(n.id()) != NodeKind.PROTOCOL)
                .sorted((a, b) -> Double.compare(b.tvlUsd(), a.tvlUsd())).limit(15).map(SnapshotNode::id).toList();
        assertThat(largest).contains("UST");
    }

    @Test
    void decoysAreRecordedAndLookLikeDecoys() throws IOException {
        List<CalibratedScenarios.Decoy> decoys = CalibratedDatasetWriter.readDecoys(file.resolveSibling("scenarios.json"));
        assertThat(decoys).extracting(CalibratedScenarios.Decoy::name)
                .containsExactly("market-drawdown", "isolated-hack", "small-token-crashes");
        CalibratedScenarios.Decoy hack = decoys.get(1);
        String hacked = hack.ids().get(0);
        for (WeekSnapshot w : weeks) {
            assertThat(w.links()).noneMatch(l -> l.target().equals(hacked));
        }
        assertThat(size(week(hack.week()), hacked)).isLessThan(0.1 * size(week(hack.week().minusWeeks(1)), hacked));
        CalibratedScenarios.Decoy small = decoys.get(2);
        for (String token : small.ids()) {
            WeekSnapshot before = week(small.week().minusWeeks(1));
            assertThat(holders(before, token)).isBetween(1, 2);
            double ratio = size(week(small.week()), token) / size(before, token);
            assertThat(ratio).as("%s after/before", token).isBetween(0.05, 0.45);
        }
        assertThat(Files.readString(file.resolveSibling("scenarios.json"))).contains("\"version\" : 2",
                "\"expect\" : \"at most warning\"", "\"critical\"");
    }

    private static WeekSnapshot week(LocalDate date) {
        return weeks.stream().filter(w -> w.week().equals(date)).findFirst().orElseThrow();
    }

    private static double size(WeekSnapshot w, String id) {
        return w.nodes().stream().filter(n -> n.id().equals(id)).mapToDouble(SnapshotNode::tvlUsd).sum();
    }

    private static int holders(WeekSnapshot w, String id) {
        return (int) w.links().stream().filter(l -> l.target().equals(id)).count();
    }

    private static Set<String> ids(WeekSnapshot w) {
        return w.nodes().stream().map(SnapshotNode::id).collect(Collectors.toSet());
    }

    private static Set<String> pairs(WeekSnapshot w) {
        return w.links().stream().map(l -> l.source() + "\t" + l.target()).collect(Collectors.toSet());
    }
}
