package io.dexposure.analytics.sectors;

import io.dexposure.events.NodeKind;
import io.dexposure.analytics.network.WeeklyNetwork;
import io.dexposure.analytics.week.NetworkWeek;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Sector flows week over week, fed weeks in order (it keeps the previous week's sector totals).
 *
 * <p>A sector is the mapping's category, "other" when there is none. TVL counts protocol nodes only:
 * a token node's size is what others hold of it, already inside its holders' TVL. Net inflow of a
 * sector = its TVL change minus the price effect, the value last week's holdings of its protocols
 * gained or lost by price alone (sum over held tokens of USD held last week times price ratio - 1).
 * Without prices the price effect is 0 and net inflow is the plain TVL change. Cross-sector flows are
 * the change of exposure between sectors (holder sector -> issuer sector, all node kinds, links
 * within one sector left out).
 */
public final class SectorFlows {
    public static final String OTHER = "other";

    private final TokenPriceMoves prices;
    private final String tokenSector;
    private Totals previous;

    public SectorFlows(TokenPriceMoves prices) {
        this(prices, null);
    }

    /**
     * @param tokenSector null: token nodes are "other" and their size is no sector's TVL (it is inside
     *                    their holders'); a name: token nodes form that pseudo-sector and their held
     *                    value is its TVL, so a collapsing token (UST, FTT in the real data, where they
     *                    are token nodes) shows as that sector's outflow. Its series is then not additive
     *                    with the others.
     */
    public SectorFlows(TokenPriceMoves prices, String tokenSector) {
        this.prices = prices;
        this.tokenSector = tokenSector;
    }

    public static String sector(String category) {
        return category == null || category.isBlank() ? OTHER : category;
    }

    /** The week's flows against the last week given, or null for the first week. */
    public SectorFlowWeek next(WeeklyNetwork network) {
        Totals current = totals(network);
        Totals before = previous;
        previous = current;
        if (before == null) {
            return null;
        }
        return compare(before, current);
    }

    /**
     * What a week leaves for the next one's comparison, for callers that keep it themselves (the streaming
     * operator keeps it in Flink state instead of the whole previous network). Holdings by token are only
     * kept when there are prices to value them with.
     */
    public Totals totals(WeeklyNetwork network) {
        return Totals.of(network, tokenSector, !prices.isEmpty());
    }

    /**
     * {@link #totals(WeeklyNetwork)} straight from the week as the sequential operators receive it, without
     * rebuilding the network (which costs more than the totals themselves at real scale). Same nodes,
     * links and compositions, so the same totals.
     */
    public Totals totals(NetworkWeek week) {
        boolean withHoldings = !prices.isEmpty();
        Map<String, Double> tvl = new TreeMap<>();
        Map<String, Map<String, Double>> holdings = new HashMap<>();
        Map<String, Double> cross = new HashMap<>();
        int n = week.nodeCount();
        String[] sectors = new String[n];
        for (int i = 0; i < n; i++) {
            boolean protocol = NodeKind.classify(week.ids[i]) == NodeKind.PROTOCOL;
            sectors[i] = tokenSector != null && !protocol ? tokenSector : sector(week.categories[i]);
            if (protocol || tokenSector != null) {
                tvl.merge(sectors[i], week.tvlUsd[i], Double::sum);
                if (withHoldings) {
                    Map<String, Double> sectorHoldings = holdings.computeIfAbsent(sectors[i], k -> new HashMap<>());
                    for (int c = week.compositionOffsets[i]; c < week.compositionOffsets[i + 1]; c++) {
                        sectorHoldings.merge(week.compositionTokens[c], week.compositionUsd[c], Double::sum);
                    }
                }
            }
        }
        for (int k = 0; k < week.linkCount(); k++) {
            String s = sectors[week.linkSources[k]];
            String t = sectors[week.linkTargets[k]];
            if (!s.equals(t)) {
                cross.merge(s + '\u0000' + t, week.linkWeights[k], Double::sum);
            }
        }
        return new Totals(week.week, tvl, holdings, cross);
    }

    /** The flows of {@code current} against {@code before}, both from {@link #totals}. */
    public SectorFlowWeek compare(Totals before, Totals current) {
        LocalDate beforeWeek = LocalDate.parse(before.week);
        LocalDate currentWeek = LocalDate.parse(current.week);
        boolean priced = false;
        Map<String, Double> priceEffect = new HashMap<>();
        for (var sectorHoldings : before.holdings.entrySet()) {
            double effect = 0;
            for (var held : sectorHoldings.getValue().entrySet()) {
                OptionalDouble ratio = prices.ratio(held.getKey(), beforeWeek, currentWeek);
                if (ratio.isPresent()) {
                    effect += held.getValue() * (ratio.getAsDouble() - 1);
                    priced = true;
                }
            }
            priceEffect.put(sectorHoldings.getKey(), effect);
        }
        TreeSet<String> names = new TreeSet<>(before.tvl.keySet());
        names.addAll(current.tvl.keySet());
        List<SectorFlowWeek.Sector> sectors = new ArrayList<>();
        for (String s : names) {
            double tvl = current.tvl.getOrDefault(s, 0.0);
            double change = tvl - before.tvl.getOrDefault(s, 0.0);
            double effect = priceEffect.getOrDefault(s, 0.0);
            sectors.add(new SectorFlowWeek.Sector(s, tvl, change, effect, change - effect));
        }
        TreeSet<String> pairs = new TreeSet<>(before.cross.keySet());
        pairs.addAll(current.cross.keySet());
        List<SectorFlowWeek.CrossFlow> cross = new ArrayList<>();
        for (String pair : pairs) {
            int cut = pair.indexOf('\u0000');
            double now = current.cross.getOrDefault(pair, 0.0);
            cross.add(new SectorFlowWeek.CrossFlow(pair.substring(0, cut), pair.substring(cut + 1), now,
                    now - before.cross.getOrDefault(pair, 0.0)));
        }
        return new SectorFlowWeek(current.week, before.week, sectors, cross, priced);
    }

    private static String sectorOf(WeeklyNetwork network, int node, String tokenSector) {
        return tokenSector != null && network.kind(node) != NodeKind.PROTOCOL ? tokenSector : sector(network.category(node));
    }

    /**
     * What one week leaves for the next: sector TVL, sector holdings by token (empty without prices),
     * cross-sector exposure keyed "holder\u0000issuer". Plain maps, so it can be kept as JSON.
     */
    public record Totals(String week, Map<String, Double> tvl, Map<String, Map<String, Double>> holdings,
                         Map<String, Double> cross) {
        static Totals of(WeeklyNetwork network, String tokenSector, boolean withHoldings) {
            Map<String, Double> tvl = new TreeMap<>();
            Map<String, Map<String, Double>> holdings = new HashMap<>();
            Map<String, Double> cross = new HashMap<>();
            for (int i = 0; i < network.nodeCount(); i++) {
                String s = sectorOf(network, i, tokenSector);
                if (network.kind(i) == NodeKind.PROTOCOL || tokenSector != null) {
                    tvl.merge(s, network.tvlUsd(i), Double::sum);
                    if (withHoldings) {
                        Map<String, Double> sectorHoldings = holdings.computeIfAbsent(s, k -> new HashMap<>());
                        for (var held : network.composition(i).entrySet()) {
                            sectorHoldings.merge(held.getKey(), held.getValue(), Double::sum);
                        }
                    }
                }
                for (int k = network.outStart(i); k < network.outEnd(i); k++) {
                    String t = sectorOf(network, network.target(k), tokenSector);
                    if (!s.equals(t)) {
                        cross.merge(s + '\u0000' + t, network.weight(k), Double::sum);
                    }
                }
            }
            return new Totals(network.week().toString(), tvl, holdings, cross);
        }
    }
}
