package io.dexposure.tools.cli;

import io.dexposure.analytics.metrics.RankedNode;
import io.dexposure.analytics.metrics.WeekMetrics;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/** The per-week metrics table the demo prints, one row as each week completes, plus a summary. */
public final class WeekTable {
    private static final String HEADER = String.format(Locale.ROOT, "%-10s %7s %6s %5s %7s %10s %10s %9s %7s %7s  %s",
            "week", "nodes", "protoc", "tok", "links", "TVL $M", "expos $M", "density", "max-in", "max-out", "PageRank #1");

    private final PrintStream out;

    public WeekTable(PrintStream out) {
        this.out = out;
    }

    public void header() {
        out.println(HEADER);
        out.println("-".repeat(HEADER.length() + 12));
    }

    public void row(WeekMetrics m) {
        RankedNode first = m.pageRankTop10 == null || m.pageRankTop10.isEmpty() ? null : m.pageRankTop10.get(0);
        String leader = first == null ? "-" : (first.name != null ? first.name : first.id)
                + String.format(Locale.ROOT, " (%.3f)", first.score);
        out.println(String.format(Locale.ROOT, "%-10s %7d %6d %5d %7d %10.1f %10.1f %9.6f %7d %7d  %s",
                m.week, m.nodes, m.protocols, m.tokenBuckets, m.links, m.totalTvlUsd / 1e6, m.totalExposureUsd / 1e6,
                m.density, m.inDegreeMax, m.outDegreeMax, leader));
    }

    /** Sparklines of the weekly series, so the crisis weeks stand out at a glance. */
    public void summary(List<WeekMetrics> weeks) {
        if (weeks.isEmpty()) {
            return;
        }
        out.println();
        out.println(String.format(Locale.ROOT, "%-22s %s .. %s", "", weeks.get(0).week, weeks.get(weeks.size() - 1).week));
        series("total TVL", weeks.stream().mapToDouble(m -> m.totalTvlUsd).toArray(), 1e9, "$B");
        series("total exposure", weeks.stream().mapToDouble(m -> m.totalExposureUsd).toArray(), 1e9, "$B");
        series("protocol exposure", weeks.stream().mapToDouble(m -> m.protocolExposureUsd).toArray(), 1e9, "$B");
        series("links", weeks.stream().mapToDouble(m -> m.links).toArray(), 1, "");
        series("density", weeks.stream().mapToDouble(m -> m.density).toArray(), 1, "");
    }

    private void series(String name, double[] values, double unit, String suffix) {
        double min = java.util.Arrays.stream(values).min().orElse(0);
        double max = java.util.Arrays.stream(values).max().orElse(0);
        out.println(String.format(Locale.ROOT, "%-22s %s  min %.4g%s max %.4g%s", name, Sparkline.of(values),
                min / unit, suffix, max / unit, suffix));
    }
}
