package io.dexposure.analytics.metrics;

import java.lang.reflect.Field;

/**
 * A numeric weekly network metric named by its {@link WeekMetrics} field (as the alert thresholds and the
 * report name them), looked up once; an unknown or non-numeric name is one clear error naming its setting.
 */
public final class WeekMetricField {
    private final Field field;

    private WeekMetricField(Field field) {
        this.field = field;
    }

    /** @param setting what named the metric (a threshold key, a command), for the error message */
    public static WeekMetricField of(String metric, String setting) {
        try {
            Field f = WeekMetrics.class.getField(metric);
            if (!Number.class.isAssignableFrom(f.getType()) && !f.getType().isPrimitive()) {
                throw new IllegalArgumentException(setting + ": '" + metric + "' is not a numeric weekly metric");
            }
            return new WeekMetricField(f);
        } catch (NoSuchFieldException e) {
            throw new IllegalArgumentException(setting + ": '" + metric + "' is not a weekly metric (a field of the"
                    + " network-metrics record, e.g. density, tvlHhi, curvatureMean, exposureEntropy, entropyRate)");
        }
    }

    /** The metric's value in that week, NaN when the week lacks it. */
    public double valueIn(WeekMetrics m) {
        try {
            Object v = field.get(m);
            return v == null ? Double.NaN : ((Number) v).doubleValue();
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
