package io.dexposure.analytics.assets;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Creditors' losses measured from what they held: for each collapsing issuer, each holder's loss is the
 * fall in USD of its holding of that issuer's tokens (per link: the link sums the issuer's tokens it holds),
 * bounded by what the issuer's price move explains ({@link AssetMove#holderLoss}). Not the issuer's TVL
 * change: a protocol whose TVL falls because of what it holds is a creditor here, and the holders of its
 * own tokens lose only if their price fell.
 */
public final class CreditorLosses {
    /** One creditor's losses: total, and per collapsing asset (asset id -> USD, sorted by id). */
    public record Creditor(String id, double lossUsd, Map<String, Double> byAsset, Map<String, Double> heldByAsset) {
    }

    private final Map<String, Creditor> creditors;

    private CreditorLosses(Map<String, Creditor> creditors) {
        this.creditors = creditors;
    }

    /** Losses of every holder of the given collapsing issuers. */
    public static CreditorLosses of(Collection<AssetMove> collapsing) {
        Map<String, Map<String, Double>> losses = new HashMap<>();
        Map<String, Map<String, Double>> held = new HashMap<>();
        for (AssetMove asset : collapsing) {
            for (int h = 0; h < asset.holders().length; h++) {
                double loss = asset.holderLoss(h);
                if (loss > 0) {
                    losses.computeIfAbsent(asset.holders()[h], k -> new TreeMap<>()).merge(asset.id(), loss, Double::sum);
                    held.computeIfAbsent(asset.holders()[h], k -> new TreeMap<>()).merge(asset.id(), asset.before()[h], Double::sum);
                }
            }
        }
        Map<String, Creditor> out = new TreeMap<>();
        for (var e : losses.entrySet()) {
            double total = e.getValue().values().stream().mapToDouble(Double::doubleValue).sum();
            out.put(e.getKey(), new Creditor(e.getKey(), total, e.getValue(), held.get(e.getKey())));
        }
        return new CreditorLosses(out);
    }

    /** Creditors by id. */
    public Map<String, Creditor> byId() {
        return creditors;
    }

    public double lossUsd(String creditor) {
        Creditor c = creditors.get(creditor);
        return c == null ? 0 : c.lossUsd();
    }

    /** Largest losses first, ties by id. */
    public List<Creditor> largest() {
        List<Creditor> list = new ArrayList<>(creditors.values());
        list.sort(Comparator.<Creditor>comparingDouble(c -> -c.lossUsd()).thenComparing(Creditor::id));
        return list;
    }

    public double totalUsd() {
        return creditors.values().stream().mapToDouble(Creditor::lossUsd).sum();
    }
}
