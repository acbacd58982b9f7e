package io.dexposure.replayer.generate;

/**
 * The real mapping's sector groups ({@code ../shared/data/mapping/id_to_info.json} groups DefiLlama's
 * categories into these), with how often each occurs there (4,700 protocols: 1,947 Trading &amp;
 * Exchanges, 1,149 Asset Management, 749 Infrastructure, 735 Lending, 53 Others, 50 Unknown, 17 Privacy)
 * and how protocols of the group hold tokens in the generator.
 */
public enum SectorGroup {
    TRADING("Trading & Exchanges", 1947, 1.3, 0.16, 0, new String[]{"Swap", "Exchange", "DEX", "Perps", "AMM"}),
    ASSET_MANAGEMENT("Asset Management", 1149, 1.2, 0.10, 1, new String[]{"Vaults", "Yield", "Finance", "Staking"}),
    INFRASTRUCTURE("Infrastructure, Services & Financial Products", 749, 0.9, 0.06, 2,
            new String[]{"Bridge", "Labs", "Network", "Options"}),
    LENDING("Lending, Borrowing & Real World Assets", 735, 1.1, 0.05, 1,
            new String[]{"Lend", "Money Market", "Credit", "Treasury"}),
    OTHERS("Others", 53, 0.7, 0.06, 1, new String[]{"Games", "NFT", "Protocol"}),
    UNKNOWN("Unknown", 50, 0.7, 0.10, 2, new String[]{"Protocol", "Finance"}),
    PRIVACY("Privacy & Security", 17, 0.6, 0.04, 1, new String[]{"Cash", "Shield", "Cover"});

    /** The category string written to id_to_info.json. */
    final String label;
    final double frequency;
    /** Appetite for holding many kinds of tokens. */
    final double appetite;
    /** Share of new holdings that go to a bucket. */
    final double bucketShare;
    /** The bucket it prefers (0 LP, 1 OTHER, 2 UNKNOWN); the others get the rest. */
    final int preferredBucket;
    final String[] suffixes;

    private static final double TOTAL;

    static {
        double total = 0;
        for (SectorGroup s : values()) {
            total += s.frequency;
        }
        TOTAL = total;
    }

    SectorGroup(String label, double frequency, double appetite, double bucketShare, int preferredBucket,
                String[] suffixes) {
        this.label = label;
        this.frequency = frequency;
        this.appetite = appetite;
        this.bucketShare = bucketShare;
        this.preferredBucket = preferredBucket;
        this.suffixes = suffixes;
    }

    public String label() {
        return label;
    }

    static SectorGroup draw(SplitMix64Random random) {
        double u = random.nextDouble() * TOTAL;
        for (SectorGroup s : values()) {
            u -= s.frequency;
            if (u < 0) {
                return s;
            }
        }
        return TRADING;
    }

    /** A bucket's node index (buckets are the generator's first nodes): the preferred one 60 % of the time. */
    int bucket(SplitMix64Random random) {
        return random.chance(0.6) ? preferredBucket : random.nextInt(CalibratedNetworkGenerator.BUCKETS.length);
    }
}
