package io.dexposure.analytics.sectors;

import java.util.List;

/**
 * One week's sector flows against the week before.
 *
 * @param week       the week (ISO date)
 * @param previous   the week compared with
 * @param sectors    one row per sector present in either week, sorted by name
 * @param crossFlows one row per ordered pair of different sectors with exposure in either week
 * @param priced     whether any price move was known (else net inflow = TVL change)
 */
public record SectorFlowWeek(String week, String previous, List<Sector> sectors, List<CrossFlow> crossFlows,
                             boolean priced) {

    /**
     * @param tvlUsd          sector TVL this week (protocol nodes)
     * @param tvlChangeUsd    TVL this week minus last week
     * @param priceEffectUsd  what last week's holdings gained or lost through price moves alone
     * @param netInflowUsd    TVL change not explained by price: tvlChange - priceEffect
     */
    public record Sector(String sector, double tvlUsd, double tvlChangeUsd, double priceEffectUsd, double netInflowUsd) {
    }

    /**
     * Exposure of holders in {@code from} to issuers in {@code to}, and its change since last week
     * (positive: value flowed from sector {@code from} into {@code to}'s tokens).
     */
    public record CrossFlow(String from, String to, double exposureUsd, double changeUsd) {
    }

    public Sector sector(String name) {
        for (Sector s : sectors) {
            if (s.sector.equals(name)) {
                return s;
            }
        }
        return null;
    }

    public CrossFlow crossFlow(String from, String to) {
        for (CrossFlow c : crossFlows) {
            if (c.from.equals(from) && c.to.equals(to)) {
                return c;
            }
        }
        return null;
    }
}
