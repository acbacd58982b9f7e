package io.dexposure.replayer.pull;

import io.dexposure.snapshot.SnapshotLink;
import io.dexposure.snapshot.SnapshotNode;
import io.dexposure.snapshot.WeekSnapshot;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Holdings into the week's network, checked against the hand-computed fixture week (src/test/resources/pull/README.md)
 * link by link and size by size, and against the dataset's real mapping files.
 */
class ExposureNetworkBuilderTest {
    static final LocalDate WEEK_1 = LocalDate.of(2025, 8, 25);
    static final String UNKNOWN_LENDO = "UNKNOWN (ethereum:0x1111111111111111111111111111111111111111)";

    /** The fixture's week 1, computed by hand (README). */
    static List<SnapshotNode> expectedWeek1Nodes() {
        return List.of(
                node("400", 5000, Map.of()),                      // misrepresentedTokens: DefiLlama's TVL, no breakdown
                node("200", 4000, Map.of("WETH", 4000.0)),
                node("100", 2050, Map.of("USDT", 1200.0, "WETH", 500.0, "STTKN", 300.0, "LND", 50.0)),
                node("300", 1130, ordered("LND", 100.0, "STTKN", 700.0, "USDC-WETH-LP", 250.0, "CRV-GAUGE", 80.0,
                        "USDC", -30.0, UNKNOWN_LENDO, 20.0, "coingecko:stako", 10.0)),
                node("500", 700, Map.of()),                       // no token breakdown
                node("WETH", 4500, Map.of("WETH", 4500.0)),
                node("USDT", 1200, Map.of("USDT", 1200.0)),
                node("LP", 250, Map.of("LP", 250.0)),
                node("OTHER", 80, Map.of("OTHER", 80.0)),
                node("USDC", 0, Map.of("USDC", 0.0)));            // net -30 held: clamped
    }

    static List<SnapshotLink> expectedWeek1Links() {
        return List.of(
                link("200", "WETH", 4000, Map.of("WETH", 4000.0), false),
                link("100", "USDT", 1200, Map.of("USDT", 1200.0), false),
                link("100", "WETH", 500, Map.of("WETH", 500.0), false),
                link("100", "200", 300, Map.of("STTKN", 300.0), false),
                link("100", "100", 50, Map.of("LND", 50.0), false),  // its own token: a self-loop
                link("300", "200", 710, Map.of("STTKN", 700.0, "coingecko:stako", 10.0), false),
                link("300", "LP", 250, Map.of("USDC-WETH-LP", 250.0), false),
                link("300", "100", 120, Map.of("LND", 100.0, UNKNOWN_LENDO, 20.0), false),
                link("300", "OTHER", 80, Map.of("CRV-GAUGE", 80.0), false),
                link("USDC", "300", 30, Map.of("USDC", 30.0), true)); // a negative holding, turned round
    }

    private static SnapshotNode node(String id, double size, Map<String, Double> composition) {
        return new SnapshotNode(id, size, composition);
    }

    private static SnapshotLink link(String source, String target, double size, Map<String, Double> composition,
                                     boolean flipped) {
        return new SnapshotLink(source, target, size, composition, flipped);
    }

    private static Map<String, Double> ordered(Object... tokenAndUsd) {
        Map<String, Double> map = new LinkedHashMap<>();
        for (int i = 0; i < tokenAndUsd.length; i += 2) {
            map.put((String) tokenAndUsd[i], (Double) tokenAndUsd[i + 1]);
        }
        return map;
    }

    private static ExposureNetwork buildFixtureWeek1() throws Exception {
        List<ProtocolAtWeek> protocols = PullFixtures.protocolsAt(Instant.parse("2025-08-25T00:00:00Z"));
        return new ExposureNetworkBuilder(TokenIssuerMapping.of(Map.of(), Map.of(), PullFixtures.LISTED))
                .build(WEEK_1, protocols);
    }

    @Test
    void theFixtureWeekGivesExactlyTheHandComputedNodesAndLinks() throws Exception {
        WeekSnapshot week = buildFixtureWeek1().snapshot();

        assertThat(week.week()).isEqualTo(WEEK_1);
        assertThat(week.nodes()).containsExactlyElementsOf(expectedWeek1Nodes());
        assertThat(week.links()).containsExactlyElementsOf(expectedWeek1Links());
        assertThat(week.flippedLinks()).isEqualTo(1);
        assertThat(week.droppedLinks()).isZero();
    }

    @Test
    void theFixtureWeeksFiguresAndFlags() throws Exception {
        NetworkStats stats = buildFixtureWeek1().stats();

        assertThat(stats).isEqualTo(new NetworkStats(5, 0, 5, 10, 1, 1, 12_880, 11_750, List.of("300"),
                List.of("400"), 1, 1, 7_240));
    }

    @Test
    void misrepresentedTokensKeepTheNodeButDrawNoExposures() throws Exception {
        ExposureNetwork network = buildFixtureWeek1();

        assertThat(network.snapshot().links()).noneMatch(l -> l.source().equals("400") || l.target().equals("400"));
        assertThat(network.snapshot().nodes()).filteredOn(n -> n.id().equals("400")).singleElement()
                .isEqualTo(node("400", 5000, Map.of()));
        // its wrong breakdown (9999 of USDT) is in no bucket either
        assertThat(network.snapshot().nodes()).filteredOn(n -> n.id().equals("USDT")).singleElement()
                .extracting(SnapshotNode::tvlUsd).isEqualTo(1200.0);
    }

