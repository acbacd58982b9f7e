package io.dexposure.tools.report;

import io.dexposure.analytics.alerts.Alert;
import io.dexposure.analytics.metrics.RankedNode;
import io.dexposure.analytics.metrics.WeekMetrics;
import io.dexposure.analytics.linkpred.ModelQuality;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StackedXYBarRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.time.Day;
import org.jfree.data.time.TimeSeries;
import org.jfree.data.time.TimeSeriesCollection;
import org.jfree.data.time.TimeTableXYDataset;

import java.awt.Color;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * Writes a report directory: PNG charts (JFreeChart, headless) and an index.html that shows them, with the
 * crisis weeks shaded on every time chart and a line for each kind of data that is missing and why.
 */
public final class ReportRenderer {
    static final int WIDTH = 1100;
    private static final Color CRISIS = new Color(220, 50, 47, 45);
    private static final Map<String, Color> SEVERITY = Map.of(Alert.CRITICAL, new Color(200, 30, 30),
            Alert.WARNING, new Color(240, 150, 20), Alert.INFO, new Color(60, 120, 200));

    /** One chart of the report (and/or a table, as HTML), or why it is missing. */
    public record Section(String title, String file, String note, String html) {
        public Section(String title, String file, String note) {
            this(title, file, note, null);
        }

        /** Neither a chart nor a table: the note says why. */
        public boolean missing() {
            return file == null && html == null;
        }
    }

    private ReportRenderer() {
    }

    /** Renders everything the data has into dir, without per-node records or supply data. */
    public static List<Section> render(ReportData data, Path dir) throws IOException {
        return render(data, ReportAnalyses.none(), dir);
    }

    /** Renders everything the data has into dir, with the analyses' sections; returns the sections in page order. */
    public static List<Section> render(ReportData data, ReportAnalyses analyses, Path dir) throws IOException {
        System.setProperty("java.awt.headless", "true");
        Files.createDirectories(dir);
        List<Section> sections = new ArrayList<>();
        if (data.weeks().isEmpty()) {
            sections.add(new Section("Weekly network series", null, "No weekly metrics: the job has written no week to "
                    + "the network-metrics topic / dexposure_week_metrics yet."));
        } else {
            save(valueChart(data), dir, "weekly-value.png", 420);
            sections.add(new Section("TVL and exposure per week", "weekly-value.png",
                    "Total TVL, all exposure and protocol-to-protocol exposure (USD bn); crisis weeks shaded."));
            save(structureChart(data), dir, "weekly-structure.png", 900);
            sections.add(new Section("Network structure per week", "weekly-structure.png",
                    "Size, density, concentration, components, curvature and communities of each week's exposure network."));
        }
        if (data.alerts().isEmpty()) {
            sections.add(new Section("Alert timeline", null, "No alerts: nothing on the alerts topic / dexposure_alerts "
                    + "(the shock-alert operator has not run on this data, or found nothing)."));
        } else {
            save(alertChart(data), dir, "alerts.png", 380);
            sections.add(new Section("Alert timeline", "alerts.png", data.alerts().size() + " alerts, per week by severity."));
        }
        sections.add(topSystemic(data, dir));
        if (data.modelQuality().isEmpty()) {
            sections.add(new Section("Model quality", null, "No model-quality records: ROLAND and its baselines have "
                    + "not scored any week (model-quality topic / dexposure_model_quality)."));
        } else {
            save(modelChart(data), dir, "model-quality.png", 420);
            sections.add(new Section("Model quality", "model-quality.png",
                    "AUPRC of next-week link prediction per scored week: ROLAND against the baselines."));
        }
        sections.addAll(AnalysisSections.render(data, analyses, dir));
        Files.writeString(dir.resolve("index.html"), html(data, sections), StandardCharsets.UTF_8);
        return sections;
    }

    // --- charts

    private static JFreeChart valueChart(ReportData data) {
        TimeSeriesCollection ds = new TimeSeriesCollection();
        ds.addSeries(series("total TVL", data.weeks(), m -> m.totalTvlUsd / 1e9));
        ds.addSeries(series("all exposure", data.weeks(), m -> m.totalExposureUsd / 1e9));
        ds.addSeries(series("protocol-to-protocol exposure", data.weeks(), m -> m.protocolExposureUsd / 1e9));
        JFreeChart chart = ChartFactory.createTimeSeriesChart("Value in the network, per week", "week", "USD bn", ds,
                true, false, false);
        markCrises(chart.getXYPlot(), data, true);
        return chart;
    }

