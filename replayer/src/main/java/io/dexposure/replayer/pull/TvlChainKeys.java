package io.dexposure.replayer.pull;

import java.util.Locale;
import java.util.Set;

/**
 * Which keys of a protocol's {@code chainTvls} are TVL. DefiLlama stores each adapter export separately: plain
 * {@code <chain>} for {@code tvl}, {@code <chain>-<type>} for the others, and {@code <type>} for their sum over chains
 * (defillama-server {@code storeTvlInterval/computeTVL.ts}). Borrowed, staking, pool2, treasury, vesting, offers and
 * the like are not TVL (DefiLlama docs, what-to-include-as-tvl); doublecounted and liquidstaking are subsets of the
 * plain TVL kept for toggles, so counting them would count twice. Only the plain chain keys remain.
 */
public final class TvlChainKeys {
    static final Set<String> NON_TVL_TYPES = Set.of("borrowed", "staking", "pool2", "treasury", "vesting", "offers",
            "doublecounted", "liquidstaking", "dcandlsoverlap", "govtokens", "liquiditystores", "masterchef");

    private TvlChainKeys() {
    }

    /**
     * DefiLlama's own rule ({@code utils/normalizeChain.ts}, real-data.md section 5): a key is plain chain TVL only
     * when it is not an extra section and contains no dash. Any {@code <Chain>-<suffix>} is an export of another
     * type, listed or not (treasury adapters emit {@code <Chain>-OwnTokens}, for example).
     */
    public static boolean countsAsTvl(String chainKey) {
        String key = chainKey.toLowerCase(Locale.ROOT);
        return !NON_TVL_TYPES.contains(key) && key.indexOf('-') < 0;
    }
}
