package io.dexposure.analytics.assets;

import io.dexposure.analytics.week.NetworkWeek;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The asset view of a week against the previous one: for every token symbol (from holders' node
 * compositions) and every issuer node (protocol or token node, from links to it), the USD held by others
 * in both weeks and the price move estimated as the median change across holders that held it in both
 * weeks, separate from withdrawals. Buckets (LP, OTHER, UNKNOWN, None) issue nothing and are left out.
 * Plain: computed from the two weeks, no state.
 */
public final class AssetView {
    private final Map<String, AssetMove> tokens;
    private final Map<String, AssetMove> issuers;

    private AssetView(Map<String, AssetMove> tokens, Map<String, AssetMove> issuers) {
        this.tokens = tokens;
        this.issuers = issuers;
    }

    public static AssetView of(NetworkWeek previous, NetworkWeek current) {
        if (previous == null || !previous.complete) {
            return new AssetView(Map.of(), Map.of());
        }
        Map<String, AssetMove> tokens = moves(AssetMove.Scope.TOKEN_SYMBOL, tokenHoldings(previous), tokenHoldings(current));
        Map<String, AssetMove> issuers = moves(AssetMove.Scope.ISSUER, issuerHoldings(previous), issuerHoldings(current));
        return new AssetView(tokens, issuers);
    }

    /** Token symbols by symbol (sorted). */
    public Map<String, AssetMove> tokens() {
        return tokens;
    }

    /** Issuer nodes by id (sorted). */
    public Map<String, AssetMove> issuers() {
        return issuers;
    }

    public AssetMove issuer(String id) {
        return issuers.get(id);
    }

    public AssetMove token(String symbol) {
        return tokens.get(symbol);
    }

    /** symbol -> holder -> USD, from node compositions; a node's holding of itself (a token node) is not counted. */
    static Map<String, Map<String, Double>> tokenHoldings(NetworkWeek week) {
        Map<String, Map<String, Double>> out = new HashMap<>();
        for (int i = 0; i < week.nodeCount(); i++) {
            for (int c = week.compositionOffsets[i]; c < week.compositionOffsets[i + 1]; c++) {
                String symbol = week.compositionTokens[c];
                double usd = week.compositionUsd[c];
                if (symbol == null || symbol.equals(week.ids[i]) || usd <= 0 || AssetKind.of(symbol) == AssetKind.BUCKET) {
                    continue;
                }
                out.computeIfAbsent(symbol, k -> new HashMap<>()).merge(week.ids[i], usd, Double::sum);
            }
        }
        return out;
    }

    /** issuer -> holder -> USD, from links (a holder's link to an issuer sums all the issuer's tokens it holds). */
    static Map<String, Map<String, Double>> issuerHoldings(NetworkWeek week) {
        Map<String, Map<String, Double>> out = new HashMap<>();
        for (int k = 0; k < week.linkCount(); k++) {
            int source = week.linkSources[k];
            int target = week.linkTargets[k];
            if (source == target || week.linkWeights[k] <= 0 || AssetKind.of(week.ids[target]) == AssetKind.BUCKET) {
                continue;
            }
            out.computeIfAbsent(week.ids[target], x -> new HashMap<>()).merge(week.ids[source], week.linkWeights[k], Double::sum);
        }
        return out;
    }

    private static Map<String, AssetMove> moves(AssetMove.Scope scope, Map<String, Map<String, Double>> before,
                                                Map<String, Map<String, Double>> now) {
        Map<String, AssetMove> out = new TreeMap<>();
        // Assets held in the previous week: a price move needs a before.
        for (var entry : before.entrySet()) {
            out.put(entry.getKey(), move(scope, entry.getKey(), entry.getValue(), now.getOrDefault(entry.getKey(), Map.of())));
        }
        return Collections.unmodifiableMap(out);
    }

    static AssetMove move(AssetMove.Scope scope, String id, Map<String, Double> before, Map<String, Double> now) {
        TreeSet<String> all = new TreeSet<>(before.keySet());
        all.addAll(now.keySet());
        List<String> holders = new ArrayList<>(all);
        holders.sort(Comparator.<String>comparingDouble(h -> -before.getOrDefault(h, 0.0)).thenComparing(h -> h));
        double[] b = new double[holders.size()];
        double[] n = new double[holders.size()];
        double heldBefore = 0;
        double heldNow = 0;
        List<Double> changes = new ArrayList<>();
        for (int h = 0; h < holders.size(); h++) {
            b[h] = before.getOrDefault(holders.get(h), 0.0);
            n[h] = now.getOrDefault(holders.get(h), 0.0);
            heldBefore += b[h];
            heldNow += n[h];
            if (b[h] > 0 && n[h] > 0) {
                changes.add(n[h] / b[h] - 1);
            }
        }
        double priceMove = median(changes);
        double expected = heldBefore * (1 + (Double.isNaN(priceMove) ? 0 : priceMove));
        return new AssetMove(scope, id, AssetKind.of(id), heldBefore, heldNow, before.size(), changes.size(), priceMove,
                Math.max(0, expected - heldNow), holders.toArray(new String[0]), b, n);
    }

    static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(v);
        int m = v.length / 2;
        return v.length % 2 == 1 ? v[m] : (v[m - 1] + v[m]) / 2;
    }

    /** Issuers in order of USD lost to their price move, largest first (the assets worth looking at first). */
    public List<AssetMove> issuersByPriceLoss() {
        List<AssetMove> list = new ArrayList<>(issuers.values());
        list.sort(Comparator.<AssetMove>comparingDouble(a -> -a.priceLossUsd()).thenComparing(AssetMove::id));
        return list;
    }

    /** Every asset, issuers then token symbols, for printing. */
    public Map<String, AssetMove> all() {
        Map<String, AssetMove> out = new LinkedHashMap<>();
        issuers.forEach((k, v) -> out.put("issuer " + k, v));
        tokens.forEach((k, v) -> out.put("token " + k, v));
        return out;
    }
}