    private static JFreeChart structureChart(ReportData data) {
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(new DateAxis("week"));
        plot.setGap(8);
        List<WeekMetrics> w = data.weeks();
        plot.add(subplot("nodes / links", data, series("nodes", w, m -> m.nodes), series("links", w, m -> m.links)));
        plot.add(subplot("density", data, series("density", w, m -> m.density)));
        plot.add(subplot("concentration", data, series("exposure HHI", w, m -> m.exposureHhi),
                series("TVL HHI", w, m -> m.tvlHhi), series("exposure Gini", w, m -> m.exposureGini)));
        plot.add(subplot("largest SCC share", data, series("largest strong component", w, m -> m.largestStrongComponentShare)));
        plot.add(subplot("curvature", data, series("mean", w, m -> nan(m.curvatureMean)),
                series("p05", w, m -> nan(m.curvatureP05))));
        plot.add(subplot("communities", data, series("Infomap communities", w, m -> m.communities)));
        boolean first = true;
        for (Object sub : plot.getSubplots()) {
            markCrises((XYPlot) sub, data, first);
            first = false;
        }
        return new JFreeChart("Network structure, per week", JFreeChart.DEFAULT_TITLE_FONT, plot, true);
    }

    private static JFreeChart alertChart(ReportData data) {
        TimeTableXYDataset ds = new TimeTableXYDataset();
        Map<String, Map<String, Integer>> counts = new TreeMap<>();
        for (Alert a : data.alerts()) {
            counts.computeIfAbsent(a.week, k -> new TreeMap<>()).merge(a.severity, 1, Integer::sum);
        }
        for (String severity : List.of(Alert.CRITICAL, Alert.WARNING, Alert.INFO)) {
            for (Map.Entry<String, Map<String, Integer>> week : counts.entrySet()) {
                ds.add(day(week.getKey()), week.getValue().getOrDefault(severity, 0), severity);
            }
        }
        JFreeChart chart = ChartFactory.createXYBarChart("Alerts per week by severity", "week", true, "alerts", ds,
                PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        StackedXYBarRenderer renderer = new StackedXYBarRenderer(0.1);
        for (int i = 0; i < ds.getSeriesCount(); i++) {
            renderer.setSeriesPaint(i, SEVERITY.getOrDefault(String.valueOf(ds.getSeriesKey(i)), Color.GRAY));
        }
        renderer.setShadowVisible(false);
        plot.setRenderer(renderer);
        markCrises(plot, data, true);
        return chart;
    }

    private static Section topSystemic(ReportData data, Path dir) throws IOException {
        DefaultCategoryDataset ds = new DefaultCategoryDataset();
        String title;
        String note;
        if (!data.protocolRisk().isEmpty()) {
            String latest = data.protocolRisk().stream().map(r -> r.week).max(String::compareTo).orElseThrow();
            data.protocolRisk().stream().filter(r -> r.week.equals(latest)).sorted(Comparator.comparingInt(r -> r.rank))
                    .limit(10).forEach(r -> ds.addValue(r.systemicImportance, "Systemic Importance Score", label(r.name, r.node)));
            title = "Top systemic protocols, week " + latest;
            note = "Systemic Importance Score (weighted PageRank, tail exposure, TVL) of the latest week's top 10.";
        } else if (!data.weeks().isEmpty() && data.weeks().get(data.weeks().size() - 1).weightedPageRankTop10 != null) {
            WeekMetrics latest = data.weeks().get(data.weeks().size() - 1);
            for (RankedNode n : latest.weightedPageRankTop10) {
                ds.addValue(n.score, "exposure-weighted PageRank", label(n.name, n.id));
            }
            title = "Most central nodes, week " + latest.week;
            note = "No protocol-risk records (the systemic-risk operator has not run): the exposure-weighted PageRank "
                    + "top 10 of the latest week stands in.";
        } else {
            return new Section("Top systemic protocols", null, "No protocol-risk records and no weekly metrics.");
        }
        JFreeChart chart = ChartFactory.createBarChart(title, "", "score", ds, PlotOrientation.HORIZONTAL, false, false, false);
        save(chart, dir, "top-systemic.png", 420);
        return new Section("Top systemic protocols", "top-systemic.png", note);
    }

    private static JFreeChart modelChart(ReportData data) {
        TimeSeriesCollection ds = new TimeSeriesCollection();
        Map<String, List<ModelQuality>> byModel = data.modelQuality().stream()
                .collect(Collectors.groupingBy(q -> q.model, TreeMap::new, Collectors.toList()));
        byModel.forEach((model, rows) -> {
            TimeSeries s = new TimeSeries(model);
            rows.forEach(q -> s.addOrUpdate(day(q.week), q.auprc));
            ds.addSeries(s);
        });
        JFreeChart chart = ChartFactory.createTimeSeriesChart("Link prediction AUPRC per week", "week", "AUPRC", ds,
                true, false, false);
        markCrises(chart.getXYPlot(), data, true);
        return chart;
    }

    // --- helpers

    static XYPlot subplot(String axis, ReportData data, TimeSeries... series) {
        TimeSeriesCollection ds = new TimeSeriesCollection();
        for (TimeSeries s : series) {
            ds.addSeries(s);
        }
        NumberAxis range = new NumberAxis(axis);
        range.setAutoRangeIncludesZero(false);
        return new XYPlot(ds, null, range, new XYLineAndShapeRenderer(true, false));
    }

    static TimeSeries series(String name, List<WeekMetrics> weeks, ToDoubleFunction<WeekMetrics> value) {
        TimeSeries s = new TimeSeries(name);
        for (WeekMetrics m : weeks) {
            double v = value.applyAsDouble(m);
            if (!Double.isNaN(v)) {
                s.addOrUpdate(day(m.week), v);
            }
        }
        return s;
    }

    private static double nan(Double value) {
        return value == null ? Double.NaN : value;
    }

    static void markCrises(XYPlot plot, ReportData data, boolean labelled) {
        for (ReportData.Crisis c : data.crises()) {
            IntervalMarker marker = new IntervalMarker(millis(c.start()), millis(c.end().plusDays(1)), CRISIS);
            if (labelled) {
                marker.setLabel(c.title());
                marker.setLabelAnchor(RectangleAnchor.TOP_LEFT);
                marker.setLabelTextAnchor(TextAnchor.TOP_RIGHT);
            }
            plot.addDomainMarker(marker, Layer.BACKGROUND);
        }
    }

    static long millis(LocalDate date) {
        return date.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    }

    static Day day(String week) {
        return new Day(Date.from(LocalDate.parse(week).atStartOfDay(ZoneOffset.UTC).toInstant()),
                java.util.TimeZone.getTimeZone("UTC"), Locale.US);
    }

    private static String label(String name, String id) {
        return name == null || name.isBlank() ? id : name + " (" + id + ")";
    }

    static void save(JFreeChart chart, Path dir, String file, int height) throws IOException {
        chart.setBackgroundPaint(Color.WHITE);
        chart.getPlot().setBackgroundPaint(Color.WHITE);
        if (chart.getPlot() instanceof XYPlot xy) {
            xy.setDomainGridlinePaint(Color.LIGHT_GRAY);
            xy.setRangeGridlinePaint(Color.LIGHT_GRAY);
        }
        ChartUtils.saveChartAsPNG(dir.resolve(file).toFile(), chart, WIDTH, height);
    }

    private static String html(ReportData data, List<Section> sections) {
        StringBuilder h = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<title>DeXposure report</title><style>body{font-family:sans-serif;max-width:1150px;margin:2em auto;}"
                + "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 8px;text-align:right}"
                + ".missing{color:#a33}</style></head><body>\n<h1>DeXposure Monitor report</h1>\n"
                + "<p><a href=\"explorer.html\">Interactive network explorer</a> (beside this page when the report knows the "
                + "replayed snapshot: <code>demo --report DIR</code>, <code>report --snapshot FILE</code>).</p>\n");
        List<WeekMetrics> weeks = data.weeks();
        h.append("<p>Source: ").append(escape(data.source())).append(". ");
        if (!weeks.isEmpty()) {
            h.append(weeks.size()).append(" weeks, ").append(weeks.get(0).week).append(" .. ").append(weeks.get(weeks.size() - 1).week)
                    .append("; ");
        }
        h.append(data.alerts().size()).append(" alerts, ").append(data.protocolRisk().size()).append(" protocol-risk records, ")
                .append(data.modelQuality().size()).append(" model-quality records, ").append(data.issues().size())
                .append(" data-quality issues.</p>\n");
        h.append("<h2>Crisis weeks</h2>\n<table><tr><th>crisis</th><th>week</th><th>total TVL</th><th>vs 4 weeks before</th>"
                + "<th>protocol exposure</th><th>vs 4 weeks before</th><th>alerts</th></tr>\n");
        for (ReportData.Crisis c : data.crises()) {
            h.append(crisisRow(data, c));
        }
        h.append("</table>\n");
        h.append(incidentTable(data));
        for (Section s : sections) {
            h.append("<h2>").append(escape(s.title())).append("</h2>\n");
            if (!s.missing()) {
                h.append("<p>").append(escape(s.note())).append("</p>\n");
                if (s.file() != null) {
                    h.append("<img src=\"").append(s.file()).append("\" alt=\"").append(escape(s.title()))
                            .append("\" width=\"").append(WIDTH).append("\">\n");
                }
                if (s.html() != null) {
                    h.append(s.html());
                }
            } else {
                h.append("<p class=\"missing\">").append(escape(s.note())).append("</p>\n");
            }
        }
        return h.append("</body></html>\n").toString();
    }

