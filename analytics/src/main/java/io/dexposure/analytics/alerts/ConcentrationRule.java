package io.dexposure.analytics.alerts;

import io.dexposure.analytics.metrics.WeekMetrics;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Rule 6: the TVL HHI or the top-10 protocols' TVL share crosses its threshold: a warning when it rises
 * through it, info when it falls back below. Needs two consecutive analysed weeks; subject = the metric.
 */
public final class ConcentrationRule implements AlertRule {
    private final double hhi;
    private final double top10;

    public ConcentrationRule(AlertThresholds t) {
        this.hhi = t.number("concentration.tvl-hhi");
        this.top10 = t.number("concentration.tvl-top10-share");
    }

    @Override
    public List<Alert> evaluate(WeekChange c) {
        List<Alert> alerts = new ArrayList<>();
        if (c.previous == null || c.previous.metrics == null || c.current.metrics == null) {
            return alerts;
        }
        check(c, "tvlHhi", "TVL HHI", m -> m.tvlHhi, hhi, alerts);
        check(c, "tvlTop10Share", "top-10 protocols' TVL share", m -> m.tvlTop10Share, top10, alerts);
        return alerts;
    }

    private static void check(WeekChange c, String metric, String label, ToDoubleFunction<WeekMetrics> value,
                              double threshold, List<Alert> alerts) {
        double before = value.applyAsDouble(c.previous.metrics);
        double now = value.applyAsDouble(c.current.metrics);
        boolean up = before < threshold && now >= threshold;
        boolean down = before >= threshold && now < threshold;
        if (!up && !down) {
            return;
        }
        alerts.add(AlertRule.alert(c.week(), CONCENTRATION, up ? Alert.WARNING : Alert.INFO, metric, now, threshold, null,
                new AlertSubject[]{AlertSubject.of(metric, label, null, "metric", null)},
                String.format(java.util.Locale.US, "The %s %s its threshold of %.3f: %.3f -> %.3f since %s.", label,
                        up ? "rose through" : "fell back below", threshold, before, now, c.previous.week)));
    }
}
