package io.dexposure.replayer.generate;

import java.util.Arrays;

/**
 * One protocol of the generated universe and its evolving state. Identity (id, name, category, issued
 * tokens) never changes; the holdings (which tokens it holds, in what quantity) evolve week by week.
 * A holding's USD value is its units times the current price of the target's token, so a token crash
 * lowers every holder's exposure and TVL at once.
 */
final class Protocol {
    static final int NO_TARGET = Integer.MIN_VALUE;

    final int index;
    final int numericId;
    final String id;
    final String name;
    final ProtocolCategory category;
    /** Issued tokens, first the main one (stablecoin, staking receipt, exchange or governance token); empty if none. */
    final String[] symbols;
    /** Popularity of its token beyond what size explains (preferential-attachment fitness). */
    final double affinity;
    /** How many kinds of tokens it tends to hold. */
    final double diversity;
    final double volatility;
    final AnchorRole anchorRole;

    boolean active = true;
    /** Created this week: its holdings are sized against {@link #initialTvl}. */
    boolean fresh = true;
    final double initialTvl;
    final double ownTokenShareAtStart;
    double logBaseTvl;
    /** TVL as last written (USD). */
    double lastTvl;
    /** Its tokens' own price component (log), and the level it reverts to. */
    double logPrice;
    double logPriceBase;
    /** Current USD price index of its tokens (1 at creation). */
    double price = 1;
    int inDegree;
    /** Its tokens are a crisis issuer's: ordinary holders keep them small so designated creditors stay the largest. */
    boolean crisisIssuer;
    /** The crisis issuer it holds by design (cluster member or creditor), or {@link #NO_TARGET}. */
    int designatedTarget = NO_TARGET;
    double designatedShare;

    /** This week's TVL before links are added or dropped; holdings are resized to keep it. */
    double budgetValue;
    /** Holdings were added or dropped this week. */
    boolean touched;
    /** Preferential-attachment weight before the in-degree factor, set weekly. */
    double attachBase;

    int holdingCount;
    int[] targets = new int[4];
    double[] units = new double[4];
    /** For a two-token target: the share of the holding in its first token. */
    double[] firstTokenShares = new double[4];
    double ownUnits;

    Protocol(int index, int numericId, String id, String name, ProtocolCategory category, String[] symbols, double affinity,
             double diversity, double volatility, double initialTvl, double ownTokenShareAtStart, AnchorRole anchorRole) {
        this.index = index;
        this.numericId = numericId;
        this.id = id;
        this.name = name;
        this.category = category;
        this.symbols = symbols;
        this.affinity = affinity;
        this.diversity = diversity;
        this.volatility = volatility;
        this.initialTvl = initialTvl;
        this.ownTokenShareAtStart = ownTokenShareAtStart;
        this.anchorRole = anchorRole;
        this.logBaseTvl = StrictMath.log(initialTvl);
    }

    boolean issuesTokens() {
        return symbols.length > 0;
    }

    boolean isAnchor() {
        return anchorRole != null;
    }

    /** The token it holds of itself (governance token when it issues two). */
    String ownTokenSymbol() {
        return symbols[symbols.length - 1];
    }

    int holdingIndexOf(int target) {
        for (int h = 0; h < holdingCount; h++) {
            if (targets[h] == target) {
                return h;
            }
        }
        return -1;
    }

    void addHolding(int target, double holdingUnits, double firstTokenShare) {
        if (holdingCount == targets.length) {
            int capacity = holdingCount * 2;
            targets = Arrays.copyOf(targets, capacity);
            units = Arrays.copyOf(units, capacity);
            firstTokenShares = Arrays.copyOf(firstTokenShares, capacity);
        }
        targets[holdingCount] = target;
        units[holdingCount] = holdingUnits;
        firstTokenShares[holdingCount] = firstTokenShare;
        holdingCount++;
    }

    /** Drops holdings whose target was set to {@link #NO_TARGET}, keeping the others in order. */
    void compactHoldings() {
        int kept = 0;
        for (int h = 0; h < holdingCount; h++) {
            if (targets[h] != NO_TARGET) {
                targets[kept] = targets[h];
                units[kept] = units[h];
                firstTokenShares[kept] = firstTokenShares[h];
                kept++;
            }
        }
        holdingCount = kept;
    }
}
