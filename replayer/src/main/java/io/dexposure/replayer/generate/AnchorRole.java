package io.dexposure.replayer.generate;

/**
 * The protocols every generated universe starts with, whatever its size: the few $10B+ giants of the
 * real data, and the cast of the two scripted crises (issuer, its ecosystem or exchange-linked
 * cluster, and the large creditors that hold its token). They exist, and hold their designated
 * positions, even when scenarios are switched off, so a run with {@code --no-scenarios} is the same
 * universe without the collapse. Anchors never leave the universe.
 */
enum AnchorRole {
    MAJOR_CEX(ProtocolCategory.CEX, 40e9, null, Part.NONE, 0),
    MAJOR_LIQUID_STAKING(ProtocolCategory.LIQUID_STAKING, 20e9, null, Part.NONE, 0),
    MAJOR_LENDING(ProtocolCategory.LENDING, 12e9, null, Part.NONE, 0),
    MAJOR_CDP(ProtocolCategory.CDP, 8e9, null, Part.NONE, 0),
    MAJOR_DEX(ProtocolCategory.DEXES, 6e9, null, Part.NONE, 0),
    MAJOR_BRIDGE(ProtocolCategory.BRIDGE, 5e9, null, Part.NONE, 0),

    TERRA_ISSUER(ProtocolCategory.ALGO_STABLES, 16e9, CrisisKind.TERRA_LIKE, Part.ISSUER, 0),
    TERRA_ECOSYSTEM_LENDING(ProtocolCategory.LENDING, 9e9, CrisisKind.TERRA_LIKE, Part.CLUSTER, 0.60),
    TERRA_ECOSYSTEM_STAKING(ProtocolCategory.LIQUID_STAKING, 2.5e9, CrisisKind.TERRA_LIKE, Part.CLUSTER, 0.35),
    TERRA_ECOSYSTEM_DEX(ProtocolCategory.DEXES, 1.2e9, CrisisKind.TERRA_LIKE, Part.CLUSTER, 0.50),
    TERRA_ECOSYSTEM_SYNTHETICS(ProtocolCategory.SYNTHETICS, 0.9e9, CrisisKind.TERRA_LIKE, Part.CLUSTER, 0.45),
    TERRA_ECOSYSTEM_YIELD(ProtocolCategory.YIELD, 0.5e9, CrisisKind.TERRA_LIKE, Part.CLUSTER, 0.40),
    TERRA_ECOSYSTEM_CDP(ProtocolCategory.CDP, 0.3e9, CrisisKind.TERRA_LIKE, Part.CLUSTER, 0.30),
    TERRA_CREDITOR_LENDING(ProtocolCategory.LENDING, 5e9, CrisisKind.TERRA_LIKE, Part.CREDITOR, 0.30),
    TERRA_CREDITOR_DEX(ProtocolCategory.DEXES, 4e9, CrisisKind.TERRA_LIKE, Part.CREDITOR, 0.40),
    TERRA_CREDITOR_YIELD_AGGREGATOR(ProtocolCategory.YIELD_AGGREGATOR, 3e9, CrisisKind.TERRA_LIKE, Part.CREDITOR, 0.35),
    TERRA_CREDITOR_BRIDGE(ProtocolCategory.BRIDGE, 2.5e9, CrisisKind.TERRA_LIKE, Part.CREDITOR, 0.40),
    TERRA_CREDITOR_CDP(ProtocolCategory.CDP, 2e9, CrisisKind.TERRA_LIKE, Part.CREDITOR, 0.45),

    FTX_EXCHANGE(ProtocolCategory.CEX, 9e9, CrisisKind.FTX_LIKE, Part.ISSUER, 0),
    FTX_CLUSTER_DEX(ProtocolCategory.DEXES, 0.7e9, CrisisKind.FTX_LIKE, Part.CLUSTER, 0.25),
    FTX_CLUSTER_STAKING(ProtocolCategory.LIQUID_STAKING, 0.6e9, CrisisKind.FTX_LIKE, Part.CLUSTER, 0.15),
    FTX_CLUSTER_LENDING(ProtocolCategory.LENDING, 0.5e9, CrisisKind.FTX_LIKE, Part.CLUSTER, 0.20),
    FTX_CLUSTER_DERIVATIVES(ProtocolCategory.DERIVATIVES, 0.3e9, CrisisKind.FTX_LIKE, Part.CLUSTER, 0.25),
    FTX_CLUSTER_YIELD(ProtocolCategory.YIELD, 0.2e9, CrisisKind.FTX_LIKE, Part.CLUSTER, 0.20),
    FTX_CREDITOR_LENDING(ProtocolCategory.LENDING, 3e9, CrisisKind.FTX_LIKE, Part.CREDITOR, 0.30),
    FTX_CREDITOR_YIELD_AGGREGATOR(ProtocolCategory.YIELD_AGGREGATOR, 2e9, CrisisKind.FTX_LIKE, Part.CREDITOR, 0.35),
    FTX_CREDITOR_DERIVATIVES(ProtocolCategory.DERIVATIVES, 1.6e9, CrisisKind.FTX_LIKE, Part.CREDITOR, 0.40),
    FTX_CREDITOR_DEX(ProtocolCategory.DEXES, 1.5e9, CrisisKind.FTX_LIKE, Part.CREDITOR, 0.40),
    FTX_CREDITOR_CDP(ProtocolCategory.CDP, 1.5e9, CrisisKind.FTX_LIKE, Part.CREDITOR, 0.40);

    /** The anchor's part in its crisis. */
    enum Part { NONE, ISSUER, CLUSTER, CREDITOR }

    final ProtocolCategory category;
    final double initialTvl;
    final CrisisKind crisis;
    final Part part;
    /** Share of its TVL held in the crisis issuer's tokens (cluster members and creditors). */
    final double issuerTokenShare;

    /** Preferential-attachment fitness of its tokens: the Terra-like stablecoin is held very widely. */
    double tokenAffinity() {
        if (part == Part.ISSUER) {
            return crisis == CrisisKind.TERRA_LIKE ? 4.0 : 2.0;
        }
        return 2.5;
    }

    /** How many anchors hold a crisis issuer's tokens by design (each is one extra link). */
    static int designatedHoldings() {
        int count = 0;
        for (AnchorRole role : values()) {
            if (role.issuerTokenShare > 0) {
                count++;
            }
        }
        return count;
    }

    AnchorRole(ProtocolCategory category, double initialTvl, CrisisKind crisis, Part part, double issuerTokenShare) {
        this.category = category;
        this.initialTvl = initialTvl;
        this.crisis = crisis;
        this.part = part;
        this.issuerTokenShare = issuerTokenShare;
    }
}
