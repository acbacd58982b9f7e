package io.dexposure.replayer.pull;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Market-cap validation with the fixture prices and supplies (PullFixtures): WETH 2 x $3,000, USDT 5,000 x $1,
 * stTKN 0.25 x $2,000, LND 1,000 x $0.50 on Ethereum.
 */
class HoldingsSupplyCheckTest {
    static final LocalDate WEEK = LocalDate.of(2025, 8, 25);
    /** Ethereum holdings of the fixture's week 1 (README). */
    static final Map<String, Double> HELD = Map.of("WETH", 4500.0, "USDT", 1000.0, "STTKN", 1000.0, "LND", 100.0,
            "USDC-WETH-LP", 250.0);

    @TempDir
    Path cacheDir;

    private FixtureServer server;

    @BeforeEach
    void start() throws Exception {
        server = PullFixtures.ethereumRpc(PullFixtures.coinGecko(new FixtureServer(), "/cg", 0), "/rpc");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HoldingsSupplyCheck check(HoldingsSupplyCheck.Settings settings, boolean withRpc) {
        TestApis.RecordingSleeper sleeper = new TestApis.RecordingSleeper();
        CoinGeckoClient prices = new CoinGeckoClient(TestApis.client(CoinGeckoClient.API, cacheDir, TestApis.fast(2),
                sleeper), server.url() + "/cg", Optional.empty(), CoinGeckoClient.DEFAULT_KEY_HEADER, 50,
                Duration.ofHours(24), Clock.fixed(WEEK.plusDays(30).atStartOfDay(ZoneOffset.UTC).toInstant(),
                ZoneOffset.UTC));
        EthereumRpcClient rpc = withRpc ? new EthereumRpcClient(TestApis.client(EthereumRpcClient.API, cacheDir,
                TestApis.fast(2), sleeper), server.url() + "/rpc", Optional.empty(), 50) : null;
        return new HoldingsSupplyCheck(prices, rpc, settings);
    }

    @Test
    void holdingsAboveTheTokensSupplyAreFlagged() throws Exception {
        HoldingsSupplyCheck.Result result = check(new HoldingsSupplyCheck.Settings(20, 0, 0.05), true)
                .check(WEEK, HELD, SupplyCheckedToken.candidates(PullFixtures.LISTED));

        assertThat(result.checked()).isEqualTo(4); // WETH, STTKN, USDT, LND; the LP token has no contract listed
        assertThat(result.unchecked()).isEmpty();
        // Every checked token is recorded for the report's data validation, flagged or not.
        assertThat(result.rows()).extracting(HoldingsSupplyCheck.Checked::symbol)
                .containsExactlyInAnyOrder("WETH", "STTKN", "USDT", "LND");
        assertThat(result.rows()).filteredOn(r -> r.symbol().equals("STTKN")).singleElement()
                .satisfies(r -> assertThat(r.heldUsd() / (r.supplyTokens() * r.priceUsd())).isEqualTo(2.0));
        assertThat(result.excesses()).singleElement().satisfies(excess -> {
            assertThat(excess.symbol()).isEqualTo("STTKN");
            assertThat(excess.heldUsd()).isEqualTo(1000.0);
            assertThat(excess.supplyUsd()).isEqualTo(500.0);
            assertThat(excess.ratio()).isEqualTo(2.0);
            assertThat(excess.describe()).isEqualTo(
                    "STTKN held $1,000 on Ethereum > supply $500 (0.25 tokens x $2000), 2.00x");
        });
    }

    @Test
    void aSmallExcessWithinTheToleranceIsNotFlagged() throws Exception {
        HoldingsSupplyCheck check = check(new HoldingsSupplyCheck.Settings(20, 0, 0.05), true);
        List<SupplyCheckedToken> weth = List.of(SupplyCheckedToken.WELL_KNOWN.get(1));

        assertThat(check.check(WEEK, Map.of("WETH", 6200.0), weth).excesses()).isEmpty();   // supply $6,000: +3 %
        assertThat(check.check(WEEK, Map.of("WETH", 6400.0), weth).excesses()).hasSize(1); // +7 %
    }

    @Test
    void onlyTheMostHeldTokensAboveTheMinimumAreChecked() throws Exception {
        HoldingsSupplyCheck.Result result = check(new HoldingsSupplyCheck.Settings(1, 500, 0.05), true)
                .check(WEEK, HELD, SupplyCheckedToken.candidates(PullFixtures.LISTED));

        assertThat(result.checked()).isEqualTo(1); // WETH only
        assertThat(server.requestLog()).extracting(FixtureServer.Request::pathAndQuery)
                .anyMatch(p -> p.startsWith("/cg/coins/weth/"))
                .noneMatch(p -> p.startsWith("/cg/coins/stako/"));
    }

    @Test
    void withoutAnEthereumRpcTheCheckIsSkippedAndSaysWhy() throws Exception {
        HoldingsSupplyCheck.Result result = check(HoldingsSupplyCheck.Settings.defaults(), false)
                .check(WEEK, HELD, SupplyCheckedToken.candidates(PullFixtures.LISTED));

        assertThat(result.skippedBecause()).contains("no Ethereum RPC configured (Infura key unset)");
        assertThat(server.totalRequests()).isZero();
    }
}
