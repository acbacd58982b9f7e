package io.dexposure.replayer.generate;

import com.fasterxml.jackson.databind.JsonNode;
import io.dexposure.replayer.generate.WeeklySizes.WeekSize;
import io.dexposure.snapshot.ProtocolDirectory;
import io.dexposure.snapshot.SnapshotLink;
import io.dexposure.snapshot.WeekSnapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ExposureNetworkGeneratorTest {
    private static final Pattern PROTOCOL_ID = Pattern.compile("\\d+");
    private static final Set<String> BUCKETS = Set.of("USDT", "USDC", "WETH", "WBTC", "LP", "UNKNOWN", "OTHER");

    /** Six weeks around the Terra-like collapse, so the scripted path is part of the byte comparison. */
    private static GeneratorSettings smallRun(long seed) {
        return GeneratorSettings.withDefaultScenarios(seed, WeeklySizes.fixed(LocalDate.of(2022, 4, 25), 6, 200, 900));
    }

    @Test
    void sameSeedGivesTheSameBytes() {
        byte[] first = GeneratedOutput.bytes(smallRun(42));
        byte[] second = GeneratedOutput.bytes(smallRun(42));
        assertThat(first.length).isGreaterThan(10_000);
        assertThat(second).isEqualTo(first);
    }

    @Test
    void differentSeedGivesDifferentBytes() {
        assertThat(GeneratedOutput.bytes(smallRun(43))).isNotEqualTo(GeneratedOutput.bytes(smallRun(42)));
    }

    @Test
    void fixedSizesAreMetExactlyAndTheFileHasTheDatasetFormat() {
        WeeklySizes sizes = WeeklySizes.fixed(LocalDate.of(2020, 3, 23), 5, 300, 1400);
        JsonNode data = GeneratedOutput.data(GeneratedOutput.bytes(GeneratorSettings.withDefaultScenarios(7, sizes)));
        assertWeeksMatch(data, sizes);
    }

    @Test
    void csvSizesTimesScaleAreMetExactly(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("counts.csv");
        Files.writeString(csv, "date,num_nodes,num_links,density\n"
                + "2022-05-02,4329,17721,0.0009\n"
                + "2022-05-09,4412,18201,0.0009\n"
                + "2022-05-16,4542,19285,0.0009\n"
                + "2022-05-23,3530,15344,0.0009\n"
                + "2022-05-30,4676,20320,0.0009\n"
                + "2022-06-06,9,8,0.1\n", StandardCharsets.UTF_8);
        WeeklySizes sizes = WeeklySizes.fromCsv(csv, 0.1);
        assertThat(sizes.weeks()).extracting(WeekSize::nodes).containsExactly(433, 441, 454, 353, 468, 50);
        assertThat(sizes.weeks().get(0).links()).isEqualTo(1772);
        assertThat(sizes.weeks().get(5).links()).isEqualTo(WeeklySizes.minLinks(50));
        JsonNode data = GeneratedOutput.data(GeneratedOutput.bytes(GeneratorSettings.withDefaultScenarios(3, sizes)));
        assertWeeksMatch(data, sizes);
    }

    @Test
    void realScaleWeekHasTheRequestedCountsAndConsistentSizes() {
        GeneratedWeek week = ExposureNetworkGenerator.singleWeek(1, 11_000, 75_000);
        assertThat(week.nodeCount()).isEqualTo(11_000);
        assertThat(week.linkCount()).isEqualTo(75_000);
        long[] outgoing = new long[week.nodeCount()];
        long[] bucketIncoming = new long[week.nodeCount()];
        for (int l = 0; l < week.linkCount(); l++) {
            long sum = 0;
            for (int e = 0; e < week.linkCompositionSize(l); e++) {
                sum += week.linkCompositionCents(l, e);
            }
            assertThat(week.linkSizeCents(l)).isEqualTo(sum).isPositive();
            assertThat(week.linkSource(l)).isNotEqualTo(week.linkTarget(l));
            outgoing[week.linkSource(l)] += sum;
            bucketIncoming[week.linkTarget(l)] += sum;
        }
        for (int n = 0; n < week.nodeCount(); n++) {
            long sum = 0;
            for (int e = 0; e < week.nodeCompositionSize(n); e++) {
                sum += week.nodeCompositionCents(n, e);
            }
            assertThat(week.nodeSizeCents(n)).isEqualTo(sum).isPositive();
            if (BUCKETS.contains(week.nodeId(n))) {
                assertThat(week.nodeSizeCents(n)).isEqualTo(bucketIncoming[n]);
            } else {
                assertThat(outgoing[n]).isLessThanOrEqualTo(week.nodeSizeCents(n));
            }
        }
    }

    @Test
    void tvlIsHeavyTailedAndCategoriesAreDefiLlamaLike() {
        ExposureNetworkGenerator generator = new ExposureNetworkGenerator(GeneratorSettings.withoutScenarios(5,
                WeeklySizes.fixed(LocalDate.of(2023, 1, 2), 1, 3000, 15_000)));
        GeneratedWeek week = generator.nextWeek();
        ProtocolDirectory directory = generator.protocolDirectory();
        int protocols = 0;
        int above10B = 0;
        int below10M = 0;
        Map<String, Integer> categories = new HashMap<>();
        for (int n = 0; n < week.nodeCount(); n++) {
            if (!PROTOCOL_ID.matcher(week.nodeId(n)).matches()) {
                continue;
            }
            protocols++;
            double tvl = week.nodeTvlUsd(n);
            above10B += tvl >= 1e10 ? 1 : 0;
            below10M += tvl < 1e7 ? 1 : 0;
            categories.merge(directory.lookup(week.nodeId(n)).orElseThrow().category(), 1, Integer::sum);
        }
        assertThat(above10B).isBetween(2, 10);
        assertThat((double) below10M / protocols).isGreaterThan(0.6);
        assertThat(categories).containsKeys("Lending", "Dexes", "CDP", "Liquid Staking", "Yield",
                "Yield Aggregator", "Bridge", "CEX", "Algo-Stables", "Derivatives", "Services", "RWA");
        assertThat(categories.get("Dexes")).isGreaterThan(categories.get("Lending"));
        assertThat(categories.get("Lending")).isGreaterThan(categories.get("CEX"));
    }

    @Test
    void widelyHeldIssuersAreStakingStablecoinAndExchangeTokens() {
        ExposureNetworkGenerator generator = new ExposureNetworkGenerator(GeneratorSettings.withoutScenarios(9,
                WeeklySizes.fixed(LocalDate.of(2023, 1, 2), 1, 3000, 15_000)));
        GeneratedWeek week = generator.nextWeek();
        ProtocolDirectory directory = generator.protocolDirectory();
        int[] inDegree = new int[week.nodeCount()];
        for (int l = 0; l < week.linkCount(); l++) {
            inDegree[week.linkTarget(l)]++;
        }
        List<Integer> protocolNodes = new ArrayList<>();
        for (int n = 0; n < week.nodeCount(); n++) {
            if (PROTOCOL_ID.matcher(week.nodeId(n)).matches()) {
                protocolNodes.add(n);
            }
        }
        protocolNodes.sort((a, b) -> Integer.compare(inDegree[b], inDegree[a]));
        Set<String> hubCategories = Set.of("Liquid Staking", "CDP", "Algo-Stables", "CEX", "Lending", "RWA", "Restaking");
        int hubs = 0;
        for (int n : protocolNodes.subList(0, 10)) {
            hubs += hubCategories.contains(directory.lookup(week.nodeId(n)).orElseThrow().category()) ? 1 : 0;
        }
        assertThat(hubs).isGreaterThanOrEqualTo(7);
        assertThat(inDegree[protocolNodes.get(0)]).isGreaterThan(100);
        assertThat(inDegree[protocolNodes.get(protocolNodes.size() / 2)]).isLessThanOrEqualTo(1);
    }

    @Test
    void protocolsPersistAcrossWeeksAndTheMappingCoversEveryId(@TempDir Path dir) throws IOException {
        GeneratorSettings settings = GeneratorSettings.withDefaultScenarios(11,
                WeeklySizes.fixed(LocalDate.of(2022, 1, 3), 8, 400, 2000));
        Path out = dir.resolve("run.json");
        SnapshotDatasetWriter.write(settings, out, dir.resolve("id_to_info.json"), dir.resolve("scenarios.json"),
                SnapshotDatasetWriter.Progress.NONE);
        ProtocolDirectory directory = ProtocolDirectory.load(dir.resolve("id_to_info.json"));
        JsonNode data = GeneratedOutput.data(Files.readAllBytes(out));
        Set<String> previous = null;
        for (Iterator<String> weeks = data.fieldNames(); weeks.hasNext(); ) {
            Set<String> ids = new HashSet<>();
            for (JsonNode node : data.get(weeks.next()).get("nodes")) {
                String id = node.get("id").asText();
                ids.add(id);
                if (PROTOCOL_ID.matcher(id).matches()) {
                    assertThat(directory.lookup(id)).as("mapping entry for %s", id).isPresent();
                    assertThat(directory.lookup(id).orElseThrow().name()).isNotBlank();
                } else {
                    assertThat(BUCKETS).contains(id);
                }
            }
            if (previous != null) {
                Set<String> kept = new HashSet<>(ids);
                kept.retainAll(previous);
                assertThat(kept.size()).isGreaterThan((int) (0.95 * previous.size()));
            }
            previous = ids;
        }
        assertThat(Files.readString(dir.resolve("id_to_info.json"))).startsWith("{\n    \"");
    }

    @Test
    void weekSnapshotConversionKeepsEverything() {
        GeneratedWeek week = ExposureNetworkGenerator.singleWeek(2, 120, 500);
        WeekSnapshot snapshot = week.toWeekSnapshot();
        assertThat(snapshot.week()).isEqualTo(week.week());
        assertThat(snapshot.nodes()).hasSize(120);
        assertThat(snapshot.links()).hasSize(500);
        assertThat(snapshot.droppedLinks()).isZero();
        assertThat(snapshot.flippedLinks()).isZero();
        for (int l = 0; l < week.linkCount(); l++) {
            SnapshotLink link = snapshot.links().get(l);
            assertThat(link.source()).isEqualTo(week.nodeId(week.linkSource(l)));
            assertThat(link.target()).isEqualTo(week.nodeId(week.linkTarget(l)));
            assertThat(link.exposureUsd()).isEqualTo(week.linkExposureUsd(l));
            assertThat(link.composition().values().stream().mapToDouble(Double::doubleValue).sum())
                    .isCloseTo(link.exposureUsd(), within(1e-6 * link.exposureUsd()));
            assertThat(link.flipped()).isFalse();
        }
        assertThat(snapshot.nodes().get(0).tvlUsd()).isEqualTo(week.nodeTvlUsd(0));
    }

    @Test
    void centsAreWrittenAsPlainDecimals() {
        assertThat(SnapshotFileWriter.formatCents(123450)).isEqualTo("1234.5");
        assertThat(SnapshotFileWriter.formatCents(1705)).isEqualTo("17.05");
        assertThat(SnapshotFileWriter.formatCents(300)).isEqualTo("3.0");
        assertThat(SnapshotFileWriter.formatCents(1)).isEqualTo("0.01");
        assertThat(SnapshotFileWriter.formatCents(4_000_000_000_000L)).isEqualTo("40000000000.0");
    }

    /** Every week: requested counts, the dataset's fields, endpoints among the week's nodes, consistent sizes. */
    private static void assertWeeksMatch(JsonNode data, WeeklySizes sizes) {
        assertThat(data).isNotNull();
        assertThat(data.size()).isEqualTo(sizes.size());
        for (WeekSize expected : sizes.weeks()) {
            JsonNode week = data.get(expected.week().toString());
            assertThat(week).as("week %s", expected.week()).isNotNull();
            assertThat(week.get("nodes").size()).isEqualTo(expected.nodes());
            assertThat(week.get("links").size()).isEqualTo(expected.links());

            Map<String, Map<String, Double>> compositions = new HashMap<>();
            Map<String, Double> sizeOf = new HashMap<>();
            for (JsonNode node : week.get("nodes")) {
                assertThat(node.size()).isEqualTo(3);
                String id = node.get("id").asText();
                double size = node.get("size").asDouble();
                assertThat(node.get("size").isNumber()).isTrue();
                assertThat(size).isGreaterThanOrEqualTo(0);
                Map<String, Double> composition = composition(node.get("composition"));
                assertThat(sumOf(composition)).isCloseTo(size, within(1e-6 * Math.max(1, size)));
                if (BUCKETS.contains(id)) {
                    assertThat(composition).containsOnlyKeys(id);
                }
                assertThat(compositions.put(id, composition)).as("duplicate node %s", id).isNull();
                sizeOf.put(id, size);
            }
            assertThat(sizeOf.keySet()).containsAll(BUCKETS);

            Set<String> pairs = new HashSet<>();
            Map<String, Double> heldOfBucket = new HashMap<>();
            for (JsonNode link : week.get("links")) {
                assertThat(link.size()).isEqualTo(4);
                String source = link.get("source").asText();
                String target = link.get("target").asText();
                double size = link.get("size").asDouble();
                assertThat(sizeOf).containsKeys(source, target);
                assertThat(source).isNotEqualTo(target).matches(PROTOCOL_ID);
                assertThat(pairs.add(source + ">" + target)).as("duplicate link %s>%s", source, target).isTrue();
                assertThat(size).isGreaterThanOrEqualTo(0);
                Map<String, Double> composition = composition(link.get("composition"));
                assertThat(composition).isNotEmpty();
                assertThat(sumOf(composition)).isCloseTo(size, within(1e-6 * Math.max(1, size)));
                // The link is the source's holding of the target's tokens: same tokens, same amounts.
                for (Map.Entry<String, Double> token : composition.entrySet()) {
                    assertThat(compositions.get(source)).containsEntry(token.getKey(), token.getValue());
                }
                if (BUCKETS.contains(target)) {
                    assertThat(composition).containsOnlyKeys(target);
                    heldOfBucket.merge(target, size, Double::sum);
                }
            }
            for (String bucket : BUCKETS) {
                assertThat(heldOfBucket.get(bucket)).isCloseTo(sizeOf.get(bucket), within(1e-6 * sizeOf.get(bucket)));
            }
        }
    }

    private static Map<String, Double> composition(JsonNode object) {
        assertThat(object.isObject()).isTrue();
        Map<String, Double> tokens = new HashMap<>();
        object.fields().forEachRemaining(e -> {
            assertThat(e.getValue().isNumber()).isTrue();
            assertThat(e.getValue().asDouble()).isGreaterThanOrEqualTo(0);
            tokens.put(e.getKey(), e.getValue().asDouble());
        });
        return tokens;
    }

    private static double sumOf(Map<String, Double> composition) {
        return composition.values().stream().mapToDouble(Double::doubleValue).sum();
    }
}
