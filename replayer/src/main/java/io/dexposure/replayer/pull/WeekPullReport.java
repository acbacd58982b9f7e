package io.dexposure.replayer.pull;

import io.dexposure.events.UsdAmount;

import java.time.LocalDate;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How one pulled week came out: the network's figures, what the pull could not use, and the supply check.
 *
 * @param protocolsListed      protocols taken from DefiLlama's list
 * @param historiesNotFound    listed protocols whose history DefiLlama answered 404 for
 * @param protocolsWithoutData protocols whose history has no TVL point close to the week (launched later, stopped)
 */
public record WeekPullReport(LocalDate week, NetworkStats network, int protocolsListed, int historiesNotFound,
                             int protocolsWithoutData, HoldingsSupplyCheck.Result supply) {

    /** One progress line. */
    public String describe() {
        StringBuilder s = new StringBuilder(String.format(Locale.US,
                "week %s: %,d nodes (%,d protocols, %,d issuers only, %,d token buckets), %,d links, exposure %s"
                        + " | TVL %s, %s without %,d doublecounted",
                week, network.nodes(), network.protocolNodes(), network.issuerOnlyNodes(), network.tokenBucketNodes(),
                network.links(), UsdAmount.format(network.exposureUsd()), UsdAmount.format(network.totalTvlUsd()),
                UsdAmount.format(network.totalTvlUsdWithoutDoublecounted()), network.doublecountedProtocols().size()));
        if (!network.misrepresentedProtocols().isEmpty()) {
            s.append(String.format(Locale.US, " | %,d misrepresentedTokens protocols without exposures",
                    network.misrepresentedProtocols().size()));
        }
        if (protocolsWithoutData > 0 || historiesNotFound > 0) {
            s.append(String.format(Locale.US, " | %,d of %,d listed without data this week, %,d histories not found",
                    protocolsWithoutData, protocolsListed, historiesNotFound));
        }
        if (supply.skippedBecause().isPresent()) {
            s.append(" | supply check skipped: ").append(supply.skippedBecause().get());
        } else if (supply.checked() > 0 || !supply.unchecked().isEmpty()) {
            s.append(String.format(Locale.US, " | supply: %d tokens checked", supply.checked()));
            if (!supply.unchecked().isEmpty()) {
                s.append(String.format(Locale.US, ", %d unchecked", supply.unchecked().size()));
            }
            if (!supply.excesses().isEmpty()) {
                s.append(", ABOVE SUPPLY: ").append(supply.excesses().stream().map(SupplyExcess::describe)
                        .collect(Collectors.joining("; ")));
            }
        }
        return s.toString();
    }
}
