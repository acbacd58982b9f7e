package io.dexposure.analytics.embedding;

import java.util.Random;

/**
 * Exact t-SNE (van der Maaten and Hinton 2008) to two dimensions, clean-room after the reference
 * description: Gaussian affinities whose bandwidth per row is set by binary search to the wanted
 * perplexity, symmetrised; Student-t affinities in the map; gradient descent with momentum (0.5, then
 * 0.8), per-coordinate gains, and early exaggeration (x12 for the first 250 iterations) so that clusters
 * form before they settle. O(n^2) time and memory per iteration, which is why {@link EmbeddingMap}
 * uses {@link BarnesHutTsne} (which shares the start, schedule and step below) and then a PCA projection above
 * node thresholds. Deterministic for a seed: one thread, a seeded Gaussian start, a fixed summation order.
 */
public final class Tsne {
    /** Iterations with exaggerated input affinities and low momentum (the reference's 250). */
    static final int EARLY_ITERATIONS = 250;
    static final double EXAGGERATION = 12;

    private Tsne() {
    }

    /**
     * @param x           rows to embed (already scaled)
     * @param perplexity  effective neighbours per row; capped at (n - 1) / 3 so small weeks still work
     * @param iterations  gradient steps (at least {@link #EARLY_ITERATIONS} + 1 is sensible)
     * @param learningRate step size; <= 0 chooses max(n / 12, 50) (scikit-learn's "auto")
     * @return n x 2 coordinates, centred
     */
    public static double[][] embed(double[][] x, double perplexity, int iterations, double learningRate, long seed) {
        int n = x.length;
        if (n < 2) {
            return new double[n][2];
        }
        double[] p = jointProbabilities(x, cappedPerplexity(n, perplexity));
        double eta = learningRate(n, learningRate);
        double[][] y = start(n, seed);
        double[][] update = new double[n][2];
        double[][] gains = new double[n][2];
        for (double[] g : gains) {
            g[0] = 1;
            g[1] = 1;
        }
        double[] num = new double[n * n];
        double[][] grad = new double[n][2];
        for (int it = 0; it < iterations; it++) {
            gradient(p, y, it < EARLY_ITERATIONS ? EXAGGERATION : 1, num, grad);
            step(y, grad, update, gains, eta, momentum(it));
        }
        return y;
    }

    /** The momentum schedule: 0.5 while the affinities are exaggerated, then 0.8. */
    static double momentum(int iteration) {
        return iteration < EARLY_ITERATIONS ? 0.5 : 0.8;
    }

