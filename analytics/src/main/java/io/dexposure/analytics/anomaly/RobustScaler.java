package io.dexposure.analytics.anomaly;

import java.util.Arrays;

/**
 * Robust standardisation per column: (x - median) / (1.4826 * MAD), so that a few huge protocols or
 * a crash week do not set the scale. A column whose MAD is 0 (most rows equal) falls back to the mean
 * absolute deviation around the median times 1.2533 (the normal-consistent factor); a column that does
 * not vary at all becomes 0. Values are clipped to +-{@code clip} so one feature cannot dominate a
 * distance alone.
 */
public final class RobustScaler {
    private RobustScaler() {
    }

    public static double[][] scale(double[][] x, double clip) {
        int n = x.length;
        int d = n == 0 ? 0 : x[0].length;
        double[][] z = new double[n][d];
        double[] column = new double[n];
        for (int j = 0; j < d; j++) {
            for (int i = 0; i < n; i++) {
                column[i] = x[i][j];
            }
            double median = median(column.clone());
            double[] dev = new double[n];
            double meanAbs = 0;
            for (int i = 0; i < n; i++) {
                dev[i] = Math.abs(column[i] - median);
                meanAbs += dev[i] / n;
            }
            double scale = 1.4826 * median(dev);
            if (!(scale > 0)) {
                scale = 1.2533 * meanAbs;
            }
            for (int i = 0; i < n; i++) {
                z[i][j] = scale > 0 ? Math.max(-clip, Math.min(clip, (column[i] - median) / scale)) : 0;
            }
        }
        return z;
    }

    static double median(double[] v) {
        Arrays.sort(v);
        int n = v.length;
        return n == 0 ? 0 : n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }
}
