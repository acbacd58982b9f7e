package io.dexposure.replayer.generate;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Invents protocol names ("Velora Swap", "Kestrax Lend V2") and token symbols ("VELO", "stKES",
 * "DRAUSD"), unique within a universe. Names are made up on purpose: real names on synthetic numbers
 * would invite wrong conclusions about real protocols. The sets are used for membership only, never
 * iterated, so they do not affect the output order.
 */
final class ProtocolNamer {
    private static final String[] ONSETS = {"B", "C", "D", "F", "G", "H", "J", "K", "L", "M", "N", "P", "R", "S", "T",
            "V", "W", "X", "Z", "Br", "Cr", "Dr", "Fl", "Gr", "Kr", "Pr", "St", "Tr", "Sh", "Th", "Ph", "Qu", "Sol", "Ar",
            "El", "Om", "Or", "Ax", "Ev", "Iz"};
    private static final String[] VOWELS = {"a", "e", "i", "o", "u", "ae", "ai", "ea", "io", "ou", "y", "a", "e", "o"};
    private static final String[] MIDDLES = {"l", "n", "r", "s", "t", "v", "x", "m", "d", "k", "z", "lv", "nd", "rk", "st"};
    private static final String[] CODAS = {"", "", "", "n", "r", "s", "x", "l", "m", "th", "nd", "rk", "st", "ra", "ix", "on"};
    private static final Set<String> RESERVED_SYMBOLS = Set.of("USDT", "USDC", "WETH", "WBTC", "LP", "UNKNOWN", "OTHER",
            "ETH", "BTC", "DAI", "USD");

    private final Set<String> names = new HashSet<>();
    private final Set<String> symbols = new HashSet<>();

    String name(ProtocolCategory category, SplitMix64Random random) {
        String base = baseWord(random);
        String[] suffixes = suffixes(category);
        String candidate = base + " " + suffixes[random.nextInt(suffixes.length)];
        if (random.chance(0.08)) {
            candidate += random.chance(0.6) ? " V2" : " V3";
        }
        String unique = candidate;
        for (int version = 2; !names.add(unique); version++) {
            unique = candidate + " " + version;
        }
        return unique;
    }

    /** Main symbol first, then a governance symbol for two-token issuers; empty for non-issuers. */
    String[] symbols(String name, ProtocolCategory category, SplitMix64Random random) {
        String letters = name.replaceAll("[^A-Za-z]", "").toUpperCase(Locale.ROOT);
        String stem3 = letters.substring(0, Math.min(3, letters.length()));
        String stem4 = letters.substring(0, Math.min(4, letters.length()));
        switch (category.tokenKind) {
            case STABLE:
                return new String[]{unique(stem3 + "USD"), unique(stem4)};
            case LIQUID_STAKING:
                return new String[]{unique("st" + stem3), unique(stem4)};
            case EXCHANGE:
                return new String[]{unique(stem3.substring(0, Math.min(2, stem3.length())) + "T")};
            default:
                return new String[]{unique(random.chance(0.5) ? stem3 : stem4)};
        }
    }

    private String unique(String symbol) {
        String candidate = symbol;
        for (int n = 2; RESERVED_SYMBOLS.contains(candidate) || !symbols.add(candidate); n++) {
            candidate = symbol + n;
        }
        return candidate;
    }

    private static String baseWord(SplitMix64Random random) {
        StringBuilder word = new StringBuilder();
        word.append(ONSETS[random.nextInt(ONSETS.length)]).append(VOWELS[random.nextInt(VOWELS.length)]);
        if (random.chance(0.6)) {
            word.append(MIDDLES[random.nextInt(MIDDLES.length)]).append(VOWELS[random.nextInt(VOWELS.length)]);
        }
        word.append(CODAS[random.nextInt(CODAS.length)]);
        return word.toString();
    }

    private static String[] suffixes(ProtocolCategory category) {
        switch (category) {
            case DEXES: return new String[]{"Swap", "Exchange", "DEX", "AMM", "Finance"};
            case LENDING: return new String[]{"Lend", "Finance", "Money Market", "Credit", "Protocol"};
            case YIELD: return new String[]{"Yield", "Harvest", "Finance", "Farms"};
            case YIELD_AGGREGATOR: return new String[]{"Vaults", "Aggregator", "Optimizer", "Yield"};
            case CDP: return new String[]{"Dollar", "Vault", "Mint", "Protocol"};
            case LIQUID_STAKING: return new String[]{"Staked ETH", "Liquid Staking", "Stake", "Staking"};
            case ALGO_STABLES: return new String[]{"Stable", "Money", "USD Protocol", "Dollar"};
            case CEX: return new String[]{"CEX", "Exchange", "Markets", "Global"};
            case BRIDGE: return new String[]{"Bridge", "Portal", "Link", "Gateway"};
            case DERIVATIVES: return new String[]{"Perps", "Futures", "Derivatives", "Trade"};
            case RWA: return new String[]{"Treasury", "Credit", "RWA", "Capital"};
            case RESTAKING: return new String[]{"Restaking", "Restake", "Layer"};
            case OPTIONS: return new String[]{"Options", "Vol", "Derive"};
            case INSURANCE: return new String[]{"Cover", "Insurance", "Mutual"};
            case GAMING: return new String[]{"Games", "Arena", "Quest"};
            case NFT_MARKETPLACE: case NFT_LENDING: return new String[]{"NFT", "Market", "Collect"};
            default: return new String[]{"Protocol", "Finance", "Labs", "Network"};
        }
    }
}
