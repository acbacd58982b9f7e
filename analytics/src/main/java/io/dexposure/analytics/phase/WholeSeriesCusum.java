package io.dexposure.analytics.phase;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The offline counterpart of the regime-change rule's CUSUM ({@link io.dexposure.analytics.alerts.ChangePointDetector}):
 * the same two-sided CUSUM on the standardised week-over-week change, with the same drift k and threshold h, but
 * standardised by a baseline taken from the whole series instead of learned over a warm-up.
 *
 * <p>Why: streaming, the rule can only learn what a normal week looks like from the weeks it has seen, so it
 * keeps quiet for its first {@code warmup} weeks; on the shipped 33-week sample that warm-up swallows the Terra
 * weeks (the fourth week on). Offline every week is known, so the baseline is the median and the MAD (scaled by
 * 1.4826 to a normal sd) of all the changes: robust, so that the few crisis weeks do not widen it, and available
 * from the second week on. Calm stretches stay as quiet as under the rule: a week counts only when the change is
 * many robust sds out (with the defaults, z > 8.5 at once or a run of smaller excesses over 0.5 summing past 8).
 *
 * <p>Per change x_t (between consecutive non-NaN values): z = (x_t - median) / (1.4826 MAD);
 * S+ = max(0, S+ + z - k), S- = max(0, S- - z - k); a change point at t when either exceeds h, after which both
 * restart from 0 (the baseline stays: it is the whole series'). A MAD of (about) 0 falls back to the changes'
 * sample sd; if that is (about) 0 too the series has no change points; "about": below 1e-9 of the largest change.
 */
public final class WholeSeriesCusum {
    /** Normal-consistency factor of the MAD: 1 / Phi^-1(3/4). */
    static final double MAD_TO_SD = 1.482602218505602;

    /**
     * @param changePoints indices into the values where a change point was raised
     * @param median       the baseline: median week-over-week change
     * @param scale        the baseline: robust sd of the changes (0 when the series has none)
     * @param statistics   max(S+, S-) at each index before any restart (0 where there is no change, NaN for NaN values)
     */
    public record Result(List<Integer> changePoints, double median, double scale, double[] statistics) {
    }

    private WholeSeriesCusum() {
    }

    public static Result find(double[] values, double drift, double threshold) {
        int[] at = new int[values.length];
        double[] changes = new double[values.length];
        int n = 0;
        double last = Double.NaN;
        for (int t = 0; t < values.length; t++) {
            if (!Double.isFinite(values[t])) {
                continue;
            }
            if (!Double.isNaN(last)) {
                changes[n] = values[t] - last;
                at[n++] = t;
            }
            last = values[t];
        }
        double[] statistics = new double[values.length];
        for (int t = 0; t < values.length; t++) {
            statistics[t] = Double.isFinite(values[t]) ? 0 : Double.NaN;
        }
        if (n < 2) {
            return new Result(List.of(), n == 1 ? changes[0] : Double.NaN, 0, statistics);
        }
        double[] x = Arrays.copyOf(changes, n);
        double median = median(x.clone());
        double[] deviations = new double[n];
        for (int i = 0; i < n; i++) {
            deviations[i] = Math.abs(x[i] - median);
        }
        // A spread below 1e-9 of the largest change is rounding, not variation: a straight line's changes differ in
        // their last bits, and standardising by that would make rounding noise look like z-scores of order one.
        double tiny = 1e-9 * Arrays.stream(x).map(Math::abs).max().orElse(0);
        double scale = MAD_TO_SD * median(deviations);
        if (scale <= tiny) {
            double mean = Arrays.stream(x).average().orElse(0);
            scale = Math.sqrt(Arrays.stream(x).map(v -> (v - mean) * (v - mean)).sum() / (n - 1));
        }
        List<Integer> points = new ArrayList<>();
        if (scale <= tiny) {
            scale = 0;
            return new Result(points, median, 0, statistics);
        }
        double up = 0;
        double down = 0;
        for (int i = 0; i < n; i++) {
            double z = (x[i] - median) / scale;
            up = Math.max(0, up + z - drift);
            down = Math.max(0, down - z - drift);
            statistics[at[i]] = Math.max(up, down);
            if (up > threshold || down > threshold) {
                points.add(at[i]);
                up = 0;
                down = 0;
            }
        }
        return new Result(points, median, scale, statistics);
    }

    /** Median; averages the middle two of an even count (as numpy). Sorts its argument. */
    static double median(double[] v) {
        Arrays.sort(v);
        int m = v.length / 2;
        return v.length % 2 == 1 ? v[m] : (v[m - 1] + v[m]) / 2;
    }
}
