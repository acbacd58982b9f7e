package io.dexposure.replayer.pull;

import io.dexposure.replayer.pull.FixtureServer.Reply;
import io.dexposure.replayer.pull.TestApis.RecordingSleeper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The HTTP layer against a local server: retries, Retry-After, time-outs, broken bodies, the cache, key redaction. */
class ApiHttpClientTest {
    @TempDir
    Path cacheDir;

    private FixtureServer server;
    private final RecordingSleeper sleeper = new RecordingSleeper();

    @BeforeEach
    void start() throws Exception {
        server = new FixtureServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private ApiHttpClient client(int attempts) {
        return TestApis.client("DefiLlama", cacheDir, TestApis.fast(attempts), sleeper);
    }

    private URI uri(String path) {
        return URI.create(server.url() + path);
    }

    @Test
    void aResponseIsCachedAndARestartedClientDoesNotAskAgain() throws Exception {
        server.script("/protocols", Reply.json("[{\"id\": \"1\"}]"));

        Path first = client(3).get(uri("/protocols"), Map.of());
        Path again = client(3).get(uri("/protocols"), Map.of()); // a new client on the same cache: a restart

        assertThat(Files.readString(first)).isEqualTo("[{\"id\": \"1\"}]");
        assertThat(again).isEqualTo(first);
        assertThat(server.requests("/protocols")).isEqualTo(1);
    }

    @Test
    void tooManyRequestsWaitsForRetryAfterSeconds() throws Exception {
        server.script("/protocols",
                Reply.status(429, "{\"message\": \"slow down\"}").withHeader("Retry-After", "3"),
                Reply.json("[]"));

        ApiHttpClient client = client(3);
        client.get(uri("/protocols"), Map.of());

        assertThat(server.requests("/protocols")).isEqualTo(2);
        assertThat(sleeper.sleeps).containsExactly(Duration.ofSeconds(3)); // not the 10 ms backoff
        assertThat(client.requestsSent()).isEqualTo(2);
    }

    @Test
    void serviceUnavailableHonoursRetryAfterAsAnHttpDate() throws Exception {
        Instant now = Instant.parse("2025-08-25T10:00:00Z");
        String inSevenSeconds = DateTimeFormatter.RFC_1123_DATE_TIME.format(now.plusSeconds(7).atOffset(ZoneOffset.UTC));
        server.script("/protocols", Reply.status(503, "busy").withHeader("Retry-After", inSevenSeconds),
                Reply.json("[]"));

        TestApis.client("DefiLlama", cacheDir, TestApis.fast(3), sleeper, List.of(), Clock.fixed(now, ZoneOffset.UTC))
                .get(uri("/protocols"), Map.of());

        assertThat(sleeper.sleeps).containsExactly(Duration.ofSeconds(7));
    }

    @Test
    void serverErrorsAreRetriedWithExponentialBackoff() throws Exception {
        server.script("/protocols", Reply.status(500, "oops"), Reply.status(502, "oops"), Reply.status(500, "oops"),
                Reply.json("[1]"));

        Path body = client(4).get(uri("/protocols"), Map.of());

        assertThat(Files.readString(body)).isEqualTo("[1]");
        assertThat(sleeper.sleeps).containsExactly(Duration.ofMillis(10), Duration.ofMillis(20), Duration.ofMillis(40));
    }

    @Test
    void afterTheLastRetryTheErrorNamesApiUrlAndStatus() {
        server.script("/protocol/aave", Reply.status(503, "{\"error\": \"upstream down\"}"));

        assertThatThrownBy(() -> client(3).get(uri("/protocol/aave"), Map.of()))
                .isInstanceOf(ApiRequestException.class)
                .hasMessageContaining("DefiLlama GET " + server.url() + "/protocol/aave")
                .hasMessageContaining("failed after 3 attempts")
                .hasMessageContaining("HTTP 503")
                .hasMessageContaining("upstream down");
        assertThat(server.requests("/protocol/aave")).isEqualTo(3);
    }

    @Test
    void aClientErrorIsNotRetried() {
        server.script("/protocols", Reply.status(400, "bad request"));

        assertThatThrownBy(() -> client(5).get(uri("/protocols"), Map.of()))
                .hasMessageContaining("HTTP 400").hasMessageContaining("not retried");
        assertThat(server.requests("/protocols")).isEqualTo(1);
    }

    @Test
    void aRetryAfterLongerThanAllowedFailsAtOnceSayingSo() {
        server.script("/protocols", Reply.status(429, "").withHeader("Retry-After", "3600"));

        assertThatThrownBy(() -> client(5).get(uri("/protocols"), Map.of()))
                .hasMessageContaining("HTTP 429").hasMessageContaining("retry after 3600.0 s")
                .hasMessageContaining("longer than the 60.0 s allowed");
        assertThat(server.requests("/protocols")).isEqualTo(1);
        assertThat(sleeper.sleeps).isEmpty();
    }

    @Test
    void aResponseSlowerThanTheTimeoutIsRetried() throws Exception {
        server.script("/protocols", Reply.json("[\"late\"]").afterDelay(Duration.ofMillis(1500)), Reply.json("[\"ok\"]"));
        HttpSettings settings = new HttpSettings(Duration.ofSeconds(2), Duration.ofMillis(300), 2, Duration.ofMillis(10),
                Duration.ofMillis(10), Duration.ofSeconds(60), Duration.ZERO);

        long started = System.nanoTime();
        Path body = TestApis.client("DefiLlama", cacheDir, settings, sleeper).get(uri("/protocols"), Map.of());

        assertThat(Files.readString(body)).isEqualTo("[\"ok\"]");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(1400));
        assertThat(server.requests("/protocols")).isEqualTo(2);
    }

