package io.dexposure.replayer.pull;

import io.dexposure.replayer.pull.FixtureServer.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** ERC-20 totalSupply/decimals by eth_call, batched, against a JSON-RPC fixture; the key stays out of messages. */
class EthereumRpcClientTest {
    static final String KEY = "infura-project-key-42";
    static final String WETH = "0xc02aaa39b223fe8d0a0e5c4f27ead9083c756cc2";
    static final String USDT = "0xdAC17F958D2ee523a2206206994597C13D831ec7"; // checksum case, as often written

    @TempDir
    Path cacheDir;

    private FixtureServer server;

    @BeforeEach
    void start() throws Exception {
        server = PullFixtures.ethereumRpc(new FixtureServer(), "/v3/");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private EthereumRpcClient client(int tokensPerRequest) {
        return new EthereumRpcClient(TestApis.client(EthereumRpcClient.API, cacheDir, TestApis.fast(2),
                new TestApis.RecordingSleeper(), List.of(KEY), Clock.systemUTC()), server.url() + "/v3/{key}",
                Optional.of(KEY), tokensPerRequest);
    }

    @Test
    void supplyAndDecimalsComeFromOneBatchedRequest() throws Exception {
        Map<String, TokenSupply> supplies = client(50).erc20Supplies(
                List.of(WETH, USDT, "0x9999999999999999999999999999999999999999", "not-an-address"));

        assertThat(supplies).containsOnlyKeys(WETH, USDT.toLowerCase());
        assertThat(supplies.get(WETH)).isEqualTo(new TokenSupply(WETH, new BigInteger("2000000000000000000"), 18));
        assertThat(supplies.get(USDT.toLowerCase()).supply()).isEqualByComparingTo("5000");
        assertThat(server.requestLog()).hasSize(1);
        String body = server.requestLog().get(0).body();
        assertThat(body).contains("\"method\":\"eth_call\"").contains(EthereumRpcClient.TOTAL_SUPPLY)
                .contains(EthereumRpcClient.DECIMALS).contains("\"latest\"");
        assertThat(server.requestLog().get(0).pathAndQuery()).isEqualTo("/v3/" + KEY);
    }

    @Test
    void largeSetsAreSplitIntoSeveralBatches() throws Exception {
        client(1).erc20Supplies(List.of(WETH, USDT));

        assertThat(server.requestLog()).hasSize(2);
    }

    @Test
    void aRejectedBatchIsAClearErrorWithoutTheKey() {
        server.route("/v3/", request -> Reply.json("{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32005,"
                + "\"message\":\"daily request count exceeded for project " + KEY + "\"}}"));

        assertThatThrownBy(() -> client(50).erc20Supplies(List.of(WETH)))
                .isInstanceOf(ApiRequestException.class)
                .hasMessageContaining("Ethereum RPC POST " + server.url() + "/v3/***: the JSON-RPC batch was rejected")
                .hasMessageContaining("daily request count exceeded for project ***")
                .message().doesNotContain(KEY);
    }

    @Test
    void wordsAreReadAsUnsignedIntegers() {
        assertThat(EthereumRpcClient.uint256(PullFixtures.word(BigInteger.valueOf(18)))).contains(BigInteger.valueOf(18));
        assertThat(EthereumRpcClient.uint256("0x")).isEmpty();
        assertThat(EthereumRpcClient.uint256(null)).isEmpty();
    }
}
