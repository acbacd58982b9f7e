package io.dexposure.replayer.generate;

/**
 * Tokens with no issuing protocol in the dataset: the node id is the bucket's symbol. Holdings of
 * these make up most of DeFi TVL (stablecoins, wrapped ETH/BTC, LP tokens, unmapped tokens).
 *
 * <p>Columns: how often a new holding lands in this bucket (relative); how large such a holding tends to
 * be (relative); exponent of the market index in its price (0 = USD stablecoin).
 */
enum TokenBucket {
    USDT(0.22, 3.0, 0.0),
    USDC(0.24, 3.0, 0.0),
    WETH(0.22, 3.0, 1.0),
    WBTC(0.08, 2.0, 0.8),
    LP(0.10, 1.0, 0.5),
    UNKNOWN(0.09, 0.5, 0.7),
    OTHER(0.05, 0.6, 0.6);

    static final TokenBucket[] ALL = values();
    static final int COUNT = ALL.length;
    private static final double TOTAL_HOLD_WEIGHT;

    static {
        double sum = 0;
        for (TokenBucket b : ALL) {
            sum += b.holdWeight;
        }
        TOTAL_HOLD_WEIGHT = sum;
    }

    final double holdWeight;
    final double valueWeight;
    final double marketBeta;

    TokenBucket(double holdWeight, double valueWeight, double marketBeta) {
        this.holdWeight = holdWeight;
        this.valueWeight = valueWeight;
        this.marketBeta = marketBeta;
    }

    /** Node id, and the only token in the bucket node's composition. */
    String symbol() {
        return name();
    }

    /** Holding targets encode buckets as negative numbers, protocols as their universe index. */
    int asTarget() {
        return -(ordinal() + 1);
    }

    static boolean isBucketTarget(int target) {
        return target < 0;
    }

    static TokenBucket ofTarget(int target) {
        return ALL[-target - 1];
    }

    static TokenBucket draw(SplitMix64Random random) {
        double u = random.nextDouble() * TOTAL_HOLD_WEIGHT;
        for (TokenBucket b : ALL) {
            u -= b.holdWeight;
            if (u < 0) {
                return b;
            }
        }
        return OTHER;
    }
}
