package io.dexposure.analytics.stats;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * The per-week figures of {@link SnapshotStatistics} summarised over all weeks and over the last
 * {@link SnapshotStatistics#RECENT_WEEKS} (the published 2025 window has 29 weeks), beside the
 * published values of real-data.md: as a table and as one JSON object.
 */
public final class StatisticsSummary {
    private final List<SnapshotStatistics.Week> all;
    private final List<SnapshotStatistics.Week> recent;

    /** One figure: how to read it from a week, how to summarise, and the published value (text) or null. */
    private record Figure(String name, String label, ToDoubleFunction<SnapshotStatistics.Week> value, boolean median,
                          String publishedRecent, String publishedAll, String format) {
    }

    private static final List<Figure> FIGURES = List.of(
            new Figure("nodes", "nodes (mean)", w -> w.nodes(), false, "10,550-11,237", "5,676", "%,.0f"),
            new Figure("links", "links (mean, distinct kept)", w -> w.links(), false, "65,024-68,265", "30,424", "%,.0f"),
            new Figure("linkPersistence", "link persistence", SnapshotStatistics.Week::linkPersistence, false, null,
                    "~0.53", "%.3f"),
            new Figure("nodeOverlap", "node overlap", SnapshotStatistics.Week::nodeOverlap, false, null, "0.985", "%.3f"),
            new Figure("tokenNodeShare", "token-node share of linked nodes", SnapshotStatistics.Week::tokenNodeShare,
                    false, null, "0.56-0.58", "%.3f"),
            new Figure("density", "density (median)", SnapshotStatistics.Week::density, true, "0.000525-0.000592",
                    "0.00081", "%.6f"),
            new Figure("giniWeightedDegree", "Gini of weighted degree", SnapshotStatistics.Week::giniWeightedDegree,
                    false, "0.986-0.995", null, "%.3f"),
            new Figure("giniPageRank", "Gini of PageRank (directed, USD-weighted)", SnapshotStatistics.Week::giniPageRank, false, "0.66-0.73",
                    null, "%.3f"),
            new Figure("maxPageRank", "max PageRank (directed, USD-weighted)", SnapshotStatistics.Week::maxPageRank, false, "0.017-0.036", null,
                    "%.4f"),
            new Figure("giniPageRankUndirected", "Gini of PageRank (undirected, unweighted)",
                    SnapshotStatistics.Week::giniPageRankUndirected, false, "0.66-0.73", null, "%.3f"),
            new Figure("maxPageRankUndirected", "max PageRank (undirected, unweighted)",
                    SnapshotStatistics.Week::maxPageRankUndirected, false, "0.017-0.036", null, "%.4f"),
            new Figure("hhiOutStrength", "HHI of weighted out-degree", SnapshotStatistics.Week::hhiOutStrength, false,
                    "0.018-0.166", null, "%.4f"),
            new Figure("nonPositiveShare", "non-positive share of raw links",
                    w -> w.rawLinks() == 0 ? Double.NaN : (double) w.nonPositiveLinks() / w.rawLinks(), false,
                    "0.08-0.10", null, "%.3f"),
            new Figure("persistenceAuroc", "persistence baseline AUROC (1 week, 5 neg.)",
                    SnapshotStatistics.Week::persistenceAuroc, false, null, "0.763", "%.3f"),
            new Figure("persistenceAuprc", "persistence baseline AUPRC (1 week, 5 neg.)",
                    SnapshotStatistics.Week::persistenceAuprc, false, null, "0.604", "%.3f"));

    public StatisticsSummary(List<SnapshotStatistics.Week> weeks) {
        this.all = List.copyOf(weeks);
        this.recent = all.subList(Math.max(0, all.size() - SnapshotStatistics.RECENT_WEEKS), all.size());
    }

    /** Mean (or median) of a figure over the weeks where it is defined; NaN when it is nowhere. */
    private static double summarise(List<SnapshotStatistics.Week> weeks, Figure f) {
        double[] values = weeks.stream().mapToDouble(f.value()).filter(v -> !Double.isNaN(v)).toArray();
        if (values.length == 0) {
            return Double.NaN;
        }
        if (f.median()) {
            Arrays.sort(values);
            int mid = values.length / 2;
            return values.length % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
        }
        return Arrays.stream(values).average().orElse(Double.NaN);
    }

    private long sum(ToDoubleFunction<SnapshotStatistics.Week> f) {
        return Math.round(all.stream().mapToDouble(f).sum());
    }

    public String table() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%d weeks (%s .. %s); last %d weeks from %s%n", all.size(),
                all.isEmpty() ? "-" : all.get(0).week(), all.isEmpty() ? "-" : all.get(all.size() - 1).week(),
                recent.size(), recent.isEmpty() ? "-" : recent.get(0).week()));
        String row = "%-44s %14s %18s %14s %14s%n";
        out.append(String.format(Locale.ROOT, row, "figure", "last " + recent.size() + " wk", "published 2025",
                "all weeks", "published all"));
        for (Figure f : FIGURES) {
            out.append(String.format(Locale.ROOT, row, f.label(), format(f, summarise(recent, f)),
                    f.publishedRecent() == null ? "" : f.publishedRecent(), format(f, summarise(all, f)),
                    f.publishedAll() == null ? "" : f.publishedAll()));
        }
        out.append(String.format(Locale.ROOT, "null-id nodes %d (weeks with one: %d), links with a null endpoint %d, "
                        + "dropped links %d, non-positive links %d of %d raw%n", sum(w -> w.nullIdNodes()),
                all.stream().filter(w -> w.nullIdNodes() > 0).count(), sum(w -> w.nullIdLinks()),
                sum(w -> w.droppedLinks()), sum(w -> w.nonPositiveLinks()), sum(w -> w.rawLinks())));
        return out.toString();
    }

    private static String format(Figure f, double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, f.format(), value);
    }

    /** One object: weeks, every figure over all weeks, totals, and {@code last29} with the recent figures. */
    public ObjectNode json() {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        root.put("weeks", all.size());
        if (!all.isEmpty()) {
            root.put("firstWeek", all.get(0).week().toString());
            root.put("lastWeek", all.get(all.size() - 1).week().toString());
        }
        for (Figure f : FIGURES) {
            put(root, f.name(), summarise(all, f));
        }
        root.put("nullIdNodes", sum(w -> w.nullIdNodes()));
        root.put("nullIdLinks", sum(w -> w.nullIdLinks()));
        root.put("droppedLinks", sum(w -> w.droppedLinks()));
        root.put("nonPositiveLinks", sum(w -> w.nonPositiveLinks()));
        root.put("rawLinks", sum(w -> w.rawLinks()));
        ObjectNode last = root.putObject("last" + SnapshotStatistics.RECENT_WEEKS);
        last.put("weeks", recent.size());
        for (Figure f : FIGURES) {
            put(last, f.name(), summarise(recent, f));
        }
        return root;
    }

    private static void put(ObjectNode node, String field, double value) {
        if (Double.isNaN(value)) {
            node.putNull(field);
        } else {
            node.put(field, value);
        }
    }
}
