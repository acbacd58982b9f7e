package io.dexposure.replayer.pull;

import io.dexposure.replayer.pull.FixtureServer.Reply;
import io.dexposure.snapshot.ProtocolInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The pull over the fixture server: a restart part-way resumes from the cache; the week it builds. */
class FreshTvlPullTest {
    @TempDir
    Path cacheDir;
    @TempDir
    Path mappingDir;

    private FixtureServer server;
    private final List<String> progress = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server = PullFixtures.defiLlama(new FixtureServer());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** A fresh set of clients over the same cache directory: what a restarted process has. */
    private FreshTvlPull newPull(Path mappings, int parallelRequests) {
        TestApis.RecordingSleeper sleeper = new TestApis.RecordingSleeper();
        DefiLlamaClient defiLlama = new DefiLlamaClient(TestApis.client(DefiLlamaClient.API, cacheDir,
                TestApis.fast(2), sleeper), server.url(), Optional.empty());
        CoinGeckoClient coinGecko = new CoinGeckoClient(TestApis.client(CoinGeckoClient.API, cacheDir,
                TestApis.fast(2), sleeper), server.url(), Optional.empty(), CoinGeckoClient.DEFAULT_KEY_HEADER, 50,
                Duration.ofHours(24), java.time.Clock.systemUTC());
        return new FreshTvlPull(defiLlama, new HoldingsSupplyCheck(coinGecko, null, HoldingsSupplyCheck.Settings.defaults()),
                mappings, new FreshTvlPull.Settings(Duration.ofHours(48), parallelRequests, 0), progress::add);
    }

    @Test
    void aPullStoppedPartWayResumesWithoutAskingAgainForWhatItHas() throws Exception {
        server.script("/protocol/vaulty", Reply.status(500, "{\"message\": \"internal error\"}"));

        assertThatThrownBy(() -> newPull(null, 1).fetch())
                .isInstanceOf(ApiRequestException.class)
                .hasMessageContaining("DefiLlama GET " + server.url() + "/protocol/vaulty failed after 2 attempts")
                .hasMessageContaining("HTTP 500");
        Map<String, Integer> firstRun = server.requestCounts();
        assertThat(firstRun).containsEntry("/protocols", 1).containsEntry("/protocol/lendo", 1)
                .containsEntry("/protocol/stako", 1).containsEntry("/protocol/vaulty", 2);

        server.resource("/protocol/vaulty", "protocol-vaulty.json"); // DefiLlama is back
        FreshTvlPull restarted = newPull(null, 1);
        restarted.fetch();

        Map<String, Integer> total = server.requestCounts();
        assertThat(total).containsEntry("/protocol/vaulty", 3);
        for (String path : List.of("/protocols", "/protocol/lendo", "/protocol/stako", "/protocol/bridgy",
                "/protocol/tiny", "/protocol/oldie", "/protocol/later", "/protocol/gone")) {
            assertThat(total.get(path)).as("requests for " + path + " over both runs").isEqualTo(1);
        }
        assertThat(restarted.historiesFetched()).isEqualTo(7); // "gone" is a remembered 404
        assertThat(progress).last().asString().contains("8 of 8 histories").contains("1 not found");
    }

    @Test
    void theWeekBuiltFromThePulledHistoriesIsTheHandComputedOne() throws Exception {
        FreshTvlPull pull = newPull(null, 4);
        pull.fetch();

        PulledWeek week = pull.buildWeek(LocalDate.of(2025, 8, 25));

        assertThat(week.snapshot().nodes()).containsExactlyElementsOf(ExposureNetworkBuilderTest.expectedWeek1Nodes());
        assertThat(week.snapshot().links()).containsExactlyElementsOf(ExposureNetworkBuilderTest.expectedWeek1Links());
        WeekPullReport report = week.report();
        assertThat(report.protocolsListed()).isEqualTo(8);
        assertThat(report.historiesNotFound()).isEqualTo(1);    // gone
        assertThat(report.protocolsWithoutData()).isEqualTo(2); // oldie (stopped), later (not launched yet)
        assertThat(report.describe()).isEqualTo("week 2025-08-25: 10 nodes (5 protocols, 0 issuers only, 5 token "
                + "buckets), 10 links, exposure $7,240 | TVL $12,880, $11,750 without 1 doublecounted"
                + " | 1 misrepresentedTokens protocols without exposures"
                + " | 2 of 8 listed without data this week, 1 histories not found"
                + " | supply check skipped: no Ethereum RPC configured (Infura key unset)");
    }

    @Test
    void namesAndCategoriesFollowTheDatasetWhereItKnowsTheProtocol() throws Exception {
        Files.writeString(mappingDir.resolve("id_to_info.json"), "{\"100\": {\"name\": \"LENDO V1\", \"category\": "
                + "\"Lending, Borrowing & Real World Assets\"}, \"999\": {\"name\": \"Old One\", \"category\": null}}");
        FreshTvlPull pull = newPull(mappingDir, 4);
        pull.fetch();

        var directory = pull.directory();

        assertThat(directory.lookup("100")).contains(new ProtocolInfo("LENDO V1", "Lending, Borrowing & Real World Assets"));
        assertThat(directory.lookup("200")).contains(new ProtocolInfo("Stako", "Liquid Staking"));
        assertThat(directory.lookup("999")).contains(new ProtocolInfo("Old One", null));
    }
}
