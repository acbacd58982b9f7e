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

    public static boolean countsAsTvl(String chainKey) {
        String key = chainKey.toLowerCase(Locale.ROOT);
        if (NON_TVL_TYPES.contains(key)) {
            return false;
        }
        int dash = key.lastIndexOf('-');
        return dash < 0 || !NON_TVL_TYPES.contains(key.substring(dash + 1));
    }
}