    @Test
    void timingOutEveryTimeIsAClearError() {
        server.script("/protocols", Reply.json("[]").afterDelay(Duration.ofMillis(1000)));
        HttpSettings settings = new HttpSettings(Duration.ofSeconds(2), Duration.ofMillis(200), 2, Duration.ofMillis(10),
                Duration.ofMillis(10), Duration.ofSeconds(60), Duration.ZERO);

        assertThatThrownBy(() -> TestApis.client("DefiLlama", cacheDir, settings, sleeper)
                .get(uri("/protocols"), Map.of()))
                .isInstanceOf(ApiRequestException.class)
                .hasMessageContaining("DefiLlama GET " + server.url() + "/protocols failed after 2 attempts")
                .hasMessageContaining("no complete response within 200 ms");
    }

    @Test
    void truncatedJsonIsRetriedThenReportedWithApiAndUrl() throws Exception {
        server.script("/protocol/lendo", Reply.json("{\"chainTvls\": {\"Ethereum\": {\"tvl\": [1, 2"));

        assertThatThrownBy(() -> client(2).get(uri("/protocol/lendo"), Map.of()))
                .isInstanceOf(ApiRequestException.class)
                .hasMessageContaining("DefiLlama GET " + server.url() + "/protocol/lendo failed after 2 attempts")
                .hasMessageContaining("ends in the middle (truncated)");
        assertThat(server.requests("/protocol/lendo")).isEqualTo(2);
        assertThat(cachedFiles()).noneMatch(f -> f.toString().endsWith(".json")); // nothing half cached
    }

    @Test
    void malformedJsonIsReportedWithApiAndUrl() {
        server.script("/protocols", Reply.json("<html><body>Bad gateway</body></html>"));

        assertThatThrownBy(() -> client(2).get(uri("/protocols"), Map.of()))
                .isInstanceOf(ApiRequestException.class)
                .hasMessageContaining("DefiLlama GET " + server.url() + "/protocols failed after 2 attempts")
                .hasMessageContaining("HTTP 200 but the body is not valid JSON at line 1");
    }

    @Test
    void aBodyCutOffMidTransferIsRetried() throws Exception {
        server.script("/protocols", Reply.json("[1, 2, 3").cutOffAt(1000), Reply.json("[1, 2, 3]"));

        Path body = client(3).get(uri("/protocols"), Map.of());

        assertThat(Files.readString(body)).isEqualTo("[1, 2, 3]");
        assertThat(server.requests("/protocols")).isEqualTo(2);
    }

    @Test
    void aBodyCutOffEveryTimeSaysSo() {
        server.script("/protocols", Reply.json("[1, 2, 3").cutOffAt(1000));

        assertThatThrownBy(() -> client(2).get(uri("/protocols"), Map.of()))
                .hasMessageContaining("DefiLlama GET " + server.url() + "/protocols failed after 2 attempts")
                .hasMessageContaining("the response body was cut off");
    }

