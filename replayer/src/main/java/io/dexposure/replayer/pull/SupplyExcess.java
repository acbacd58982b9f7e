package io.dexposure.replayer.pull;

import java.util.Locale;

/**
 * Holdings attributed to a token that exceed what exists of it on Ethereum: the breakdown double counts or misnames
 * the token. Flagged, not corrected.
 *
 * @param heldUsd   what protocols hold of it on Ethereum this week, by DefiLlama's token breakdown
 * @param supplyUsd totalSupply (Ethereum RPC) times price (CoinGecko)
 */
public record SupplyExcess(String symbol, String address, double heldUsd, double supplyUsd, double supplyTokens,
                           double priceUsd) {
    public double ratio() {
        return supplyUsd > 0 ? heldUsd / supplyUsd : Double.POSITIVE_INFINITY;
    }

    public String describe() {
        return String.format(Locale.US, "%s held $%,.0f on Ethereum > supply $%,.0f (%s tokens x $%s), %.2fx",
                symbol, heldUsd, supplyUsd, significant(supplyTokens), significant(priceUsd), ratio());
    }

    private static String significant(double value) {
        return new java.math.BigDecimal(value).round(new java.math.MathContext(6)).stripTrailingZeros()
                .toPlainString();
    }
}