    /** The latest record of every incident: what happened, to whom, and how it ended. */
    private static String incidentTable(ReportData data) {
        Map<String, io.dexposure.analytics.incidents.Incident> latest = new TreeMap<>();
        for (io.dexposure.analytics.incidents.Incident i : data.incidents()) {
            latest.merge(i.incident, i, (a, b) -> a.week.compareTo(b.week) >= 0 ? a : b);
        }
        StringBuilder h = new StringBuilder("<h2>Incidents</h2>\n");
        if (latest.isEmpty()) {
            return h.append("<p class=\"missing\">No incidents: nothing on the incidents topic / dexposure_incidents.</p>\n").toString();
        }
        h.append("<table><tr><th>incident</th><th>opened</th><th>last week</th><th>status</th><th>assets</th>"
                + "<th>held by others</th><th>measured losses</th><th>largest creditors</th><th>alerts</th></tr>\n");
        for (io.dexposure.analytics.incidents.Incident i : latest.values()) {
            StringBuilder assets = new StringBuilder();
            StringBuilder creditors = new StringBuilder();
            int named = 0;
            for (var s : i.subjects == null ? new io.dexposure.analytics.alerts.AlertSubject[0] : i.subjects) {
                if ("asset".equals(s.role)) {
                    assets.append(assets.length() == 0 ? "" : ", ").append(s.name == null ? s.id : s.name);
                } else if ("creditor".equals(s.role) && named++ < 3) {
                    creditors.append(creditors.length() == 0 ? "" : ", ").append(s.name == null ? s.id : s.name)
                            .append(String.format(Locale.US, " $%.2f bn", (s.usd == null ? 0 : s.usd) / 1e9));
                }
            }
            h.append(String.format(Locale.US, "<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>$%.2f bn</td>"
                            + "<td>$%.2f bn</td><td>%s</td><td>%d</td></tr>%n", escape(i.incident), i.openedWeek, i.week, i.status,
                    escape(assets.toString()), i.usdHeld / 1e9, i.usdLost / 1e9, escape(creditors.toString()),
                    i.memberAlertIds == null ? 0 : i.memberAlertIds.length));
        }
        return h.append("</table>\n").toString();
    }

