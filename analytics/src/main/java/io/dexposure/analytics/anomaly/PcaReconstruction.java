package io.dexposure.analytics.anomaly;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;

/**
 * PCA reconstruction error: rows centred on the column means, projected on the first
 * {@code components} principal axes (SVD of the centred data, as scikit-learn's PCA) and mapped back;
 * the score is the squared distance between a row and its reconstruction. A point off the main
 * structure of the week reconstructs badly.
 */
public final class PcaReconstruction {
    private PcaReconstruction() {
    }

    public static double[] errors(double[][] x, int components) {
        int n = x.length;
        int d = x[0].length;
        double[] mean = new double[d];
        for (double[] row : x) {
            for (int j = 0; j < d; j++) {
                mean[j] += row[j] / n;
            }
        }
        double[][] centred = new double[n][d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                centred[i][j] = x[i][j] - mean[j];
            }
        }
        RealMatrix c = new Array2DRowRealMatrix(centred, false);
        int q = Math.min(components, Math.min(n, d));
        RealMatrix v = new SingularValueDecomposition(c).getV().getSubMatrix(0, d - 1, 0, q - 1);
        RealMatrix reconstructed = c.multiply(v).multiply(v.transpose());
        double[] err = new double[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0; j < d; j++) {
                double r = centred[i][j] - reconstructed.getEntry(i, j);
                s += r * r;
            }
            err[i] = s;
        }
        return err;
    }
}
