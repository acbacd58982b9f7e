package io.dexposure.analytics.metrics.curvature;

/**
 * Approximate W1 by entropic regularisation (Sinkhorn-Knopp scaling, Cuturi 2013), for transport
 * problems above the exact-size threshold.
 *
 * <p>The regularisation is epsilon = {@code relativeEpsilon} x d(x, y), the edge's own distance, so
 * the curvature error it causes, (approximate W1 - W1) / d(x, y), does not depend on the length scale.
 * Costs are shifted by row and column minima before exponentiation (the plan is invariant to such
 * shifts), so every row and column of the kernel keeps an entry equal to 1 however small epsilon is
 * relative to the costs. The scaling stops when the source marginal is within {@code marginalTolerance} (L1) or after {@code
 * maxIterations}; the plan is then rounded onto the exact marginals (Altschuler, Weed and Rigollet
 * 2017, Algorithm 2), so what is returned is the cost of a <em>feasible</em> coupling: never below the
 * exact W1, hence an approximated curvature is never above the exact one. Its excess is at most
 * epsilon x ln(|S| |T|) plus the rounding term, and is measured in practice (see the bench).
 *
 * <p>Plain (not log-domain) scaling, for speed: when epsilon is tiny against the spread of the costs
 * (possible with {@link LinkLength#INVERSE_WEIGHT}) the scalings can overflow; the result is then NaN
 * and the caller solves the problem exactly instead.
 */
final class SinkhornTransport {
    private final double relativeEpsilon;
    private final double marginalTolerance;
    private final int maxIterations;
    private double[] kernel = new double[0];
    private double[] u = new double[0];
    private double[] v = new double[0];
    private double[] rowScale = new double[0];
    private double[] columnScale = new double[0];
    private double[] rowError = new double[0];
    private double[] columnError = new double[0];
    private int lastIterations;

    SinkhornTransport(double relativeEpsilon, double marginalTolerance, int maxIterations) {
        this.relativeEpsilon = relativeEpsilon;
        this.marginalTolerance = marginalTolerance;
        this.maxIterations = maxIterations;
    }

    int lastIterations() {
        return lastIterations;
    }

    /**
     * Cost of the rounded Sinkhorn plan, or NaN when the scaling overflowed.
     *
     * @param a    source masses (rows), summing to 1
     * @param b    target masses (columns), summing to 1
     * @param cost  row-major rows x columns cost matrix
     * @param scale the edge's distance d(x, y); epsilon = relativeEpsilon x scale
     */
    double transportCost(double[] a, int rows, double[] b, int columns, double[] cost, double scale) {
        int cells = rows * columns;
        if (kernel.length < cells) {
            kernel = new double[Math.max(cells, kernel.length * 2)];
        }
        ensureVectors(Math.max(rows, columns));
        double epsilon = relativeEpsilon * scale;
        for (int i = 0; i < rows; i++) {
            double min = Double.POSITIVE_INFINITY;
            for (int j = 0; j < columns; j++) {
                min = Math.min(min, cost[i * columns + j]);
            }
            rowScale[i] = min;
        }
        for (int j = 0; j < columns; j++) {
            double min = Double.POSITIVE_INFINITY;
            for (int i = 0; i < rows; i++) {
                min = Math.min(min, cost[i * columns + j] - rowScale[i]);
            }
            columnScale[j] = min;
        }
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < columns; j++) {
                int k = i * columns + j;
                kernel[k] = Math.exp(-(cost[k] - rowScale[i] - columnScale[j]) / epsilon);
            }
        }
        for (int j = 0; j < columns; j++) {
            v[j] = 1.0;
        }
        int iteration = 0;
        while (iteration < maxIterations) {
            iteration++;
            for (int i = 0; i < rows; i++) {
                double s = 0;
                int base = i * columns;
                for (int j = 0; j < columns; j++) {
                    s += kernel[base + j] * v[j];
                }
                u[i] = a[i] / s;
            }
            for (int j = 0; j < columns; j++) {
                columnScale[j] = 0;
            }
            for (int i = 0; i < rows; i++) {
                double ui = u[i];
                int base = i * columns;
                for (int j = 0; j < columns; j++) {
                    columnScale[j] += kernel[base + j] * ui;
                }
            }
            for (int j = 0; j < columns; j++) {
                v[j] = b[j] / columnScale[j];
            }
            // After the column update the columns are exact; the rows' L1 error says how far we are.
            if (iteration % 10 == 0 || iteration == maxIterations) {
                double error = 0;
                for (int i = 0; i < rows; i++) {
                    double s = 0;
                    int base = i * columns;
                    for (int j = 0; j < columns; j++) {
                        s += kernel[base + j] * v[j];
                    }
                    error += Math.abs(u[i] * s - a[i]);
                }
                if (error < marginalTolerance) {
                    break;
                }
            }
        }
        lastIterations = iteration;
        double total = roundedPlanCost(a, rows, b, columns, cost);
        return Double.isFinite(total) ? total : Double.NaN;
    }

    /** Cost of the Sinkhorn plan after rounding it onto the marginals a and b. */
    private double roundedPlanCost(double[] a, int rows, double[] b, int columns, double[] cost) {
        // Row sums of P = diag(u) K diag(v); scale rows down where they exceed a.
        for (int i = 0; i < rows; i++) {
            double s = 0;
            int base = i * columns;
            for (int j = 0; j < columns; j++) {
                s += kernel[base + j] * v[j];
            }
            double row = u[i] * s;
            rowScale[i] = row > a[i] ? a[i] / row : 1.0;
        }
        for (int j = 0; j < columns; j++) {
            columnScale[j] = 0;
        }
        for (int i = 0; i < rows; i++) {
            double ui = u[i] * rowScale[i];
            int base = i * columns;
            for (int j = 0; j < columns; j++) {
                columnScale[j] += ui * kernel[base + j] * v[j];
            }
        }
        for (int j = 0; j < columns; j++) {
            double column = columnScale[j];
            columnError[j] = column;
            columnScale[j] = column > b[j] ? b[j] / column : 1.0;
        }
        double total = 0;
        for (int i = 0; i < rows; i++) {
            double ui = u[i] * rowScale[i];
            int base = i * columns;
            double rowSum = 0;
            for (int j = 0; j < columns; j++) {
                double p = ui * kernel[base + j] * v[j] * columnScale[j];
                rowSum += p;
                total += p * cost[base + j];
            }
            rowError[i] = a[i] - rowSum;
        }
        double missing = 0;
        for (int j = 0; j < columns; j++) {
            columnError[j] = b[j] - columnError[j] * columnScale[j];
            missing += columnError[j];
        }
        double rowMissing = 0;
        for (int i = 0; i < rows; i++) {
            rowMissing += rowError[i];
        }
        // The leftover mass is coupled as an outer product, which restores both marginals exactly.
        if (rowMissing > 0 && missing > 0) {
            for (int i = 0; i < rows; i++) {
                if (rowError[i] <= 0) {
                    continue;
                }
                int base = i * columns;
                double s = 0;
                for (int j = 0; j < columns; j++) {
                    s += columnError[j] * cost[base + j];
                }
                total += rowError[i] * s / rowMissing;
            }
        }
        return total;
    }

    private void ensureVectors(int size) {
        if (u.length < size) {
            int n = Math.max(size, u.length * 2);
            u = new double[n];
            v = new double[n];
            rowScale = new double[n];
            columnScale = new double[n];
            rowError = new double[n];
            columnError = new double[n];
        }
    }
}
