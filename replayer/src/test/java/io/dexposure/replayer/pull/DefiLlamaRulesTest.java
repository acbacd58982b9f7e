package io.dexposure.replayer.pull;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** DefiLlama's own rules for chainTvls keys and slugs (real-data.md section 5). */
class DefiLlamaRulesTest {
    @Test
    void onlyPlainChainKeysCountAsTvl() {
        assertThat(List.of("Ethereum", "Arbitrum", "BSC", "zkSync Era", "OP Mainnet")).allMatch(TvlChainKeys::countsAsTvl);
        // Extra sections, bare and per chain, and any dashed key, listed type or not.
        assertThat(List.of("staking", "pool2", "offers", "borrowed", "treasury", "vesting", "masterchef",
                "doublecounted", "liquidstaking", "dcAndLsOverlap", "Ethereum-staking", "Ethereum-borrowed",
                "Ethereum-OwnTokens", "Arbitrum-somethingNew")).noneMatch(TvlChainKeys::countsAsTvl);
    }

    @Test
    void slugsAreLowerCaseDashedWithoutApostrophes() {
        assertThat(Sluggify.slug("Uniswap V3")).isEqualTo("uniswap-v3");
        assertThat(Sluggify.slug("Hector's Bond")).isEqualTo("hectors-bond");
        assertThat(Sluggify.slug("AAVE")).isEqualTo("aave");
    }
}
