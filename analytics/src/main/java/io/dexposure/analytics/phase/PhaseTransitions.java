package io.dexposure.analytics.phase;

import io.dexposure.analytics.alerts.AlertThresholds;
import io.dexposure.analytics.alerts.ChangePointDetector;
import io.dexposure.analytics.metrics.WeekMetricField;
import io.dexposure.analytics.metrics.WeekMetrics;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The seed's first notebook (phase transitions) on the weekly metrics: curvature, entropy and concentration
 * series, their change points by one of two {@link Method}s, both the regime-change rule's two-sided CUSUM
 * with its drift and threshold (the rule as the job runs it, with its warm-up; or offline, with a baseline from
 * the whole series), and each crisis compared with the weeks before and after it (mean of each metric over the
 * {@code window} weeks before the crisis starts and over the {@code window} weeks after it ends).
 */
public final class PhaseTransitions {
    /**
     * Drawn by default: mean Ollivier-Ricci curvature, entropy of the link-exposure shares, entropy rate of the walk,
     * and the TVL concentration (HHI), one of the regime-change rule's own metrics and the one a collapse of large
     * protocols moves most (on the shipped sample the only one of the four whose Terra weeks stand out of its usual
     * weekly swing).
     */
    public static final List<String> DEFAULT_METRICS = List.of("curvatureMean", "exposureEntropy", "entropyRate", "tvlHhi");

    /** How the change points are drawn. */
    public enum Method {
        /**
         * {@link ChangePointDetector} week by week with the rule's warm-up: exactly the weeks the job's
         * regime-change alert fires on, and none in the first warm-up weeks of a series.
         */
        RULE_CUSUM("the regime-change rule's CUSUM, as the job runs it (baseline learned over a warm-up)"),
        /**
         * {@link WholeSeriesCusum}: the rule's statistic, drift and threshold, the baseline from the whole series;
         * for an offline report, which knows every week and so needs no warm-up.
         */
        WHOLE_SERIES_CUSUM("the regime-change rule's CUSUM offline, its baseline the median and MAD of the whole series' weekly changes (no warm-up)");

        private final String description;

        Method(String description) {
            this.description = description;
        }

        /** A sentence for a report: what drew the points. */
        public String description() {
            return description;
        }
    }

    /** One metric's weekly values (NaN where missing) and the weeks where the method raised a change point. */
    public record Series(String metric, List<String> weeks, double[] values, List<String> changePoints, Method method) {
    }

    /** A crisis against its surroundings: per metric, mean before, during and after (NaN when no week). */
    public record Comparison(String crisis, LocalDate start, LocalDate end, List<String> metrics, double[] before,
                             double[] during, double[] after, int weeksBefore, int weeksAfter, List<String> changePointsNear) {
    }

    /** A named period (the report's crises). */
    public record Period(String title, LocalDate start, LocalDate end) {
    }

    private PhaseTransitions() {
    }

    /** Each metric's series with the regime-change rule's CUSUM as the job runs it (settings from {@code thresholds}). */
    public static List<Series> series(List<WeekMetrics> weeks, List<String> metrics, AlertThresholds thresholds) {
        return series(weeks, metrics, thresholds, Method.RULE_CUSUM);
    }

    /** Each metric's series, change points by {@code method} with the rule's drift and threshold (and warm-up, for the rule's own). */
    public static List<Series> series(List<WeekMetrics> weeks, List<String> metrics, AlertThresholds thresholds, Method method) {
        int warmup = thresholds.integer("regime-change.warmup-weeks");
        double drift = thresholds.number("regime-change.drift");
        double threshold = thresholds.number("regime-change.threshold");
        List<Series> out = new ArrayList<>();
        List<String> weekIds = weeks.stream().map(m -> m.week).toList();
        for (String metric : metrics) {
            WeekMetricField field = WeekMetricField.of(metric, "phase transitions");
            double[] values = new double[weeks.size()];
            List<String> changes = new ArrayList<>();
            for (int k = 0; k < weeks.size(); k++) {
                values[k] = field.valueIn(weeks.get(k));
            }
            if (method == Method.RULE_CUSUM) {
                ChangePointDetector detector = new ChangePointDetector();
                for (int k = 0; k < weeks.size(); k++) {
                    if (detector.update(values[k], warmup, drift, threshold) != null) {
                        changes.add(weekIds.get(k));
                    }
                }
            } else {
                WholeSeriesCusum.find(values, drift, threshold).changePoints().forEach(k -> changes.add(weekIds.get(k)));
            }
            out.add(new Series(metric, weekIds, values, changes, method));
        }
        return out;
    }

    /** Each period against the {@code window} weeks before and after it. */
    public static List<Comparison> compare(List<Series> series, List<Period> periods, int window) {
        List<Comparison> out = new ArrayList<>();
        if (series.isEmpty()) {
            return out;
        }
        List<String> weeks = series.get(0).weeks();
        for (Period p : periods) {
            LocalDate from = p.start().minusWeeks(window);
            LocalDate to = p.end().plusWeeks(window);
            double[] before = new double[series.size()];
            double[] during = new double[series.size()];
            double[] after = new double[series.size()];
            int nb = 0;
            int na = 0;
            for (int m = 0; m < series.size(); m++) {
                double[] v = series.get(m).values();
                double sb = 0;
                double sd = 0;
                double sa = 0;
                int cb = 0;
                int cd = 0;
                int ca = 0;
                for (int k = 0; k < weeks.size(); k++) {
                    LocalDate w = LocalDate.parse(weeks.get(k));
                    if (Double.isNaN(v[k])) {
                        continue;
                    }
                    if (!w.isBefore(from) && w.isBefore(p.start())) {
                        sb += v[k];
                        cb++;
                    } else if (!w.isBefore(p.start()) && !w.isAfter(p.end())) {
                        sd += v[k];
                        cd++;
                    } else if (w.isAfter(p.end()) && !w.isAfter(to)) {
                        sa += v[k];
                        ca++;
                    }
                }
                before[m] = cb == 0 ? Double.NaN : sb / cb;
                during[m] = cd == 0 ? Double.NaN : sd / cd;
                after[m] = ca == 0 ? Double.NaN : sa / ca;
                nb = Math.max(nb, cb);
                na = Math.max(na, ca);
            }
            List<String> near = new ArrayList<>();
            for (Series s : series) {
                for (String w : s.changePoints()) {
                    LocalDate d = LocalDate.parse(w);
                    if (!d.isBefore(from) && !d.isAfter(to)) {
                        near.add(s.metric() + " " + w);
                    }
                }
            }
            out.add(new Comparison(p.title(), p.start(), p.end(), series.stream().map(Series::metric).toList(), before,
                    during, after, nb, na, near));
        }
        return out;
    }
}
