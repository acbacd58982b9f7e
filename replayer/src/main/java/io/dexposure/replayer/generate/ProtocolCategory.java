package io.dexposure.replayer.generate;

/**
 * DefiLlama protocol categories with the parameters that shape a generated protocol. Shares follow the
 * rough proportions of DefiLlama's category list (Dexes, Yield and Lending are the most numerous; CEX,
 * Liquid Staking and CDP are few but large and widely held).
 *
 * <p>Columns: share of the universe (relative weight); probability the protocol issues a token; how
 * strongly its token attracts holders (preferential-attachment fitness); how many kinds of tokens it
 * holds; TVL offset (natural log) against the universe median; the largest share of its TVL held in
 * its own token; what kind of token it issues.
 */
enum ProtocolCategory {
    DEXES("Dexes", 22, 0.75, 1.0, 1.6, 0.3, 0.25, TokenKind.GOVERNANCE),
    LENDING("Lending", 9, 0.85, 2.0, 2.2, 0.6, 0.10, TokenKind.GOVERNANCE),
    YIELD("Yield", 11, 0.5, 0.5, 1.6, -0.3, 0.30, TokenKind.GOVERNANCE),
    YIELD_AGGREGATOR("Yield Aggregator", 6, 0.6, 0.8, 2.5, -0.2, 0.20, TokenKind.GOVERNANCE),
    CDP("CDP", 3, 0.95, 5.0, 1.8, 0.5, 0.05, TokenKind.STABLE),
    LIQUID_STAKING("Liquid Staking", 4, 1.0, 6.0, 0.6, 0.8, 0.02, TokenKind.LIQUID_STAKING),
    ALGO_STABLES("Algo-Stables", 1.5, 1.0, 5.0, 1.0, 0.0, 0.35, TokenKind.STABLE),
    CEX("CEX", 2, 0.7, 4.0, 2.0, 1.5, 0.15, TokenKind.EXCHANGE),
    BRIDGE("Bridge", 3, 0.6, 1.5, 1.2, 0.7, 0.05, TokenKind.GOVERNANCE),
    DERIVATIVES("Derivatives", 6, 0.6, 0.8, 1.2, 0.0, 0.20, TokenKind.GOVERNANCE),
    SERVICES("Services", 4, 0.3, 0.3, 0.8, -0.8, 0.20, TokenKind.GOVERNANCE),
    RWA("RWA", 2, 0.8, 1.5, 0.6, 0.3, 0.02, TokenKind.STABLE),
    LAUNCHPAD("Launchpad", 2, 0.6, 0.3, 0.8, -1.0, 0.40, TokenKind.GOVERNANCE),
    FARM("Farm", 5, 0.6, 0.3, 1.2, -1.0, 0.40, TokenKind.GOVERNANCE),
    STAKING_POOL("Staking Pool", 2, 0.5, 0.5, 0.6, 0.0, 0.10, TokenKind.GOVERNANCE),
    RESTAKING("Restaking", 1, 0.8, 2.0, 1.0, 0.5, 0.02, TokenKind.LIQUID_STAKING),
    LIQUIDITY_MANAGER("Liquidity manager", 2, 0.4, 0.5, 1.5, -0.5, 0.10, TokenKind.GOVERNANCE),
    OPTIONS("Options", 2, 0.5, 0.4, 1.0, -0.8, 0.20, TokenKind.GOVERNANCE),
    SYNTHETICS("Synthetics", 1.5, 0.8, 1.0, 1.0, -0.2, 0.25, TokenKind.GOVERNANCE),
    INSURANCE("Insurance", 1, 0.5, 0.3, 1.0, -0.8, 0.30, TokenKind.GOVERNANCE),
    GAMING("Gaming", 2, 0.6, 0.2, 0.5, -1.5, 0.50, TokenKind.GOVERNANCE),
    NFT_MARKETPLACE("NFT Marketplace", 1, 0.4, 0.2, 0.5, -1.2, 0.30, TokenKind.GOVERNANCE),
    NFT_LENDING("NFT Lending", 1, 0.3, 0.2, 0.6, -1.0, 0.20, TokenKind.GOVERNANCE),
    PREDICTION_MARKET("Prediction Market", 1, 0.4, 0.2, 0.6, -1.2, 0.20, TokenKind.GOVERNANCE),
    PAYMENTS("Payments", 1, 0.3, 0.2, 0.5, -1.5, 0.20, TokenKind.GOVERNANCE),
    INDEXES("Indexes", 1, 0.8, 0.5, 1.5, -1.0, 0.10, TokenKind.GOVERNANCE),
    LEVERAGED_FARMING("Leveraged Farming", 1.5, 0.5, 0.3, 1.4, -0.8, 0.20, TokenKind.GOVERNANCE),
    CROSS_CHAIN("Cross Chain", 1, 0.5, 0.5, 1.0, -0.5, 0.10, TokenKind.GOVERNANCE),
    PRIVACY("Privacy", 0.5, 0.4, 0.2, 0.5, -1.0, 0.30, TokenKind.GOVERNANCE);

    /** How an issued token's price behaves, and how its symbol looks. */
    enum TokenKind {
        /** Pegged to USD (CDP and algorithmic stablecoins, RWA), plus a governance token. */
        STABLE,
        /** Tracks ETH (stETH-like), plus a governance token. */
        LIQUID_STAKING,
        /** A CEX's exchange token (FTT-like): follows the market with its own noise. */
        EXCHANGE,
        /** A volatile governance token. */
        GOVERNANCE
    }

    private static final ProtocolCategory[] VALUES = values();
    private static final double[] CUMULATIVE_SHARE = new double[VALUES.length];

    static {
        double sum = 0;
        for (int i = 0; i < VALUES.length; i++) {
            sum += VALUES[i].share;
            CUMULATIVE_SHARE[i] = sum;
        }
    }

    final String label;
    final double share;
    final double issueProbability;
    final double attachFactor;
    final double holdingDiversity;
    final double tvlLogOffset;
    final double maxOwnTokenShare;
    final TokenKind tokenKind;

    ProtocolCategory(String label, double share, double issueProbability, double attachFactor,
                     double holdingDiversity, double tvlLogOffset, double maxOwnTokenShare, TokenKind tokenKind) {
        this.label = label;
        this.share = share;
        this.issueProbability = issueProbability;
        this.attachFactor = attachFactor;
        this.holdingDiversity = holdingDiversity;
        this.tvlLogOffset = tvlLogOffset;
        this.maxOwnTokenShare = maxOwnTokenShare;
        this.tokenKind = tokenKind;
    }

    /** The category name as DefiLlama writes it (the mapping file's "category"). */
    public String label() {
        return label;
    }

    static ProtocolCategory draw(SplitMix64Random random) {
        double u = random.nextDouble() * CUMULATIVE_SHARE[VALUES.length - 1];
        for (int i = 0; i < VALUES.length; i++) {
            if (u < CUMULATIVE_SHARE[i]) {
                return VALUES[i];
            }
        }
        return VALUES[VALUES.length - 1];
    }

    /** Issuers of two tokens: a stablecoin or staking receipt plus a governance token (DAI+MKR, stETH+LDO). */
    boolean issuesTwoTokens() {
        return tokenKind == TokenKind.STABLE || tokenKind == TokenKind.LIQUID_STAKING;
    }
}
