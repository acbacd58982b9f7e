package io.dexposure.analytics.phase;

import io.dexposure.analytics.alerts.AlertThresholds;
import io.dexposure.analytics.alerts.ChangePointDetector;
import io.dexposure.analytics.metrics.WeekMetricField;
import io.dexposure.analytics.metrics.WeekMetrics;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The seed's first notebook (phase transitions) on the weekly metrics: curvature and entropy series, their
 * change points found by the monitor's own detector ({@link ChangePointDetector}, the two-sided CUSUM the
 * regime-change alert rule runs, with that rule's warm-up, drift and threshold), and each crisis compared
 * with the weeks before and after it (mean of each metric over the {@code window} weeks before the crisis
 * starts and over the {@code window} weeks after it ends).
 */
public final class PhaseTransitions {
    /** Drawn by default: mean Ollivier-Ricci curvature, entropy of the link-exposure shares, entropy rate of the walk. */
    public static final List<String> DEFAULT_METRICS = List.of("curvatureMean", "exposureEntropy", "entropyRate");

    /** One metric's weekly values (NaN where missing) and the weeks where the detector raised a change point. */
    public record Series(String metric, List<String> weeks, double[] values, List<String> changePoints) {
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

    /** Each metric's series with the regime-change rule's CUSUM settings from {@code thresholds}. */
    public static List<Series> series(List<WeekMetrics> weeks, List<String> metrics, AlertThresholds thresholds) {
        int warmup = thresholds.integer("regime-change.warmup-weeks");
        double drift = thresholds.number("regime-change.drift");
        double threshold = thresholds.number("regime-change.threshold");
        List<Series> out = new ArrayList<>();
        List<String> weekIds = weeks.stream().map(m -> m.week).toList();
        for (String metric : metrics) {
            WeekMetricField field = WeekMetricField.of(metric, "phase transitions");
            double[] values = new double[weeks.size()];
            ChangePointDetector detector = new ChangePointDetector();
            List<String> changes = new ArrayList<>();
            for (int k = 0; k < weeks.size(); k++) {
                values[k] = field.valueIn(weeks.get(k));
                if (detector.update(values[k], warmup, drift, threshold) != null) {
                    changes.add(weekIds.get(k));
                }
            }
            out.add(new Series(metric, weekIds, values, changes));
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
