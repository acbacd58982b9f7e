package io.dexposure.tools.report;

import io.dexposure.analytics.alerts.AlertThresholds;
import io.dexposure.analytics.anomaly.ProtocolFeatures;
import io.dexposure.analytics.anomaly.RobustScaler;
import io.dexposure.analytics.embedding.EmbeddingMap;
import io.dexposure.analytics.embedding.Trustworthiness;
import io.dexposure.analytics.metrics.ProtocolMetrics;
import io.dexposure.analytics.phase.PhaseTransitions;
import io.dexposure.analytics.roland.RolandEmbeddings;
import io.dexposure.analytics.week.NetworkWeek;
import io.dexposure.analytics.validation.SupplyValidation;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.time.TimeSeries;
import org.jfree.data.time.TimeSeriesCollection;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Ellipse2D;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The report's analysis sections (issue 17): the week's embedding map (exact or Barnes-Hut t-SNE or PCA, of the anomaly
 * features or ROLAND's embeddings, DBSCAN clusters), phase
 * transitions (curvature and entropy with their change points; crises against the weeks around them) and data
 * validation (USD held against market cap, net inflow against supply change, from the pull's supply checks).
 */
public final class AnalysisSections {
    /** Weeks before and after a crisis that its comparison averages. */
    static final int WINDOW_WEEKS = 4;
    /** Tokens in the data-validation table. */
    static final int SUPPLY_TOKENS = 10;
    /** Largest nodes named on the map. */
    static final int MAP_LABELS = 12;
    /** Trustworthiness is O(n^2 log n): measured for maps up to this many nodes. */
    static final int TRUST_MAX_NODES = 3000;
    private static final Color[] CLUSTER = {new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44),
            new Color(148, 103, 189), new Color(140, 86, 75), new Color(227, 119, 194), new Color(23, 190, 207),
            new Color(188, 189, 34), new Color(57, 59, 121), new Color(99, 121, 57)};

    private AnalysisSections() {
    }

    static List<ReportRenderer.Section> render(ReportData data, ReportAnalyses a, Path dir) throws IOException {
        List<ReportRenderer.Section> out = new ArrayList<>();
        out.add(embedding(data, a, dir));
        out.add(phaseTransitions(data, dir));
        out.add(dataValidation(a));
        return out;
    }

    // --- embedding map

    /** The week the map shows: the one asked for, else the first crisis week with records, else the latest. */
    static String mapWeek(ReportData data, ReportAnalyses a, TreeMap<String, List<ProtocolMetrics>> byWeek) {
        if (a.embeddingWeek() != null) {
            return a.embeddingWeek();
        }
        for (ReportData.Crisis c : data.crises()) {
            for (String w : byWeek.keySet()) {
                LocalDate d = LocalDate.parse(w);
                if (!d.isBefore(c.start()) && !d.isAfter(c.end())) {
                    return w;
                }
            }
        }
        return byWeek.lastKey();
    }

    public static TreeMap<String, List<ProtocolMetrics>> byWeek(List<ProtocolMetrics> records) {
        TreeMap<String, List<ProtocolMetrics>> byWeek = new TreeMap<>();
        for (ProtocolMetrics m : records) {
            byWeek.computeIfAbsent(m.week, w -> new ArrayList<>()).add(m);
        }
        // Record order from Kafka or the store is not fixed: sort so that the map is the same for the same week.
        byWeek.values().forEach(list -> list.sort(Comparator.comparing(m -> m.node)));
        return byWeek;
    }

    private static ReportRenderer.Section embedding(ReportData data, ReportAnalyses a, Path dir) throws IOException {
        String title = "Embedding map";
        if (a.protocolMetrics().isEmpty()) {
            return new ReportRenderer.Section(title, null, "No per-node records (protocol-metrics topic / dexposure_protocol_metrics): "
                    + "the map embeds each node's metrics, so there is nothing to draw.");
        }
        TreeMap<String, List<ProtocolMetrics>> byWeek = byWeek(a.protocolMetrics());
        String week = mapWeek(data, a, byWeek);
        List<ProtocolMetrics> current = byWeek.get(week);
        if (current == null || current.size() < 3) {
            return new ReportRenderer.Section(title, null, "--embedding-week " + week + ": " + (current == null ? "no" : current.size())
                    + " per-node records that week (records from " + byWeek.firstKey() + " to " + byWeek.lastKey() + ").");
        }
        Map.Entry<String, List<ProtocolMetrics>> previous = byWeek.lowerEntry(week);
        EmbeddingMap.Settings s = a.embedding();
        EmbeddingMap.Result map;
        double[][] rows;
        String input;
        if (a.embeddingSource().input() == EmbeddingMap.Input.ROLAND) {
            List<NetworkWeek> weeks = a.embeddingSource().weeks();
            RolandEmbeddings.Week embedded;
            try {
                embedded = RolandEmbeddings.through(weeks, week, a.embeddingSource().roland());
            } catch (IOException | RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IOException("ROLAND over " + a.embeddingSource().snapshot() + ": " + e.getMessage(), e);
            }
            if (embedded == null || embedded.ids().size() < 3) {
                return new ReportRenderer.Section(title, null, "--embedding-source ROLAND: week " + week + " is not a complete week of "
                        + a.embeddingSource().snapshot() + " (or has under 3 nodes), so ROLAND has no embeddings for it.");
            }
            rows = embedded.rows();
            map = EmbeddingMap.of(week, embedded.ids(), rows, EmbeddingMap.Input.ROLAND, s);
            long replayed = weeks.stream().filter(w -> w.week.compareTo(week) <= 0).count();
            input = String.format(Locale.US, "their ROLAND embeddings (the last GNN layer's %d-dimensional node states after ROLAND's "
                    + "live update over the snapshot's %d weeks up to this one, seed %d)", a.embeddingSource().roland().hidden2(),
                    replayed, a.embeddingSource().roland().seed);
        } else {
            ProtocolFeatures.Week f = ProtocolFeatures.of(current, previous == null ? null : previous.getValue());
            rows = RobustScaler.scale(f.rows(), s.clip());
            map = EmbeddingMap.of(f.week(), f.metrics().stream().map(m -> m.node).toList(), rows, EmbeddingMap.Input.FEATURES, s);
            input = "their " + ProtocolFeatures.NAMES.size() + " anomaly features (levels and changes since "
                    + (previous == null ? "nothing (first week: changes 0)" : previous.getKey()) + ", robust z-scores)";
        }
        String trust = "";
        if (map.size() <= TRUST_MAX_NODES && map.size() >= 12) {
            trust = String.format(Locale.US, " Trustworthiness (5 neighbours) %.3f: share of map neighbourhoods that are "
                    + "input-space neighbourhoods (1 = all, random about 0.5).", Trustworthiness.of(rows, map.xy(), 5));
        }
        save(mapChart(map, current), dir, "embedding-map.png", 760);
        return new ReportRenderer.Section(title + ", week " + week, "embedding-map.png", String.format(Locale.US,
                "%d nodes placed by %s of %s, coloured by DBSCAN cluster on the map (%d clusters, %d nodes noise, eps %.3g, "
                        + "minPts %d); the %d largest by TVL named. Embedded and clustered in %d ms.%s", map.size(),
                methodNote(map.method(), s), input, map.clusters(), map.noise(), map.eps(), s.minPts(),
                Math.min(MAP_LABELS, map.size()), map.millis(), trust));
    }

    /** The method with its settings, and why it was chosen when it was not exact t-SNE. */
    static String methodNote(EmbeddingMap.Method method, EmbeddingMap.Settings s) {
        return switch (method) {
            case TSNE -> String.format(Locale.US, "exact t-SNE (perplexity %.0f, %d iterations, seed %d)", s.perplexity(),
                    s.iterations(), s.seed());
            case BARNES_HUT -> String.format(Locale.US, "Barnes-Hut t-SNE (theta %.2f, perplexity %.0f, %d iterations, seed %d; "
                    + "the week has more than --embedding-max-exact-nodes %d nodes)", s.theta(), s.perplexity(), s.iterations(),
                    s.seed(), s.maxExactNodes());
            case PCA -> "a PCA projection (the week has more than --embedding-max-barnes-hut-nodes " + s.maxBarnesHutNodes() + " nodes)";
        };
    }

    /** The map as a scatter chart, one series per DBSCAN cluster (noise grey), the largest nodes named. */
    public static JFreeChart mapChart(EmbeddingMap.Result map, List<ProtocolMetrics> metrics) {
        Map<String, ProtocolMetrics> byId = new TreeMap<>();
        metrics.forEach(m -> byId.put(m.node, m));
        XYSeriesCollection ds = new XYSeriesCollection();
        List<XYSeries> series = new ArrayList<>();
        for (int c = 0; c < map.clusters(); c++) {
            series.add(new XYSeries("cluster " + (c + 1), false, true));
        }
        XYSeries noise = new XYSeries("noise", false, true);
        for (int i = 0; i < map.size(); i++) {
            (map.cluster()[i] >= 0 ? series.get(map.cluster()[i]) : noise).add(map.xy()[i][0], map.xy()[i][1]);
        }
        for (int c = 0; c < series.size(); c++) {
            series.get(c).setKey("cluster " + (c + 1) + " (" + series.get(c).getItemCount() + ")");
            ds.addSeries(series.get(c));
        }
        noise.setKey("noise (" + noise.getItemCount() + ")");
        ds.addSeries(noise);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(false, true);
        for (int c = 0; c < ds.getSeriesCount(); c++) {
            boolean isNoise = c == ds.getSeriesCount() - 1;
            renderer.setSeriesPaint(c, isNoise ? new Color(150, 150, 150) : CLUSTER[c % CLUSTER.length]);
            renderer.setSeriesShape(c, new Ellipse2D.Double(-3, -3, 6, 6));
        }
        XYPlot plot = new XYPlot(ds, new NumberAxis(map.method().axis() + " 1"), new NumberAxis(map.method().axis() + " 2"), renderer);
        Integer[] bySize = new Integer[map.size()];
        for (int i = 0; i < bySize.length; i++) {
            bySize[i] = i;
        }
        java.util.Arrays.sort(bySize, Comparator.comparingDouble((Integer i) -> {
            ProtocolMetrics m = byId.get(map.ids().get(i));
            return m == null ? 0 : -Math.max(m.tvlUsd, m.inStrengthUsd);
        }).thenComparing(i -> map.ids().get(i)));
        for (int k = 0; k < Math.min(MAP_LABELS, bySize.length); k++) {
            int i = bySize[k];
            ProtocolMetrics m = byId.get(map.ids().get(i));
            String name = m == null || m.name == null || m.name.isBlank() ? map.ids().get(i) : m.name;
            XYTextAnnotation label = new XYTextAnnotation(" " + name, map.xy()[i][0], map.xy()[i][1]);
            label.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
            label.setTextAnchor(TextAnchor.CENTER_LEFT);
            plot.addAnnotation(label);
        }
        return new JFreeChart(mapTitle(map), JFreeChart.DEFAULT_TITLE_FONT, plot, true);
    }

    /** "Protocol map, week W (Barnes-Hut t-SNE of ROLAND embeddings, DBSCAN clusters)". */
    public static String mapTitle(EmbeddingMap.Result map) {
        return "Protocol map, week " + map.week() + " (" + map.method().label() + " of " + map.input().label() + ", DBSCAN clusters)";
    }

    // --- phase transitions

    private static ReportRenderer.Section phaseTransitions(ReportData data, Path dir) throws IOException {
        String title = "Phase transitions: curvature and entropy";
        if (data.weeks().isEmpty()) {
            return new ReportRenderer.Section(title, null, "No weekly metrics: no curvature or entropy series.");
        }
        AlertThresholds thresholds = AlertThresholds.defaults();
        // Offline the whole series is known: the rule's CUSUM with a whole-series baseline, so that a crisis in the
        // first weeks (Terra, the shipped sample's fourth week) is not lost in the streaming rule's warm-up.
        PhaseTransitions.Method method = PhaseTransitions.Method.WHOLE_SERIES_CUSUM;
        List<PhaseTransitions.Series> series = PhaseTransitions.series(data.weeks(), PhaseTransitions.DEFAULT_METRICS, thresholds,
                method);
        int ruleTotal = PhaseTransitions.series(data.weeks(), PhaseTransitions.DEFAULT_METRICS, thresholds).stream()
                .mapToInt(s -> s.changePoints().size()).sum();
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(new DateAxis("week"));
        plot.setGap(8);
        boolean first = true;
        for (PhaseTransitions.Series s : series) {
            TimeSeries ts = new TimeSeries(s.metric());
            for (int k = 0; k < s.weeks().size(); k++) {
                if (!Double.isNaN(s.values()[k])) {
                    ts.addOrUpdate(ReportRenderer.day(s.weeks().get(k)), s.values()[k]);
                }
            }
            TimeSeriesCollection ds = new TimeSeriesCollection(ts);
            NumberAxis range = new NumberAxis(s.metric());
            range.setAutoRangeIncludesZero(false);
            XYPlot sub = new XYPlot(ds, null, range, new XYLineAndShapeRenderer(true, true));
            ReportRenderer.markCrises(sub, data, first);
            first = false;
            for (String w : s.changePoints()) {
                ValueMarker marker = new ValueMarker(ReportRenderer.millis(LocalDate.parse(w)), new Color(120, 0, 160),
                        new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[]{5, 4}, 0));
                marker.setLabel("change");
                marker.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 9));
                sub.addDomainMarker(marker);
            }
            plot.add(sub);
        }
        save(new JFreeChart("Curvature, entropy and concentration per week, change points (whole-series CUSUM) dashed", JFreeChart.DEFAULT_TITLE_FONT, plot, true),
                dir, "phase-transitions.png", 640);
        List<PhaseTransitions.Period> periods = data.crises().stream()
                .map(c -> new PhaseTransitions.Period(c.title(), c.start(), c.end())).toList();
        StringBuilder h = new StringBuilder("<table><tr><th>crisis</th><th>metric</th><th>" + WINDOW_WEEKS
                + " weeks before</th><th>during</th><th>" + WINDOW_WEEKS + " weeks after</th><th>after vs before</th></tr>\n");
        List<String> near = new ArrayList<>();
        for (PhaseTransitions.Comparison c : PhaseTransitions.compare(series, periods, WINDOW_WEEKS)) {
            for (int m = 0; m < c.metrics().size(); m++) {
                h.append(String.format(Locale.US, "<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>%n",
                        m == 0 ? ReportRenderer.escape(c.crisis() + " (" + c.start() + ")") : "", c.metrics().get(m),
                        fmt(c.before()[m]), fmt(c.during()[m]), fmt(c.after()[m]),
                        Double.isNaN(c.before()[m]) || Double.isNaN(c.after()[m]) ? "" : fmt(c.after()[m] - c.before()[m])));
            }
            near.add(c.crisis() + ": " + (c.changePointsNear().isEmpty() ? "none" : String.join(", ", c.changePointsNear())));
        }
        h.append("</table>\n<p>Change points within ").append(WINDOW_WEEKS).append(" weeks of each crisis: ")
                .append(ReportRenderer.escape(String.join("; ", near))).append(".</p>\n");
        int total = series.stream().mapToInt(s -> s.changePoints().size()).sum();
        return new ReportRenderer.Section(title, "phase-transitions.png", String.format(Locale.US,
                "Mean Ollivier-Ricci curvature, exposure entropy, the walk's entropy rate and TVL concentration (HHI) per week; "
                        + "dashed: the %d change points drawn by %s (default drift %.2g, threshold %.2g robust sd); the rule as the job "
                        + "runs it, learning its baseline over a %d-week warm-up, finds %d in the same series (a job run with its own "
                        + "thresholds file may differ); crises shaded. Table: means over the %d weeks before each crisis, its weeks, "
                        + "and the %d weeks after.", total, method.description(), thresholds.number("regime-change.drift"),
                thresholds.number("regime-change.threshold"), thresholds.integer("regime-change.warmup-weeks"), ruleTotal,
                WINDOW_WEEKS, WINDOW_WEEKS),
                h.toString());
    }

    // --- data validation

    private static ReportRenderer.Section dataValidation(ReportAnalyses a) throws IOException {
        String title = "Data validation: USD held against market cap";
        if (a.supplyCsv() == null) {
            return new ReportRenderer.Section(title, null, "No supply data: this input has no supply checks (they come from "
                    + "`pull` with an Infura key, written by --supply-csv, supply-checks.csv beside the pulled file; give it with "
                    + "report --supply-csv). The shipped sample and generated histories have none, so neither the market-cap "
                    + "comparison nor the inflow/supply correlation can be made.");
        }
        List<SupplyValidation.Row> rows = SupplyValidation.read(a.supplyCsv());
        if (rows.isEmpty()) {
            return new ReportRenderer.Section(title, null, "No supply data: " + a.supplyCsv() + " has no rows (the pull checked no "
                    + "token: no Infura key, or no token held above the minimum).");
        }
        SupplyValidation.Summary s = SupplyValidation.summarise(rows, SUPPLY_TOKENS);
        StringBuilder h = new StringBuilder("<table><tr><th>token</th><th>latest week</th><th>held in the network</th>"
                + "<th>market cap (Ethereum supply x price)</th><th>held / market cap</th><th>mean held / market cap</th>"
                + "<th>weeks</th><th>week pairs</th><th>corr(net inflow, supply change)</th></tr>\n");
        for (SupplyValidation.Token t : s.tokens()) {
            SupplyValidation.Row r = t.latest();
            h.append(String.format(Locale.US, "<tr><td>%s</td><td>%s</td><td>$%,.0f</td><td>$%,.0f</td><td>%s</td><td>%s</td>"
                            + "<td>%d</td><td>%d</td><td>%s</td></tr>%n", ReportRenderer.escape(t.symbol()), r.week(), r.heldUsd(),
                    r.marketCapUsd(), fmt(r.heldShare()), fmt(t.meanShare()), t.weeks(), t.pairs(), fmt(t.correlation())));
        }
        h.append(String.format(Locale.US, "</table>\n<p>All checked tokens pooled: correlation %s over %d week pairs. "
                + "Correlations need 3 or more consecutive checked weeks; blank = not enough.</p>\n", fmt(s.pooledCorrelation()), s.pooledPairs()));
        return new ReportRenderer.Section(title, null, String.format(Locale.US, "From %s (%d checks): the %d tokens held most in the "
                + "latest checked week. Held above 1x market cap is double counting or a misnamed token; net inflow (change of tokens "
                + "held, at the later price) against supply change (tokens minted or burnt, same price) correlates when deposits "
                + "drive issuance (wrapped and bridged tokens).", a.supplyCsv().getFileName(), rows.size(), s.tokens().size()), h.toString());
    }

    private static String fmt(double x) {
        return Double.isNaN(x) ? "" : String.format(Locale.US, "%.4g", x);
    }

    private static void save(JFreeChart chart, Path dir, String file, int height) throws IOException {
        Files.createDirectories(dir);
        ReportRenderer.save(chart, dir, file, height);
    }
}
