package io.dexposure.replayer.pull;

import io.dexposure.replayer.pull.FixtureServer.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

/**
 * The DefiLlama client and history reader on fixtures shaped as DefiLlama documents its responses (DefiLlama/docs
 * api.md). The fixtures and the values they hold at each week are described in src/test/resources/pull/README.md.
 */
class DefiLlamaClientTest {
    static final Instant WEEK_1 = Instant.parse("2025-08-25T00:00:00Z");
    static final Instant WEEK_2 = Instant.parse("2025-09-01T00:00:00Z");
    static final Duration MAX_AGE = Duration.ofHours(48);

    @TempDir
    Path cacheDir;

    private FixtureServer server;
    private DefiLlamaClient client;

    @BeforeEach
    void start() throws Exception {
        server = PullFixtures.defiLlama(new FixtureServer());
        client = new DefiLlamaClient(TestApis.client(DefiLlamaClient.API, cacheDir, TestApis.fast(2),
                new TestApis.RecordingSleeper()), server.url(), Optional.empty());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void theProtocolListGivesIdsSlugsTokensAndFlags() throws Exception {
        List<ListedProtocol> protocols = client.protocols();

        assertThat(protocols).extracting(ListedProtocol::id)
                .containsExactly("100", "200", "300", "400", "500", "600", "700", "800");
        ListedProtocol lendo = protocols.get(0);
        assertThat(lendo).isEqualTo(new ListedProtocol("100", "Lendo", "lendo", "Lending", "LND",
                "0x1111111111111111111111111111111111111111", "lendo", List.of("Ethereum", "Arbitrum"), false, false,
                2100.5, null));
        assertThat(protocols.get(2).doublecounted()).isTrue();
        assertThat(protocols.get(3).misrepresentedTokens()).isTrue();
        assertThat(protocols.get(2).symbol()).isEqualTo("-");
        assertThat(protocols.get(2).address()).isNull();
    }

    @Test
    void onlyTvlChainBucketsCountAndTheWeeksOwnPointIsTaken() throws Exception {
        Path history = client.protocolHistory("lendo").orElseThrow();

        ProtocolHoldings week1 = ProtocolHistoryReader.read(history, WEEK_1, MAX_AGE, "lendo");
        ProtocolHoldings week2 = ProtocolHistoryReader.read(history, WEEK_2, MAX_AGE, "lendo");

        // Ethereum + Arbitrum only: the -borrowed and -staking buckets (and their cross-chain sums) are left out.
        assertThat(week1.tokensUsd()).containsExactly(entry("USDT", 1200.0), entry("WETH", 500.0),
                entry("STTKN", 300.0), entry("LND", 50.0));
        assertThat(week1.tvlUsd()).isEqualTo(2050.0);
        assertThat(week1.reportedTvlUsd()).isEqualTo(2050.0);
        assertThat(week1.excludedChainKeys()).containsExactly("Arbitrum-borrowed", "Ethereum-borrowed",
                "Ethereum-staking", "borrowed", "staking");
        assertThat(week1.tokensUsdByChain().get("Ethereum")).containsExactly(entry("USDT", 1000.0),
                entry("WETH", 500.0), entry("STTKN", 300.0));
        assertThat(week1.chainsWithoutBreakdown()).isEmpty();
        assertThat(week2.tokensUsd()).containsEntry("USDT", 1300.0);
    }

    @Test
    void betweenDailyPointsTheLastOneBeforeIsTaken() throws Exception {
        Path history = client.protocolHistory("lendo").orElseThrow();

        // Wednesday noon: the Wednesday 00:00 point (a decoy day: every value x1.5), not Thursday's.
        ProtocolHoldings wednesday = ProtocolHistoryReader.read(history, WEEK_1.plus(Duration.ofHours(2 * 24 + 12)),
                MAX_AGE, "lendo");

        assertThat(wednesday.tokensUsd()).containsEntry("USDT", 1800.0);
    }

    @Test
    void aProtocolWithoutAPointNearTheWeekHasNoData() throws Exception {
        ProtocolHoldings stopped = ProtocolHistoryReader.read(client.protocolHistory("oldie").orElseThrow(), WEEK_1,
                MAX_AGE, "oldie");
        ProtocolHoldings notYetLaunched = ProtocolHistoryReader.read(client.protocolHistory("later").orElseThrow(),
                WEEK_2, MAX_AGE, "later");

        assertThat(stopped.hasData()).isFalse();
        assertThat(notYetLaunched.hasData()).isFalse();
    }

    @Test
    void withoutATokenBreakdownTheChainTvlIsTheSize() throws Exception {
        ProtocolHoldings tiny = ProtocolHistoryReader.read(client.protocolHistory("tiny").orElseThrow(), WEEK_1,
                MAX_AGE, "tiny");

        assertThat(tiny.hasData()).isTrue();
        assertThat(tiny.tvlUsd()).isEqualTo(700.0);
        assertThat(tiny.tokensUsd()).isEmpty();
        assertThat(tiny.chainsWithoutBreakdown()).containsExactly("Ethereum");
    }

    @Test
    void misrepresentedTokensAndDoublecountedFlagsAreReadFromTheHistoryToo() throws Exception {
        ProtocolHoldings bridgy = ProtocolHistoryReader.read(client.protocolHistory("bridgy").orElseThrow(), WEEK_1,
                MAX_AGE, "bridgy");
        ProtocolHoldings vaulty = ProtocolHistoryReader.read(client.protocolHistory("vaulty").orElseThrow(), WEEK_1,
                MAX_AGE, "vaulty");

        assertThat(bridgy.misrepresentedTokens()).isTrue();
        assertThat(bridgy.reportedTvlUsd()).isEqualTo(5000.0); // DefiLlama's TVL; the server sends no token histories
        assertThat(vaulty.doublecounted()).isTrue();
        // A treasury adapter's <Chain>-OwnTokens has a dash: never chain TVL (the 1130 below leaves its 3000 out).
        assertThat(vaulty.excludedChainKeys()).containsExactlyInAnyOrder("Ethereum-OwnTokens", "Ethereum-vesting", "Polygon-treasury");
        assertThat(vaulty.tvlUsd()).isEqualTo(1130.0);
    }

    @Test
    void aMissingProtocolIsEmptyNotAnError() throws Exception {
        assertThat(client.protocolHistory("gone")).isEmpty();
    }

    @Test
    void aHistoryOfTheWrongShapeIsAClearError() throws Exception {
        server.script("/protocol/odd", Reply.json("{\"chainTvls\": {\"Ethereum\": {\"tvl\": [3, 4]}}}"));
        Path odd = client.protocolHistory("odd").orElseThrow();

        assertThatThrownBy(() -> ProtocolHistoryReader.read(odd, WEEK_1, MAX_AGE, DefiLlamaClient.describeHistory("odd")))
                .isInstanceOf(ApiRequestException.class)
                .hasMessageContaining("DefiLlama /protocol/odd, chain Ethereum, tvl: expected {date, ...} objects");
    }

    @Test
    void aProtocolListThatIsNotAnArrayIsAClearError() throws Exception {
        server.script("/protocols", Reply.json("{\"message\": \"rate limited\"}"));
        Files.walk(cacheDir).sorted(java.util.Comparator.reverseOrder()).filter(p -> !p.equals(cacheDir))
                .forEach(p -> p.toFile().delete());

        assertThatThrownBy(() -> client.protocols())
                .hasMessageContaining("DefiLlama GET " + server.url() + "/protocols: expected a JSON array of protocols");
    }

    @Test
    void chainKeysThatAreNotTvl() {
        assertThat(List.of("Ethereum", "zkSync Era", "Arbitrum Nova", "BSC", "Hyperliquid L1"))
                .allMatch(TvlChainKeys::countsAsTvl);
        assertThat(List.of("Ethereum-borrowed", "borrowed", "BSC-pool2", "pool2", "Ethereum-staking", "staking",
                "Polygon-treasury", "Ethereum-vesting", "Ethereum-offers", "Ethereum-doublecounted",
                "Ethereum-liquidstaking", "Ethereum-dcAndLsOverlap")).noneMatch(TvlChainKeys::countsAsTvl);
    }
}
