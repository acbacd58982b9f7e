package io.dexposure.analytics.alerts;

import io.dexposure.analytics.metrics.WeekMetricField;
import io.dexposure.analytics.metrics.WeekMetrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Rule 4: a change point in a weekly network metric (density, concentration, assortativity, curvature by
 * default), one {@link ChangePointDetector} per metric; the detectors are the caller's state (Flink keeps
 * them), this rule feeds them. Subject = the metric (a WeekMetrics field name).
 */
public final class RegimeChangeRule {
    private final List<String> metrics;
    /** The metrics' fields, looked up once (the rule runs every week). */
    private final Map<String, WeekMetricField> fields = new java.util.LinkedHashMap<>();
    private final int warmup;
    private final double drift;
    private final double threshold;

    public RegimeChangeRule(AlertThresholds t) {
        this.metrics = t.list("regime-change.metrics");
        this.warmup = t.integer("regime-change.warmup-weeks");
        this.drift = t.number("regime-change.drift");
        this.threshold = t.number("regime-change.threshold");
        for (String metric : metrics) {
            fields.put(metric, WeekMetricField.of(metric, "regime-change.metrics"));
        }
    }

    public List<String> metrics() {
        return metrics;
    }

    public List<Alert> evaluate(WeekChange c, Map<String, ChangePointDetector> detectors) {
        List<Alert> alerts = new ArrayList<>();
        WeekMetrics m = c.current.metrics;
        if (m == null) {
            return alerts;
        }
        for (String metric : metrics) {
            double x = fields.get(metric).valueIn(m);
            ChangePointDetector detector = detectors.computeIfAbsent(metric, k -> new ChangePointDetector());
            ChangePointDetector.Alarm alarm = detector.update(x, warmup, drift, threshold);
            if (alarm == null) {
                continue;
            }
            alerts.add(AlertRule.alert(c.week(), AlertRule.REGIME_CHANGE, Alert.WARNING, metric, alarm.statistic(), threshold,
                    null, new AlertSubject[]{AlertSubject.of(metric, metric, null, "metric", null)},
                    String.format(Locale.US, "%s shifted %s (now %.4g): its weekly changes left their usual %.2g +/- %.2g of the"
                                    + " previous %d weeks (CUSUM %.1f sd, threshold %.1f); a new regime starts here.", metric,
                            alarm.up() ? "up" : "down", x, alarm.regimeMean(), alarm.regimeSd(), alarm.regimeWeeks(),
                            alarm.statistic(), threshold)));
        }
        return alerts;
    }
}
