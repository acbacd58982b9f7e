package io.dexposure.replayer.generate;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The scripted Terra-like and FTX-like collapses, checked on the generated numbers against the ground truth. */
class CrisisScenarioTest {
    private static final LocalDate FIRST = LocalDate.of(2022, 4, 11);
    private static final int WEEKS = 35;
    private static List<GeneratedWeek> weeks;
    private static List<ScenarioGroundTruth> truths;

    @BeforeAll
    static void generate() {
        ExposureNetworkGenerator generator = new ExposureNetworkGenerator(GeneratorSettings.withDefaultScenarios(42,
                WeeklySizes.fixed(FIRST, WEEKS, 400, 2000)));
        weeks = GeneratedOutput.weeks(generator);
        truths = generator.scenarioGroundTruth();
    }

    @Test
    void bothScenariosAreScriptedWithTheirDefaultWeeks() {
        assertThat(truths).extracting(ScenarioGroundTruth::name).containsExactly("terra-like", "ftx-like");
        ScenarioGroundTruth terra = truth("terra-like");
        assertThat(terra.weeks()).containsExactly(LocalDate.of(2022, 5, 9), LocalDate.of(2022, 5, 16));
        assertThat(terra.baselineWeek()).isEqualTo(LocalDate.of(2022, 5, 2));
        assertThat(terra.issuerCategory()).isEqualTo("Algo-Stables");
        assertThat(terra.clusterRole()).isEqualTo("ecosystem");
        ScenarioGroundTruth ftx = truth("ftx-like");
        assertThat(ftx.weeks()).containsExactly(LocalDate.of(2022, 11, 7), LocalDate.of(2022, 11, 14));
        assertThat(ftx.issuerCategory()).isEqualTo("CEX");
        for (ScenarioGroundTruth s : truths) {
            assertThat(s.clusterIds()).isNotEmpty().doesNotContain(s.issuerId());
            assertThat(s.largestCreditorIds()).hasSize(5).doesNotContainAnyElementsOf(s.clusterIds())
                    .doesNotContain(s.issuerId());
            assertThat(s.observed()).extracting(ScenarioGroundTruth.WeekObservation::week)
                    .containsExactly(s.baselineWeek(), s.weeks().get(0), s.weeks().get(1));
        }
    }

    @Test
    void terraLikeIssuerEcosystemAndHoldersCollapse() {
        ScenarioGroundTruth terra = truth("terra-like");
        GeneratedWeek before = week(terra.baselineWeek());
        GeneratedWeek after = week(terra.weeks().get(1));
        assertThat(tvl(after, terra.issuerId()) / tvl(before, terra.issuerId())).isLessThan(0.1);
        for (String member : terra.clusterIds()) {
            assertThat(tvl(after, member) / tvl(before, member)).as("ecosystem member %s", member).isLessThan(0.1);
        }
        assertThat(exposureTo(after, terra.issuerId()) / exposureTo(before, terra.issuerId())).isLessThan(0.1);
        assertCreditorsTakeTheLoss(terra, before, after);
        // The issuer was widely held before the collapse.
        assertThat(holdersOf(before, terra.issuerId())).isGreaterThan(20);
    }

    @Test
    void ftxLikeTokenCollapsesExchangeAndClusterDrain() {
        ScenarioGroundTruth ftx = truth("ftx-like");
        GeneratedWeek before = week(ftx.baselineWeek());
        GeneratedWeek after = week(ftx.weeks().get(1));
        assertThat(tvl(after, ftx.issuerId()) / tvl(before, ftx.issuerId())).isLessThan(0.1);
        assertThat(exposureTo(after, ftx.issuerId()) / exposureTo(before, ftx.issuerId())).isLessThan(0.1);
        for (String member : ftx.clusterIds()) {
            double kept = tvl(after, member) / tvl(before, member);
            assertThat(kept).as("cluster member %s", member).isBetween(0.1, 0.5);
        }
        assertCreditorsTakeTheLoss(ftx, before, after);
    }

