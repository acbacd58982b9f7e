package io.dexposure.analytics.metrics.curvature;

import java.util.Arrays;

/**
 * The probability measure m_x of one edge end as GraphRicciCurvature builds it: the node keeps alpha,
 * the other 1 - alpha is spread over its neighbours (in-neighbours for the source end, out-neighbours
 * for the target end) in proportion to base^(-d^exponent), d the shortest-path distance between
 * neighbour and node, over the {@code topK} neighbours of largest weight only. Ties in weight keep the
 * higher node index (GraphRicciCurvature keeps the largest (weight, node) pairs of a heap). A node
 * without neighbours keeps all its mass. Entry {@code size - 1} is the node itself.
 */
final class NeighbourhoodMeasure {
    /** GraphRicciCurvature's threshold below which the weights are treated as all equal. */
    private static final double WEIGHT_SUM_FLOOR = 1e-7;

    int size;
    int[] nodes = new int[16];
    double[] mass = new double[16];
    private double[] weight = new double[16];
    private Integer[] order = new Integer[0];

    /** Unit lengths: every neighbour is at distance 1, so the measure is uniform over the top-k. */
    void unitLengths(int centre, int[] neighbours, int from, int to, int topK, double alpha) {
        int count = Math.min(to - from, topK);
        ensure(count + 1);
        // Lists are sorted by node index and all weights are equal: the top-k are the last k.
        int start = to - count;
        for (int i = 0; i < count; i++) {
            nodes[i] = neighbours[start + i];
            mass[i] = (1.0 - alpha) / count;
        }
        nodes[count] = centre;
        mass[count] = count == 0 ? 1.0 : alpha;
        size = count + 1;
    }

    /**
     * Weighted lengths.
     *
     * @param distances distance between each listed neighbour and the centre, in list order
     */
    void weightedLengths(int centre, int[] neighbours, int from, int to, double[] distances, int topK, double alpha,
                         double base, double exponent) {
        int all = to - from;
        ensure(all + 1);
        for (int i = 0; i < all; i++) {
            weight[i] = Math.pow(base, -Math.pow(distances[i], exponent));
        }
        int count = Math.min(all, topK);
        if (count < all) {
            if (order.length < all) {
                order = new Integer[Math.max(all, order.length * 2)];
            }
            for (int i = 0; i < all; i++) {
                order[i] = i;
            }
            double[] w = weight;
            Arrays.sort(order, 0, all, (a, b) -> {
                int c = Double.compare(w[b], w[a]);
                return c != 0 ? c : Integer.compare(neighbours[from + b], neighbours[from + a]);
            });
            int[] keptIndex = new int[count];
            for (int i = 0; i < count; i++) {
                keptIndex[i] = order[i];
            }
            Arrays.sort(keptIndex);
            double[] keptWeight = new double[count];
            for (int i = 0; i < count; i++) {
                nodes[i] = neighbours[from + keptIndex[i]];
                keptWeight[i] = weight[keptIndex[i]];
            }
            System.arraycopy(keptWeight, 0, weight, 0, count);
        } else {
            for (int i = 0; i < count; i++) {
                nodes[i] = neighbours[from + i];
            }
        }
        double sum = 0;
        for (int i = 0; i < count; i++) {
            sum += weight[i];
        }
        for (int i = 0; i < count; i++) {
            mass[i] = sum > WEIGHT_SUM_FLOOR ? (1.0 - alpha) * weight[i] / sum : (1.0 - alpha) / count;
        }
        nodes[count] = centre;
        mass[count] = count == 0 ? 1.0 : alpha;
        size = count + 1;
    }

    /**
     * The masses as integers summing to exactly {@code total}: rounded, the rounding residue put on the
     * largest entry (the error this adds to W1 is below 3 * size / total).
     */
    void scaledMasses(long total, long[] into) {
        long sum = 0;
        int largest = 0;
        for (int i = 0; i < size; i++) {
            into[i] = Math.round(mass[i] * total);
            sum += into[i];
            if (into[i] > into[largest]) {
                largest = i;
            }
        }
        into[largest] += total - sum;
    }

    private void ensure(int capacity) {
        if (nodes.length < capacity) {
            int size = Math.max(capacity, nodes.length * 2);
            nodes = new int[size];
            mass = new double[size];
            weight = new double[size];
        }
    }
}
