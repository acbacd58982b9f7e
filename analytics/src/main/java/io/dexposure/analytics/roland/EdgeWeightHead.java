package io.dexposure.analytics.roland;

/**
 * ROLAND's edge-weight head (DeXposure's optional second head): the log exposure ln(USD) of a predicted link,
 * linear in x = [h_i ⊙ h_j, pair features, log1p(TVL_i)/25, log1p(TVL_j)/25, 1] (h the last-layer states the
 * link was predicted from). Refitted every week in closed form (ridge regression) on the links that just
 * arrived, from the states and pair features of the week before, so it never sees the week it predicts;
 * the coefficients are part of ROLAND's memory. Scored as the mean absolute error in log space (DeXposure-FM
 * publishes 2.09 on the real data).
 */
public final class EdgeWeightHead {
    /** Ridge penalty per row, relative to the mean squared feature (keeps the fit stable when features are collinear). */
    static final double RIDGE = 1e-3;

    private EdgeWeightHead() {
    }

    public static int width(int hidden2) {
        return hidden2 + PairFeatures.COUNT + 3;
    }

    /** Writes x for one pair into {@code out} (length {@link #width}). */
    public static void features(float[] source, float[] target, float[] pair, double tvlSource, double tvlTarget, double[] out) {
        int h = source.length;
        for (int d = 0; d < h; d++) {
            out[d] = (double) source[d] * target[d];
        }
        for (int f = 0; f < PairFeatures.COUNT; f++) {
            out[h + f] = pair == null ? 0 : pair[f];
        }
        out[h + PairFeatures.COUNT] = Math.log1p(Math.max(0, tvlSource)) / PairFeatures.LOG_SCALE;
        out[h + PairFeatures.COUNT + 1] = Math.log1p(Math.max(0, tvlTarget)) / PairFeatures.LOG_SCALE;
        out[h + PairFeatures.COUNT + 2] = 1;
    }

    public static double predict(float[] coefficients, double[] x) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += coefficients[i] * x[i];
        }
        return s;
    }

    /** Accumulates X^T X and X^T y over rows, then solves (X^T X + λ I) w = X^T y. */
    public static final class Fit {
        private final int width;
        private final double[][] xtx;
        private final double[] xty;
        private int rows;

        public Fit(int width) {
            this.width = width;
            this.xtx = new double[width][width];
            this.xty = new double[width];
        }

        public void add(double[] x, double y) {
            for (int i = 0; i < width; i++) {
                double xi = x[i];
                if (xi == 0) {
                    continue;
                }
                double[] row = xtx[i];
                for (int j = i; j < width; j++) {
                    row[j] += xi * x[j];
                }
                xty[i] += xi * y;
            }
            rows++;
        }

        public int rows() {
            return rows;
        }

        /** The coefficients, or null without rows. */
        public float[] solve() {
            if (rows == 0) {
                return null;
            }
            double trace = 0;
            for (int i = 0; i < width; i++) {
                trace += xtx[i][i];
            }
            double lambda = RIDGE * Math.max(trace / width, 1e-12);
            double[][] a = new double[width][width + 1];
            for (int i = 0; i < width; i++) {
                for (int j = 0; j < width; j++) {
                    a[i][j] = j >= i ? xtx[i][j] : xtx[j][i];
                }
                a[i][i] += lambda;
                a[i][width] = xty[i];
            }
            // Gaussian elimination with partial pivoting.
            for (int c = 0; c < width; c++) {
                int pivot = c;
                for (int r = c + 1; r < width; r++) {
                    if (Math.abs(a[r][c]) > Math.abs(a[pivot][c])) {
                        pivot = r;
                    }
                }
                double[] tmp = a[c];
                a[c] = a[pivot];
                a[pivot] = tmp;
                if (Math.abs(a[c][c]) < 1e-300) {
                    continue;
                }
                for (int r = c + 1; r < width; r++) {
                    double f = a[r][c] / a[c][c];
                    if (f != 0) {
                        for (int k = c; k <= width; k++) {
                            a[r][k] -= f * a[c][k];
                        }
                    }
                }
            }
            float[] w = new float[width];
            double[] solution = new double[width];
            for (int r = width - 1; r >= 0; r--) {
                double s = a[r][width];
                for (int k = r + 1; k < width; k++) {
                    s -= a[r][k] * solution[k];
                }
                solution[r] = Math.abs(a[r][r]) < 1e-300 ? 0 : s / a[r][r];
                w[r] = (float) solution[r];
            }
            return w;
        }
    }
}