    @Test
    void groundTruthMatchesTheWeeks() {
        for (ScenarioGroundTruth s : truths) {
            for (ScenarioGroundTruth.WeekObservation o : s.observed()) {
                GeneratedWeek week = week(o.week());
                assertThat(o.issuerTvlUsd()).isEqualTo(tvl(week, s.issuerId()));
                assertThat(o.exposureToIssuerUsd()).isEqualTo(Math.round(exposureTo(week, s.issuerId()) * 100) / 100.0);
            }
            // Largest creditors: the top holders outside the cluster, largest first.
            GeneratedWeek baseline = week(s.baselineWeek());
            int issuer = baseline.indexOfNode(s.issuerId());
            Set<String> cluster = new HashSet<>(s.clusterIds());
            List<int[]> holders = new ArrayList<>();
            for (int l = 0; l < baseline.linkCount(); l++) {
                if (baseline.linkTarget(l) == issuer && !cluster.contains(baseline.nodeId(baseline.linkSource(l)))) {
                    holders.add(new int[]{baseline.linkSource(l), l});
                }
            }
            holders.sort(Comparator.comparingLong((int[] h) -> -baseline.linkSizeCents(h[1])));
            List<String> top = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                top.add(baseline.nodeId(holders.get(i)[0]));
            }
            assertThat(s.largestCreditorIds()).containsExactlyElementsOf(top);
        }
    }

    @Test
    void bigProtocolsDoNotCrashInCalmWeeks() {
        Set<LocalDate> crisisWeeks = new HashSet<>();
        truths.forEach(s -> crisisWeeks.addAll(s.weeks()));
        for (int i = 1; i < weeks.size(); i++) {
            GeneratedWeek previous = weeks.get(i - 1);
            GeneratedWeek current = weeks.get(i);
            if (crisisWeeks.contains(current.week())) {
                continue;
            }
            Map<String, Double> now = tvlById(current);
            for (String id : largestProtocols(previous, 20)) {
                assertThat(now).as("%s in %s", id, current.week()).containsKey(id);
                assertThat(now.get(id) / tvl(previous, id)).as("%s in %s", id, current.week()).isGreaterThan(0.6);
            }
        }
    }

    @Test
    void withoutScenariosTheRunIsTheSameUntilTheCollapse() {
        ExposureNetworkGenerator calm = new ExposureNetworkGenerator(GeneratorSettings.withoutScenarios(42,
                WeeklySizes.fixed(FIRST, 6, 400, 2000)));
        List<GeneratedWeek> calmWeeks = GeneratedOutput.weeks(calm);
        for (int i = 0; i < 4; i++) {
            assertThat(calmWeeks.get(i).toWeekSnapshot()).isEqualTo(weeks.get(i).toWeekSnapshot());
        }
        assertThat(calmWeeks.get(4).week()).isEqualTo(LocalDate.of(2022, 5, 9));
        assertThat(calmWeeks.get(4).toWeekSnapshot()).isNotEqualTo(weeks.get(4).toWeekSnapshot());
        assertThat(calm.scenarioGroundTruth()).isEmpty();
    }

    @Test
    void scenarioNeedsItsWeekAndTheWeekBeforeInTheRun() {
        WeeklySizes startsAtCollapse = WeeklySizes.fixed(LocalDate.of(2022, 5, 9), 3, 100, 400);
        assertThat(GeneratorSettings.withDefaultScenarios(1, startsAtCollapse).scriptedScenarios()).isEmpty();
        WeeklySizes moved = WeeklySizes.fixed(LocalDate.of(2021, 1, 4), 6, 100, 400);
        GeneratorSettings settings = new GeneratorSettings(1, moved,
                List.of(CrisisScenario.terraLike(LocalDate.of(2021, 1, 25))));
        ExposureNetworkGenerator generator = new ExposureNetworkGenerator(settings);
        GeneratedOutput.weeks(generator);
        assertThat(generator.scenarioGroundTruth()).singleElement()
                .satisfies(s -> assertThat(s.weeks()).containsExactly(LocalDate.of(2021, 1, 25), LocalDate.of(2021, 2, 1)));
    }

    @Test
    void manifestRoundTrips(@TempDir Path dir) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ScenarioManifest.write(42, FIRST, weeks.get(weeks.size() - 1).week(), truths, out);
        Path file = dir.resolve("scenarios.json");
        Files.write(file, out.toByteArray());
        List<ScenarioGroundTruth> read = ScenarioManifest.read(file);
        assertThat(read).hasSize(2);
        for (int i = 0; i < 2; i++) {
            ScenarioGroundTruth expected = truths.get(i);
            ScenarioGroundTruth actual = read.get(i);
            assertThat(actual.name()).isEqualTo(expected.name());
            assertThat(actual.weeks()).isEqualTo(expected.weeks());
            assertThat(actual.issuerId()).isEqualTo(expected.issuerId());
            assertThat(actual.issuerTokens()).isEqualTo(expected.issuerTokens());
            assertThat(actual.clusterIds()).isEqualTo(expected.clusterIds());
            assertThat(actual.largestCreditorIds()).isEqualTo(expected.largestCreditorIds());
            assertThat(actual.observed()).isEqualTo(expected.observed());
        }
    }

    /** Each largest creditor's exposure collapses and its own TVL falls, by about what it held of the issuer. */
    private static void assertCreditorsTakeTheLoss(ScenarioGroundTruth s, GeneratedWeek before, GeneratedWeek after) {
        double exposureBefore = 0;
        double tvlLoss = 0;
        for (String creditor : s.largestCreditorIds()) {
            double held = exposure(before, creditor, s.issuerId());
            assertThat(exposure(after, creditor, s.issuerId()) / held).as("creditor %s", creditor).isLessThan(0.1);
            assertThat(tvl(after, creditor)).as("creditor %s", creditor).isLessThan(tvl(before, creditor));
            exposureBefore += held;
            tvlLoss += tvl(before, creditor) - tvl(after, creditor);
        }
        assertThat(tvlLoss).isGreaterThan(0.5 * exposureBefore);
    }

    private static ScenarioGroundTruth truth(String name) {
        return truths.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    private static GeneratedWeek week(LocalDate date) {
        return weeks.stream().filter(w -> w.week().equals(date)).findFirst().orElseThrow();
    }

    private static double tvl(GeneratedWeek week, String id) {
        int node = week.indexOfNode(id);
        assertThat(node).as("%s in %s", id, week.week()).isNotNegative();
        return week.nodeTvlUsd(node);
    }

    private static Map<String, Double> tvlById(GeneratedWeek week) {
        Map<String, Double> byId = new HashMap<>();
        for (int n = 0; n < week.nodeCount(); n++) {
            byId.put(week.nodeId(n), week.nodeTvlUsd(n));
        }
        return byId;
    }

    private static List<String> largestProtocols(GeneratedWeek week, int count) {
        List<Integer> nodes = new ArrayList<>();
        for (int n = 0; n < week.nodeCount(); n++) {
            if (week.nodeId(n).chars().allMatch(Character::isDigit)) {
                nodes.add(n);
            }
        }
        nodes.sort(Comparator.comparingLong((Integer n) -> -week.nodeSizeCents(n)));
        return nodes.subList(0, count).stream().map(week::nodeId).toList();
    }

    private static double exposureTo(GeneratedWeek week, String target) {
        int node = week.indexOfNode(target);
        double sum = 0;
        for (int l = 0; l < week.linkCount(); l++) {
            if (week.linkTarget(l) == node) {
                sum += week.linkExposureUsd(l);
            }
        }
        return sum;
    }

    private static int holdersOf(GeneratedWeek week, String target) {
        int node = week.indexOfNode(target);
        int holders = 0;
        for (int l = 0; l < week.linkCount(); l++) {
            holders += week.linkTarget(l) == node ? 1 : 0;
        }
        return holders;
    }

    private static double exposure(GeneratedWeek week, String source, String target) {
        int s = week.indexOfNode(source);
        int t = week.indexOfNode(target);
        for (int l = 0; l < week.linkCount(); l++) {
            if (week.linkSource(l) == s && week.linkTarget(l) == t) {
                return week.linkExposureUsd(l);
            }
        }
        return 0;
    }
}
