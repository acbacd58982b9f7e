package io.dexposure.replayer.pull;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A token whose holdings can be checked against its supply: its symbol as DefiLlama names holdings, its Ethereum
 * contract and its CoinGecko id.
 */
public record SupplyCheckedToken(String symbol, String ethereumAddress, String geckoId) {

    /**
     * Tokens most of DeFi's TVL sits in and that have no issuing protocol in the list (so no address there); WBTC is the
     * case the seed's market-cap validation was written for.
     */
    public static final List<SupplyCheckedToken> WELL_KNOWN = List.of(
            new SupplyCheckedToken("WBTC", "0x2260fac5e5542a773aa44fbcfedf7c193bc2c599", "wrapped-bitcoin"),
            new SupplyCheckedToken("WETH", "0xc02aaa39b223fe8d0a0e5c4f27ead9083c756cc2", "weth"),
            new SupplyCheckedToken("USDT", "0xdac17f958d2ee523a2206206994597c13d831ec7", "tether"),
            new SupplyCheckedToken("USDC", "0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48", "usd-coin"),
            new SupplyCheckedToken("DAI", "0x6b175474e89094c44da98b954eedeac495271d0f", "dai"),
            new SupplyCheckedToken("STETH", "0xae7ab96520de3a18e5e111b5eaab095312d7fe84", "staked-ether"));

    /** The well-known tokens, then each listed protocol's own token that has an Ethereum address and a gecko id. */
    public static List<SupplyCheckedToken> candidates(List<ListedProtocol> protocols) {
        Map<String, SupplyCheckedToken> bySymbol = new LinkedHashMap<>();
        for (SupplyCheckedToken token : WELL_KNOWN) {
            bySymbol.put(token.symbol(), token);
        }
        List<ListedProtocol> byTvl = new ArrayList<>(protocols);
        byTvl.sort((a, b) -> Double.compare(b.currentTvlUsd(), a.currentTvlUsd()));
        for (ListedProtocol p : byTvl) {
            String address = TokenIssuerMapping.normalizedAddress(p.address());
            if (p.symbol() == null || p.symbol().equals("-") || p.geckoId() == null || address == null
                    || !address.startsWith("ethereum:")) {
                continue;
            }
            bySymbol.putIfAbsent(p.symbol().toUpperCase(Locale.ROOT),
                    new SupplyCheckedToken(p.symbol().toUpperCase(Locale.ROOT), address.substring("ethereum:".length()),
                            p.geckoId()));
        }
        return List.copyOf(bySymbol.values());
    }
}
