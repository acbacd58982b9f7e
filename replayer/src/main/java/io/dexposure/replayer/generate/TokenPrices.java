package io.dexposure.replayer.generate;

/**
 * USD price indices of the tokens, all 1 at the start. One market factor (log, mean-reverting random
 * walk) moves ETH-like assets; stablecoins stay at 1 unless a crisis breaks their peg; every issuer's
 * tokens add their own log random walk on top.
 */
final class TokenPrices {
    private static final double MARKET_WEEKLY_VOLATILITY = 0.045;
    private static final double MARKET_REVERSION = 0.01;
    private static final double ISSUER_REVERSION = 0.03;

    private double marketLog;
    private final double[] bucketPrices = new double[TokenBucket.COUNT];

    TokenPrices() {
        java.util.Arrays.fill(bucketPrices, 1.0);
    }

    double marketLog() {
        return marketLog;
    }

    double bucketPrice(TokenBucket bucket) {
        return bucketPrices[bucket.ordinal()];
    }

    void advanceMarket(SplitMix64Random random) {
        marketLog += -MARKET_REVERSION * marketLog + MARKET_WEEKLY_VOLATILITY * random.nextGaussian();
        for (TokenBucket b : TokenBucket.ALL) {
            bucketPrices[b.ordinal()] = b.marketBeta == 0 ? 1.0 : StrictMath.exp(b.marketBeta * marketLog);
        }
    }

    /** One week of an issuer's own price component; call {@link #protocolPrice} afterwards. */
    static void advanceIssuer(Protocol p, SplitMix64Random random) {
        double shock = random.nextGaussian();
        p.logPrice += ISSUER_REVERSION * (p.logPriceBase - p.logPrice) + ownVolatility(p.category.tokenKind) * shock;
    }

    static double protocolPrice(Protocol p, double marketLog) {
        return StrictMath.exp(p.logPrice + marketBeta(p.category.tokenKind) * marketLog);
    }

    private static double ownVolatility(ProtocolCategory.TokenKind kind) {
        switch (kind) {
            case STABLE: return 0;
            case LIQUID_STAKING: return 0.004;
            case EXCHANGE: return 0.05;
            default: return 0.07;
        }
    }

    private static double marketBeta(ProtocolCategory.TokenKind kind) {
        switch (kind) {
            case STABLE: return 0;
            case LIQUID_STAKING: return 1.0;
            case EXCHANGE: return 1.0;
            default: return 1.2;
        }
    }
}
