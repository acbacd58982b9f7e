package io.dexposure.analytics.embedding;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealVector;

/**
 * Rows projected on their first two principal axes: eigenvectors of the d x d covariance matrix (cheap for
 * the 15 features however many nodes), each axis' sign fixed so that its largest-magnitude loading is
 * positive, so the picture does not mirror between runs or weeks with the same structure.
 */
public final class PcaProjection {
    private PcaProjection() {
    }

    /** n x 2 coordinates (centred); a column is 0 when the data has fewer than that many varying directions. */
    public static double[][] project(double[][] x) {
        int n = x.length;
        double[][] out = new double[n][2];
        if (n == 0) {
            return out;
        }
        int d = x[0].length;
        double[] mean = new double[d];
        for (double[] row : x) {
            for (int j = 0; j < d; j++) {
                mean[j] += row[j] / n;
            }
        }
        double[][] cov = new double[d][d];
        for (double[] row : x) {
            for (int a = 0; a < d; a++) {
                double da = row[a] - mean[a];
                for (int b = a; b < d; b++) {
                    cov[a][b] += da * (row[b] - mean[b]) / Math.max(1, n - 1);
                }
            }
        }
        for (int a = 0; a < d; a++) {
            for (int b = 0; b < a; b++) {
                cov[a][b] = cov[b][a];
            }
        }
        EigenDecomposition eigen = new EigenDecomposition(new Array2DRowRealMatrix(cov, false));
        double[] values = eigen.getRealEigenvalues();
        Integer[] order = new Integer[d];
        for (int j = 0; j < d; j++) {
            order[j] = j;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(values[b], values[a]));
        for (int axis = 0; axis < Math.min(2, d); axis++) {
            if (!(values[order[axis]] > 1e-12)) {
                continue;
            }
            RealVector v = eigen.getEigenvector(order[axis]);
            int largest = 0;
            for (int j = 1; j < d; j++) {
                if (Math.abs(v.getEntry(j)) > Math.abs(v.getEntry(largest))) {
                    largest = j;
                }
            }
            double sign = v.getEntry(largest) < 0 ? -1 : 1;
            for (int i = 0; i < n; i++) {
                double s = 0;
                for (int j = 0; j < d; j++) {
                    s += (x[i][j] - mean[j]) * v.getEntry(j);
                }
                out[i][axis] = sign * s;
            }
        }
        return out;
    }
}
