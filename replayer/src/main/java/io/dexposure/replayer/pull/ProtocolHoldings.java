package io.dexposure.replayer.pull;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one protocol held at one week's timestamp, from its {@code /protocol/{slug}} history, TVL chain keys only.
 *
 * @param hasData                 some TVL chain had a data point close enough to the timestamp
 * @param tvlUsd                  sum over TVL chains: the token breakdown's sum where the chain has one, else the
 *                                chain's {@code tvl} value
 * @param reportedTvlUsd          sum of the chains' {@code tvl} values: DefiLlama's own TVL figure (used for
 *                                protocols whose breakdown is misrepresented)
 * @param tokensUsd               token symbol -> USD, summed over TVL chains, zeros left out
 * @param tokensUsdByChain        chain -> token symbol -> USD (the supply check looks at Ethereum)
 * @param chainsWithoutBreakdown  TVL chains counted by their {@code tvl} value only
 * @param excludedChainKeys       chain keys seen and left out as not TVL (borrowed, staking, ...)
 * @param misrepresentedTokens    the history's own flag
 * @param doublecounted           the history's own flag
 */
public record ProtocolHoldings(boolean hasData, double tvlUsd, double reportedTvlUsd, Map<String, Double> tokensUsd,
                               Map<String, Map<String, Double>> tokensUsdByChain, List<String> chainsWithoutBreakdown,
                               Set<String> excludedChainKeys, boolean misrepresentedTokens, boolean doublecounted) {

    public boolean hasTokenBreakdown() {
        return !tokensUsd.isEmpty();
    }
}
