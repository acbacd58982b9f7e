package io.dexposure.analytics.assets;

/**
 * One asset's week: a token symbol (held in node compositions) or an issuer node (held through links to
 * it; a protocol issuer aggregates all its tokens, a token node is its own token). Amounts are USD held by
 * nodes other than the asset itself.
 *
 * @param priceMove     median of (now / before - 1) over the holders that held it in both weeks: the
 *                      price move estimate, which one holder leaving does not move (NaN when no holder
 *                      held it in both weeks)
 * @param holdersBoth   how many holders held it in both weeks (the median's sample)
 * @param withdrawnUsd  what left beyond the price move: max(0, heldBefore * (1 + priceMove) - heldNow)
 * @param holders       holder ids, largest holding before first (ties by id)
 * @param before        per holder, USD held in the previous week
 * @param now           per holder, USD held this week
 */
public record AssetMove(Scope scope, String id, AssetKind kind, double heldBefore, double heldNow, int holdersBefore,
                        int holdersBoth, double priceMove, double withdrawnUsd, String[] holders, double[] before,
                        double[] now) {

    /** Whether the asset is a token symbol (from compositions) or an issuer node (from links). */
    public enum Scope {
        TOKEN_SYMBOL,
        ISSUER
    }

    /** Fall of the price estimate as a positive fraction (0 when the price rose or is unknown). */
    public double priceFall() {
        return Double.isNaN(priceMove) ? 0 : Math.max(0, -priceMove);
    }

    /** USD lost by holders to the price move: heldBefore times the fall. */
    public double priceLossUsd() {
        return heldBefore * priceFall();
    }

    /**
     * The loss of one holder measured from its holdings: the fall in USD of what it held, but no more than
     * the price move explains (what it withdrew is not a loss). A holder that left entirely lost its
     * holding times the price fall.
     */
    public static double holderLoss(double before, double now, double priceFall) {
        return Math.min(Math.max(0, before - now), before * Math.max(0, priceFall));
    }

    public double holderLoss(int holder) {
        return holderLoss(before[holder], now[holder], priceFall());
    }
}
