package io.dexposure.analytics.embedding;

import java.util.Arrays;

/**
 * Trustworthiness of a low-dimensional map (Venna and Kaski 2001; scikit-learn's
 * {@code sklearn.manifold.trustworthiness}): 1 - 2 / (n k (2n - 3k - 1)) x sum over each point's k map
 * neighbours that are not among its k input neighbours of (their input rank - k). 1 = every map
 * neighbourhood is a true one; random maps score about 0.5. O(n^2 log n): meant for weeks of a few
 * thousand nodes and for tests.
 */
public final class Trustworthiness {
    private Trustworthiness() {
    }

    public static double of(double[][] input, double[][] map, int k) {
        int n = input.length;
        if (n < 2 * k + 2) {
            throw new IllegalArgumentException("trustworthiness: " + n + " points, need at least 2k + 2 = " + (2 * k + 2));
        }
        double penalty = 0;
        for (int i = 0; i < n; i++) {
            Integer[] byInput = neighbours(input, i);
            int[] inputRank = new int[n];
            for (int r = 0; r < byInput.length; r++) {
                inputRank[byInput[r]] = r + 1;
            }
            Integer[] byMap = neighbours(map, i);
            for (int r = 0; r < k; r++) {
                int rank = inputRank[byMap[r]];
                if (rank > k) {
                    penalty += rank - k;
                }
            }
        }
        return 1 - 2.0 / (n * k * (2.0 * n - 3.0 * k - 1)) * penalty;
    }

    /** Other points by distance to point i, nearest first (ties by index). */
    private static Integer[] neighbours(double[][] x, int i) {
        int n = x.length;
        double[] d = new double[n];
        Integer[] order = new Integer[n - 1];
        for (int j = 0, m = 0; j < n; j++) {
            double s = 0;
            for (int c = 0; c < x[i].length; c++) {
                double t = x[i][c] - x[j][c];
                s += t * t;
            }
            d[j] = s;
            if (j != i) {
                order[m++] = j;
            }
        }
        Arrays.sort(order, (a, b) -> d[a] != d[b] ? Double.compare(d[a], d[b]) : Integer.compare(a, b));
        return order;
    }
}
