package io.dexposure.replayer.pull;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ApiKeysTest {
    @TempDir
    Path dir;

    @Test
    void keysComeFromTheEnvironmentAndTheFileWinsWhereBothHaveOne() throws Exception {
        Path file = Files.writeString(dir.resolve("keys.properties"),
                "# pull keys\ninfura.api-key = from-file-infura\ncoingecko.api-key=from-file-cg\n");
        Map<String, String> env = Map.of("INFURA_API_KEY", "from-env-infura", "DEFILLAMA_API_KEY", "from-env-llama");

        ApiKeys keys = ApiKeys.load(file, env);

        assertThat(keys.get(ApiKeys.Api.INFURA)).contains("from-file-infura");
        assertThat(keys.get(ApiKeys.Api.COINGECKO)).contains("from-file-cg");
        assertThat(keys.get(ApiKeys.Api.DEFILLAMA)).contains("from-env-llama");
        assertThat(keys.secrets()).containsExactlyInAnyOrder("from-file-infura", "from-file-cg", "from-env-llama");
    }

    @Test
    void printingTheKeysShowsOnlyWhichAreSet() throws Exception {
        ApiKeys keys = ApiKeys.load(null, Map.of("COINGECKO_API_KEY", "cg-secret-value", "INFURA_API_KEY", " "));

        assertThat(keys.toString()).isEqualTo("ApiKeys[defillama=unset, coingecko=set, infura=unset]")
                .doesNotContain("cg-secret-value");
        assertThat(keys.get(ApiKeys.Api.INFURA)).isEmpty(); // blank counts as unset
    }

    @Test
    void aKeyInTheUrlIsFilledInAndAMissingOneIsAClearError() {
        assertThat(ApiUrls.base("Ethereum RPC", "https://mainnet.infura.io/v3/{key}/", java.util.Optional.of("abc")))
                .isEqualTo("https://mainnet.infura.io/v3/abc");
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() ->
                ApiUrls.base("Ethereum RPC", "https://mainnet.infura.io/v3/{key}", java.util.Optional.empty())))
                .hasMessageContaining("Ethereum RPC URL https://mainnet.infura.io/v3/{key} needs an API key");
    }
}