    /**
     * The exact gradient of KL(P || Q) at y into grad: 4 sum_j (exaggeration p_ij - q_ij) w_ij (y_i - y_j), with the
     * Student-t weights w_ij = 1 / (1 + |y_i - y_j|^2) and q_ij = w_ij / Z floored at 1e-12; num is n x n scratch.
     */
    static void gradient(double[] p, double[][] y, double exaggeration, double[] num, double[][] grad) {
        int n = y.length;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double dx = y[i][0] - y[j][0];
                double dy = y[i][1] - y[j][1];
                double q = 1 / (1 + dx * dx + dy * dy);
                num[i * n + j] = q;
                num[j * n + i] = q;
                sum += 2 * q;
            }
        }
        for (int i = 0; i < n; i++) {
            double gx = 0;
            double gy = 0;
            for (int j = 0; j < n; j++) {
                if (j == i) {
                    continue;
                }
                double q = num[i * n + j];
                double m = (exaggeration * p[i * n + j] - Math.max(q / sum, 1e-12)) * q;
                gx += m * (y[i][0] - y[j][0]);
                gy += m * (y[i][1] - y[j][1]);
            }
            grad[i][0] = 4 * gx;
            grad[i][1] = 4 * gy;
        }
    }

    /**
     * One descent step, shared with {@link BarnesHutTsne} so the two follow the same schedule: per-coordinate gains
     * (up 0.2 where the gradient's sign differs from the last step's, else x0.8, at least 0.01), momentum, then the
     * map re-centred.
     */
    static void step(double[][] y, double[][] grad, double[][] update, double[][] gains, double eta, double momentum) {
        int n = y.length;
        double meanX = 0;
        double meanY = 0;
        for (int i = 0; i < n; i++) {
            for (int d = 0; d < 2; d++) {
                // Gains grow where the gradient keeps its direction against the last step, shrink otherwise.
                gains[i][d] = Math.signum(grad[i][d]) != Math.signum(update[i][d])
                        ? gains[i][d] + 0.2 : Math.max(0.01, gains[i][d] * 0.8);
                update[i][d] = momentum * update[i][d] - eta * gains[i][d] * grad[i][d];
                y[i][d] += update[i][d];
            }
            meanX += y[i][0] / n;
            meanY += y[i][1] / n;
        }
        for (double[] row : y) {
            row[0] -= meanX;
            row[1] -= meanY;
        }
    }

    /** The seeded start: n x 2 Gaussian with sd 1e-4. */
    static double[][] start(int n, long seed) {
        double[][] y = new double[n][2];
        Random random = new Random(seed);
        for (int i = 0; i < n; i++) {
            y[i][0] = 1e-4 * random.nextGaussian();
            y[i][1] = 1e-4 * random.nextGaussian();
        }
        return y;
    }

    /** The step size: the given one, or max(n / 12, 50) when it is not positive (scikit-learn's "auto"). */
    static double learningRate(int n, double learningRate) {
        return learningRate > 0 ? learningRate : Math.max(n / EXAGGERATION, 50);
    }

    /** Perplexity capped at (n - 1) / 3 (and at least 1) so that small weeks still work. */
    static double cappedPerplexity(int n, double perplexity) {
        return Math.max(1, Math.min(perplexity, (n - 1) / 3.0));
    }

    /**
     * P_ij = (p_j|i + p_i|j) / 2n, each conditional row's Gaussian bandwidth found by bisection on beta so
     * that its entropy is log(perplexity) (nats), as in the reference implementation; floored at 1e-12.
     */
    static double[] jointProbabilities(double[][] x, double perplexity) {
        int n = x.length;
        double[] d = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double s = 0;
                for (int k = 0; k < x[i].length; k++) {
                    double t = x[i][k] - x[j][k];
                    s += t * t;
                }
                d[i * n + j] = s;
                d[j * n + i] = s;
            }
        }
        double[] conditional = new double[n * n];
        double[] others = new double[n - 1];
        double[] row = new double[n - 1];
        for (int i = 0; i < n; i++) {
            for (int j = 0, m = 0; j < n; j++) {
                if (j != i) {
                    others[m++] = d[i * n + j];
                }
            }
            conditionalRow(others, others.length, perplexity, row);
            for (int j = 0, m = 0; j < n; j++) {
                if (j != i) {
                    conditional[i * n + j] = row[m++];
                }
            }
        }
        double[] p = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                p[i * n + j] = Math.max((conditional[i * n + j] + conditional[j * n + i]) / (2.0 * n), 1e-12);
            }
        }
        return p;
    }

    /**
     * One row's conditional probabilities p_j|i from its squared distances to the other points (the first count of
     * distances): the Gaussian's beta found by bisection so that the row's entropy is log(perplexity) (nats), as in
     * the reference implementation. Shared with {@link BarnesHutTsne}, which passes only the nearest neighbours.
     */
    static void conditionalRow(double[] distances, int count, double perplexity, double[] out) {
        double target = Math.log(perplexity);
        // Shift by the smallest distance so exp() cannot underflow to all zeros.
        double min = Double.POSITIVE_INFINITY;
        for (int j = 0; j < count; j++) {
            min = Math.min(min, distances[j]);
        }
        double beta = 1;
        double lo = Double.NEGATIVE_INFINITY;
        double hi = Double.POSITIVE_INFINITY;
        for (int step = 0; step < 100; step++) {
            double sum = 0;
            double weighted = 0;
            for (int j = 0; j < count; j++) {
                out[j] = Math.exp(-(distances[j] - min) * beta);
                sum += out[j];
                weighted += (distances[j] - min) * out[j];
            }
            double entropy = Math.log(sum) + beta * weighted / sum;
            for (int j = 0; j < count; j++) {
                out[j] /= sum;
            }
            double diff = entropy - target;
            if (Math.abs(diff) < 1e-5) {
                break;
            }
            if (diff > 0) {
                lo = beta;
                beta = hi == Double.POSITIVE_INFINITY ? beta * 2 : (beta + hi) / 2;
            } else {
                hi = beta;
                beta = lo == Double.NEGATIVE_INFINITY ? beta / 2 : (beta + lo) / 2;
            }
        }
    }
}
