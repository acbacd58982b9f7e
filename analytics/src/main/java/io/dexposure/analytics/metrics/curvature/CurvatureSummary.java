package io.dexposure.analytics.metrics.curvature;

import java.io.Serializable;
import java.util.Arrays;

/**
 * Weekly distribution of link curvature over the links it is defined on (exposure &gt; 0, not a
 * self-loop). Quantiles interpolate linearly between order statistics (numpy's default, R type 7).
 * All NaN when the week has no such link.
 *
 * @param links       links in the distribution
 * @param approximate of which were approximated (above the exact-transport size threshold)
 */
public record CurvatureSummary(int links, int approximate, double mean, double median, double p05, double p25,
                               double p75, double p95, double min, double max) implements Serializable {

    static CurvatureSummary of(double[] values, int count, int approximate) {
        if (count == 0) {
            return new CurvatureSummary(0, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                    Double.NaN, Double.NaN, Double.NaN);
        }
        double[] sorted = Arrays.copyOf(values, count);
        Arrays.sort(sorted);
        double sum = 0;
        for (double v : sorted) {
            sum += v;
        }
        return new CurvatureSummary(count, approximate, sum / count, quantile(sorted, 0.5), quantile(sorted, 0.05),
                quantile(sorted, 0.25), quantile(sorted, 0.75), quantile(sorted, 0.95), sorted[0],
                sorted[count - 1]);
    }

    /** Linear interpolation between the order statistics around q (n - 1). */
    static double quantile(double[] sorted, double q) {
        double position = q * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(below + 1, sorted.length - 1);
        double fraction = position - below;
        return sorted[below] + fraction * (sorted[above] - sorted[below]);
    }
}
