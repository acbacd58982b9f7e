package io.dexposure.replayer.pull;

import java.util.List;

/**
 * What {@link ExposureNetworkBuilder} made of a week.
 *
 * @param protocolNodes                   protocols with holdings this week
 * @param issuerOnlyNodes                 protocols that are nodes only because others hold their tokens (size 0)
 * @param tokenBucketNodes                buckets (USDT, WETH, LP, UNKNOWN, OTHER, ...)
 * @param selfLoops                       links from a protocol to itself (it holds its own token), kept as the
 *                                        dataset keeps them
 * @param flippedLinks                    negative net holdings turned round by the sign rule
 * @param totalTvlUsd                     sum of protocol node sizes
 * @param totalTvlUsdWithoutDoublecounted the same without doublecounted protocols (DefiLlama's headline figure)
 * @param doublecountedProtocols          ids of doublecounted protocols, kept as nodes
 * @param misrepresentedProtocols         ids of protocols flagged misrepresentedTokens: nodes sized by their TVL,
 *                                        no composition, no exposures
 * @param protocolsWithoutTokenBreakdown  protocols whose TVL has no (or only partial) token breakdown
 * @param clampedNodes                    nodes whose net holdings were negative, sized 0
 * @param exposureUsd                     sum of link sizes
 */
public record NetworkStats(int protocolNodes, int issuerOnlyNodes, int tokenBucketNodes, int links, int selfLoops,
                           int flippedLinks, double totalTvlUsd, double totalTvlUsdWithoutDoublecounted,
                           List<String> doublecountedProtocols, List<String> misrepresentedProtocols,
                           int protocolsWithoutTokenBreakdown, int clampedNodes, double exposureUsd) {
    public NetworkStats {
        doublecountedProtocols = List.copyOf(doublecountedProtocols);
        misrepresentedProtocols = List.copyOf(misrepresentedProtocols);
    }

    public int nodes() {
        return protocolNodes + issuerOnlyNodes + tokenBucketNodes;
    }
}