    private static String crisisRow(ReportData data, ReportData.Crisis c) {
        WeekMetrics during = null;
        WeekMetrics before = null;
        for (WeekMetrics m : data.weeks()) {
            LocalDate w = LocalDate.parse(m.week);
            if (during == null && !w.isBefore(c.start()) && !w.isAfter(c.end())) {
                during = m;
            }
            if (!w.isAfter(c.start().minusWeeks(4))) {
                before = m;
            }
        }
        long alerts = data.alerts().stream().filter(a -> a.week != null && !LocalDate.parse(a.week).isBefore(c.start())
                && !LocalDate.parse(a.week).isAfter(c.end())).count();
        if (during == null) {
            return "<tr><td>" + escape(c.title()) + "</td><td colspan=\"6\" class=\"missing\">no computed week between "
                    + c.start() + " and " + c.end() + "</td></tr>\n";
        }
        return String.format(Locale.US, "<tr><td>%s</td><td>%s</td><td>$%.1f bn</td><td>%s</td><td>$%.1f bn</td><td>%s</td><td>%d</td></tr>%n",
                escape(c.title()), during.week, during.totalTvlUsd / 1e9, change(before == null ? null : before.totalTvlUsd, during.totalTvlUsd),
                during.protocolExposureUsd / 1e9, change(before == null ? null : before.protocolExposureUsd, during.protocolExposureUsd), alerts);
    }

    private static String change(Double before, double now) {
        return before == null || before == 0 ? "" : String.format(Locale.US, "%+.1f %%", 100 * (now - before) / before);
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

}
