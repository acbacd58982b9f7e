package io.dexposure.analytics.alerts;

/**
 * Streaming two-sided CUSUM (Page 1954) on one weekly metric's week-over-week change x, standardised by
 * the mean and standard deviation of the changes in the current regime (Welford's running estimates).
 * The first week only sets the level. Each week: z = (x - mean) / sd with
 * the estimates before x; S+ = max(0, S+ + z - k), S- = max(0, S- - z - k); an alarm when either
 * exceeds h. The first {@code warmup} weeks of a regime only learn; after an alarm a new regime starts
 * at the week that raised it. A plain POJO so that Flink keeps it in state as it is.
 */
public class ChangePointDetector {
    public int count;
    public double mean;
    public double sumSquares;
    public double positive;
    public double negative;
    /** The previous week's level (NaN before the first week). */
    public double level = Double.NaN;

    public ChangePointDetector() {
    }

    /** An alarm: which way the metric moved, the CUSUM statistic, and the regime it left. */
    public record Alarm(boolean up, double statistic, double regimeMean, double regimeSd, int regimeWeeks) {
    }

    /** Feeds one week's value; returns the alarm it raises, or null. NaN values are skipped. */
    public Alarm update(double value, int warmup, double drift, double threshold) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return null;
        }
        double x = value - level;
        level = value;
        if (Double.isNaN(x)) {
            return null;
        }
        Alarm alarm = null;
        if (count >= Math.max(2, warmup)) {
            double sd = Math.sqrt(sumSquares / (count - 1));
            if (sd > 0) {
                double z = (x - mean) / sd;
                positive = Math.max(0, positive + z - drift);
                negative = Math.max(0, negative - z - drift);
                if (positive > threshold || negative > threshold) {
                    alarm = new Alarm(positive > threshold, Math.max(positive, negative), mean, sd, count);
                    count = 0;
                    mean = 0;
                    sumSquares = 0;
                    positive = 0;
                    negative = 0;
                }
            }
        }
        count++;
        double delta = x - mean;
        mean += delta / count;
        sumSquares += delta * (x - mean);
        return alarm;
    }
}
