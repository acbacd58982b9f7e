package io.dexposure.replayer.pull;

import io.dexposure.replayer.pull.TokenIssuerMapping.Issuer;
import io.dexposure.replayer.pull.TokenIssuerMapping.Source;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Which node a held token points to: dataset files first, then the protocol list, then the ETL's rules. */
class TokenIssuerMappingTest {
    /** The real mapping files, beside the repository (see README "Tests"). */
    static final Path REAL_MAPPING = Path.of("../../shared/data/mapping");

    static final List<ListedProtocol> PROTOCOLS = List.of(
            protocol("100", "LND", "0x1111111111111111111111111111111111111111", "lendo", 2100),
            protocol("200", "stTKN", "ethereum:0x2222222222222222222222222222222222222222", "stako", 4100),
            protocol("400", "BRG", "bsc:0x4444444444444444444444444444444444444444", null, 5000),
            protocol("401", "BRG", null, null, 10), // same symbol, smaller: loses the clash
            protocol("500", "-", null, null, 700));

    static ListedProtocol protocol(String id, String symbol, String address, String gecko, double tvl) {
        return new ListedProtocol(id, "P" + id, "p" + id, "Dexes", symbol, address, gecko, List.of("Ethereum"), false,
                false, tvl, null);
    }

    private final TokenIssuerMapping fromList = TokenIssuerMapping.of(Map.of(), Map.of(), PROTOCOLS);

    @Test
    void theProtocolListMapsSymbolsGeckoIdsAndAddresses() {
        assertThat(fromList.issuerOf("STTKN")).isEqualTo(new Issuer("200", Source.PROTOCOL_SYMBOL));
        assertThat(fromList.issuerOf("lnd")).isEqualTo(new Issuer("100", Source.PROTOCOL_SYMBOL));
        assertThat(fromList.issuerOf("BRG").nodeId()).isEqualTo("400");
        assertThat(fromList.issuerOf("coingecko:stako")).isEqualTo(new Issuer("200", Source.PROTOCOL_GECKO_ID));
        assertThat(fromList.issuerOf("UNKNOWN (ethereum:0x1111111111111111111111111111111111111111)"))
                .isEqualTo(new Issuer("100", Source.PROTOCOL_ADDRESS));
        assertThat(fromList.issuerOf("UNKNOWN (bsc:0x4444444444444444444444444444444444444444)").nodeId())
                .isEqualTo("400");
    }

    @Test
    void tokensWithoutAnIssuerGoToBucketsByTheDatasetsRules() {
        assertThat(fromList.issuerOf("USDC-WETH-LP")).isEqualTo(new Issuer("LP", Source.RULE));
        assertThat(fromList.issuerOf("UNKNOWN (avax:0xe0ce60af0850bf54072635e66e79df17082a1109)").nodeId())
                .isEqualTo("UNKNOWN");
        assertThat(fromList.issuerOf("CRV-GAUGE").nodeId()).isEqualTo("OTHER");
        assertThat(fromList.issuerOf("USDT")).isEqualTo(new Issuer("USDT", Source.RULE));
        assertThat(fromList.issuerOf("USDT").isProtocol()).isFalse();
        assertThat(fromList.issuerOf("1234").nodeId()).isEqualTo("OTHER"); // would read as a protocol id
        assertThat(fromList.issuerOf("-").nodeId()).isEqualTo("OTHER");
    }

    @Test
    void theDatasetsFilesComeFirst() {
        TokenIssuerMapping mapping = TokenIssuerMapping.of(Map.of("LND", "999", "WETH", "WETH"),
                Map.of("stTKN", "777"), PROTOCOLS);

        assertThat(mapping.issuerOf("LND")).isEqualTo(new Issuer("999", Source.DATASET_MAPPING));
        assertThat(mapping.issuerOf("stTKN")).isEqualTo(new Issuer("777", Source.DATASET_REV_MAP));
        assertThat(mapping.issuerOf("STTKN")).isEqualTo(new Issuer("200", Source.PROTOCOL_SYMBOL)); // rev_map is exact
    }

    @Test
    void theRealMappingFilesSendTokensWhereTheDatasetSentThem() throws Exception {
        assumeTrue(Files.isRegularFile(REAL_MAPPING.resolve(TokenIssuerMapping.TOKEN_TO_PROTOCOL_FILE)),
                "real mapping files not found at " + REAL_MAPPING.toAbsolutePath().normalize() + "; skipped");

        TokenIssuerMapping real = TokenIssuerMapping.load(REAL_MAPPING, List.of());

        assertThat(real.datasetTokens()).isEqualTo(1924 + 1361 + 6562 + 12066 + 3181);
        assertThat(real.issuerOf("USDT")).isEqualTo(new Issuer("USDT", Source.DATASET_MAPPING));
        assertThat(real.issuerOf("WETH").nodeId()).isEqualTo("WETH");
        assertThat(real.issuerOf("DAI").nodeId()).isEqualTo("118");     // PRIMARY, issued by MakerDAO
        assertThat(real.issuerOf("WSTETH").nodeId()).isEqualTo("182");  // Lido
        assertThat(real.issuerOf("SUSHI").nodeId()).isEqualTo("3827");  // MAP
        assertThat(real.issuerOf("USDC-FODL-SLP").nodeId()).isEqualTo("LP");
        assertThat(real.issuerOf("20WETH-80WNCG-GAUGE").nodeId()).isEqualTo("OTHER");
        assertThat(real.issuerOf("UNKNOWN (bsc:0x9f998d62b81af019e3346af141f90cccd679825e)").nodeId())
                .isEqualTo("UNKNOWN");
        assertThat(real.issuerOf("JITOSOL").nodeId()).isEqualTo("JITOSOL"); // the dataset's own bucket
        assertThat(real.issuerOf("JitoSOL")).isEqualTo(new Issuer("2308", Source.DATASET_REV_MAP));
    }
}
