package io.dexposure.replayer.pull;

import java.util.List;

/**
 * A protocol as DefiLlama's {@code /protocols} lists it (the fields the pull uses).
 *
 * @param id                   DefiLlama protocol id ("1599"): the node id
 * @param slug                 what {@code /protocol/{slug}} takes
 * @param symbol               its token's symbol, "-" or null when it has none
 * @param address              its token's address, "0x..." (Ethereum) or "chain:0x...", or null
 * @param geckoId              its token's CoinGecko id, or null
 * @param misrepresentedTokens DefiLlama says the token breakdown is wrong: node kept, no exposures drawn from it
 * @param doublecounted        its TVL is deposited in other listed protocols: node kept, totals given both ways
 * @param currentTvlUsd        today's TVL as listed (only used to rank symbol clashes and to filter)
 */
public record ListedProtocol(String id, String name, String slug, String category, String symbol, String address,
                             String geckoId, List<String> chains, boolean misrepresentedTokens, boolean doublecounted,
                             double currentTvlUsd, String parentProtocol) {
    public ListedProtocol {
        chains = chains == null ? List.of() : List.copyOf(chains);
    }
}
