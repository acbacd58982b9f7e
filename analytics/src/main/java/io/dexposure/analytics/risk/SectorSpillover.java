package io.dexposure.analytics.risk;

import io.dexposure.analytics.week.NetworkWeek;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * DeXposure-FM's sector spillover (references.md §2): S[a][b] = exposure from holders in sector a to
 * issuers in sector b, diagonal excluded; the index is the HHI of the off-diagonal cells' shares.
 * A sector is the node's category as given: DefiLlama categories in the sample, the real mapping's
 * sector groups in the real data; a node without one is "other".
 */
public final class SectorSpillover {
    public static final String OTHER = "other";

    private SectorSpillover() {
    }

    public record Result(List<WeekRisk.SectorFlow> flows, double totalUsd, double index) {
    }

    public static String sector(String category) {
        return category == null || category.isBlank() ? OTHER : category;
    }

    public static Result of(NetworkWeek week) {
        Map<String, Map<String, Double>> matrix = new TreeMap<>();
        for (int k = 0; k < week.linkCount(); k++) {
            String from = sector(week.categories[week.linkSources[k]]);
            String to = sector(week.categories[week.linkTargets[k]]);
            if (!from.equals(to)) {
                matrix.computeIfAbsent(from, s -> new TreeMap<>()).merge(to, week.linkWeights[k], Double::sum);
            }
        }
        List<WeekRisk.SectorFlow> flows = new ArrayList<>();
        double total = 0;
        for (var row : matrix.entrySet()) {
            for (var cell : row.getValue().entrySet()) {
                flows.add(new WeekRisk.SectorFlow(row.getKey(), cell.getKey(), cell.getValue()));
                total += cell.getValue();
            }
        }
        double hhi = 0;
        for (WeekRisk.SectorFlow f : flows) {
            double share = f.usd / total;
            hhi += share * share;
        }
        return new Result(flows, total, total > 0 ? hhi : 0);
    }

    /** TVL per sector (protocol nodes only: token buckets hold nothing of their own). */
    public static Map<String, Double> tvlBySector(NetworkWeek week) {
        Map<String, Double> tvl = new TreeMap<>();
        for (int i = 0; i < week.nodeCount(); i++) {
            if (io.dexposure.events.NodeKind.classify(week.ids[i]) == io.dexposure.events.NodeKind.PROTOCOL) {
                tvl.merge(sector(week.categories[i]), Math.max(0, week.tvlUsd[i]), Double::sum);
            }
        }
        return tvl;
    }
}