    @Test
    void gzipBodiesAreDecoded() throws Exception {
        server.script("/protocols", Reply.json("[{\"id\": \"7\"}]").gzipped());

        assertThat(Files.readString(client(1).get(uri("/protocols"), Map.of()))).isEqualTo("[{\"id\": \"7\"}]");
        assertThat(server.requestLog().get(0).headers()).containsEntry("accept-encoding", "gzip");
    }

    @Test
    void notFoundCanBeAnAnswerAndIsRememberedToo() throws Exception {
        server.script("/protocol/gone", Reply.status(404, "{\"message\": \"Protocol not found\"}"));

        assertThat(client(3).getUnlessNotFound(uri("/protocol/gone"), Map.of())).isEmpty();
        assertThat(client(3).getUnlessNotFound(uri("/protocol/gone"), Map.of())).isEmpty();
        assertThat(server.requests("/protocol/gone")).isEqualTo(1);
    }

    @Test
    void apiKeysNeverShowInErrorsOrTheCache() throws Exception {
        String key = "sekrit-key-0123456789";
        server.script("/v3/" + key, Reply.status(500, "{\"error\": \"project " + key + " over quota\"}"));
        server.script("/v3/" + key + "?ok", Reply.json("{\"result\": \"0x1\"}"));
        ApiHttpClient client = TestApis.client("Ethereum RPC", cacheDir, TestApis.fast(2), sleeper, List.of(key),
                Clock.systemUTC());

        assertThatThrownBy(() -> client.postJson(uri("/v3/" + key), Map.of(), "{\"method\": \"eth_call\"}"))
                .hasMessageContaining("Ethereum RPC POST " + server.url() + "/v3/*** failed after 2 attempts")
                .hasMessageContaining("project *** over quota")
                .message().doesNotContain(key);
        client.postJson(uri("/v3/" + key + "?ok"), Map.of("X-Api-Key", key), "{}");

        assertThat(cachedFiles()).isNotEmpty().allSatisfy(f -> assertThat(Files.readString(f)).doesNotContain(key));
        assertThat(cachedFiles()).allSatisfy(f -> assertThat(f.toString()).doesNotContain(key));
    }

    @Test
    void postBodiesArePartOfTheCacheKey() throws Exception {
        server.route("/rpc", request -> Reply.json("{\"echo\": " + request.body() + "}"));
        ApiHttpClient client = client(1);

        Path a = client.postJson(uri("/rpc"), Map.of(), "{\"id\": 1}");
        Path b = client.postJson(uri("/rpc"), Map.of(), "{\"id\": 2}");
        client.postJson(uri("/rpc"), Map.of(), "{\"id\": 1}");

        assertThat(Files.readString(a)).contains("\"id\": 1");
        assertThat(Files.readString(b)).contains("\"id\": 2");
        assertThat(server.requests("/rpc")).isEqualTo(2);
    }

    @Test
    void partialFilesOfACrashedRunAreCleanedUp() throws Exception {
        Path apiDir = Files.createDirectories(cacheDir.resolve("defillama"));
        Path leftover = Files.writeString(apiDir.resolve(".partial-123.json"), "[1, 2");

        new ResponseCache(cacheDir);

        assertThat(leftover).doesNotExist();
    }

    @Test
    void retryAfterHeaderForms() {
        Clock clock = Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC);
        assertThat(RetryAfterHeader.parse(java.util.Optional.of("120"), clock)).contains(Duration.ofSeconds(120));
        assertThat(RetryAfterHeader.parse(java.util.Optional.of("Wed, 01 Jan 2025 00:00:30 GMT"), clock))
                .contains(Duration.ofSeconds(30));
        assertThat(RetryAfterHeader.parse(java.util.Optional.of("Tue, 31 Dec 2024 23:00:00 GMT"), clock))
                .contains(Duration.ZERO);
        assertThat(RetryAfterHeader.parse(java.util.Optional.of("soon"), clock)).isEmpty();
        assertThat(RetryAfterHeader.parse(java.util.Optional.empty(), clock)).isEmpty();
    }

    private List<Path> cachedFiles() throws Exception {
        try (Stream<Path> files = Files.walk(cacheDir)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }
}