    @Test
    void doublecountedProtocolsStayNodesWithTheirExposuresAndTotalsAreGivenBothWays() throws Exception {
        ExposureNetwork network = buildFixtureWeek1();

        assertThat(network.snapshot().links()).filteredOn(l -> l.source().equals("300")).hasSize(4);
        assertThat(network.stats().totalTvlUsd() - network.stats().totalTvlUsdWithoutDoublecounted()).isEqualTo(1130.0);
    }

    @Test
    void anIssuerNotPulledIsANodeOfSizeZero() {
        ListedProtocol holder = TokenIssuerMappingTest.protocol("1", "-", null, null, 10);
        ProtocolHoldings holds = holdings(Map.of("GOV", 40.0, "USDT", 60.0));
        TokenIssuerMapping mapping = TokenIssuerMapping.of(Map.of("GOV", "999"), Map.of(), List.of(holder));

        WeekSnapshot week = new ExposureNetworkBuilder(mapping).build(WEEK_1,
                List.of(new ProtocolAtWeek(holder, holds))).snapshot();

        assertThat(week.nodes()).containsExactly(node("1", 100, Map.of("GOV", 40.0, "USDT", 60.0)),
                node("999", 0, Map.of()), node("USDT", 60, Map.of("USDT", 60.0)));
        assertThat(week.links()).containsExactly(link("1", "USDT", 60, Map.of("USDT", 60.0), false),
                link("1", "999", 40, Map.of("GOV", 40.0), false));
    }

    @Test
    void holdingsThatCancelOutMakeNoLinkAndANegativeTotalIsClamped() {
        ListedProtocol holder = TokenIssuerMappingTest.protocol("1", "-", null, null, 10);
        ProtocolHoldings holds = holdings(ordered("USDT", 5.0, "USDT.E", -5.0, "DAI", -20.0));
        TokenIssuerMapping mapping = TokenIssuerMapping.of(Map.of("USDT.E", "USDT"), Map.of(), List.of(holder));

        ExposureNetwork network = new ExposureNetworkBuilder(mapping).build(WEEK_1,
                List.of(new ProtocolAtWeek(holder, holds)));

        assertThat(network.snapshot().links()).containsExactly(link("DAI", "1", 20, Map.of("DAI", 20.0), true));
        assertThat(network.snapshot().nodes()).extracting(SnapshotNode::id, SnapshotNode::tvlUsd)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("1", 0.0),
                        org.assertj.core.groups.Tuple.tuple("DAI", 0.0)); // no USDT node: nothing net held
        assertThat(network.stats().clampedNodes()).isEqualTo(2); // the holder (-20 in all) and DAI
    }

    @Test
    void withTheRealMappingFilesTokensGoWhereTheDatasetPutThem() throws Exception {
        assumeTrue(Files.isRegularFile(TokenIssuerMappingTest.REAL_MAPPING.resolve(
                        TokenIssuerMapping.TOKEN_TO_PROTOCOL_FILE)),
                "real mapping files not found at " + TokenIssuerMappingTest.REAL_MAPPING.toAbsolutePath().normalize()
                        + "; skipped");
        ListedProtocol holder = TokenIssuerMappingTest.protocol("9001", "-", null, null, 1000);
        ProtocolHoldings holds = holdings(ordered("USDT", 100.0, "DAI", 50.0, "WSTETH", 30.0, "STETH", 6.0,
                "USDC-FODL-SLP", 5.0, "20WETH-80WNCG-GAUGE", 7.0,
                "UNKNOWN (bsc:0x9f998d62b81af019e3346af141f90cccd679825e)", 3.0, "JITOSOL", 2.0));
        TokenIssuerMapping mapping = TokenIssuerMapping.load(TokenIssuerMappingTest.REAL_MAPPING, List.of(holder));

        WeekSnapshot week = new ExposureNetworkBuilder(mapping).build(WEEK_1,
                List.of(new ProtocolAtWeek(holder, holds))).snapshot();

        assertThat(week.links()).extracting(SnapshotLink::target, SnapshotLink::exposureUsd).containsExactly(
                org.assertj.core.groups.Tuple.tuple("USDT", 100.0),
                org.assertj.core.groups.Tuple.tuple("118", 50.0),     // DAI: MakerDAO
                org.assertj.core.groups.Tuple.tuple("182", 36.0),     // wstETH + stETH: Lido, one link
                org.assertj.core.groups.Tuple.tuple("OTHER", 7.0),
                org.assertj.core.groups.Tuple.tuple("LP", 5.0),
                org.assertj.core.groups.Tuple.tuple("UNKNOWN", 3.0),
                org.assertj.core.groups.Tuple.tuple("JITOSOL", 2.0));
        assertThat(week.links().get(2).composition()).isEqualTo(Map.of("WSTETH", 30.0, "STETH", 6.0));
        assertThat(week.nodes()).extracting(SnapshotNode::id).containsExactly("9001", "118", "182", "USDT", "OTHER",
                "LP", "UNKNOWN", "JITOSOL");
    }

    static ProtocolHoldings holdings(Map<String, Double> tokens) {
        double tvl = tokens.values().stream().mapToDouble(Double::doubleValue).sum();
        return new ProtocolHoldings(true, tvl, tvl, tokens, Map.of("Ethereum", tokens), List.of(), Set.of(), false,
                false);
    }
}
