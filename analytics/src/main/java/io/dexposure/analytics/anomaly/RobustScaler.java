package io.dexposure.analytics.anomaly;

import java.util.Arrays;

/**
 * Robust standardisation per column: (x - median) / spread, so that a few huge protocols or a crash week
 * do not set the scale. The spread is 1.4826 times the median absolute deviation of the values that differ
 * from the median: on a continuous column that is the MAD itself, while on a zero-inflated one (betweenness,
 * curvature, a change that most nodes, new or idle, do not have) it is the typical size of the moves that
 * do happen. The plain MAD is 0 or tiny there, and every non-zero value would reach the clip, so that a
 * one-dollar change counted as much as a collapse. A column that does not vary at all becomes 0. Values are
 * clipped to +-{@code clip} so one feature cannot dominate a distance alone.
 */
public final class RobustScaler {
    private RobustScaler() {
    }

    public static double[][] scale(double[][] x, double clip) {
        return scale(x, clip, null);
    }

    /**
     * As {@link #scale(double[][], double)}, with the spread of column j given as spreads[j] where it is
     * positive (null or NaN: measured on the column).
     */
    public static double[][] scale(double[][] x, double clip, double[] spreads) {
        int n = x.length;
        int d = n == 0 ? 0 : x[0].length;
        double[][] z = new double[n][d];
        double[] column = new double[n];
        for (int j = 0; j < d; j++) {
            for (int i = 0; i < n; i++) {
                column[i] = x[i][j];
            }
            double median = median(column.clone());
            double scale = spreads != null && spreads[j] > 0 ? spreads[j] : spreadAround(column, median);
            for (int i = 0; i < n; i++) {
                z[i][j] = scale > 0 ? Math.max(-clip, Math.min(clip, (column[i] - median) / scale)) : 0;
            }
        }
        return z;
    }

    /** The spread the scaling divides by (see the class comment); 0 when every value is the median. */
    static double spread(double[] v) {
        return spreadAround(v, median(v.clone()));
    }

    private static double spreadAround(double[] v, double median) {
        double[] dev = new double[v.length];
        int moved = 0;
        for (double x : v) {
            if (x != median) {
                dev[moved++] = Math.abs(x - median);
            }
        }
        return moved == 0 ? 0 : 1.4826 * median(java.util.Arrays.copyOf(dev, moved));
    }

    static double median(double[] v) {
        Arrays.sort(v);
        int n = v.length;
        return n == 0 ? 0 : n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }
}
