package io.dexposure.analytics.embedding;

import io.dexposure.analytics.anomaly.ClusterScores;

import java.util.Arrays;

/**
 * Barnes-Hut t-SNE (van der Maaten 2014) to two dimensions, clean-room after the paper: the input affinities
 * are sparse, each row's Gaussian spread over its {@code 3 x perplexity} nearest neighbours only, then
 * symmetrised; the repulsive forces are approximated with a quadtree over the map, a cell whose side is
 * under {@code theta} times its distance to a point acting on it as one body at its centre of mass. That makes
 * an iteration O(n log n) in place of exact {@link Tsne}'s O(n^2). Everything else (the seeded start, the
 * learning rate, early exaggeration, the momentum and gains schedule) is exact t-SNE's own code, so the two
 * maps are comparable and theta = 0 follows exact t-SNE's gradient (up to the 1e-12 floors exact t-SNE
 * puts on p and q).
 *
 * <p>The nearest neighbours are found by a scan over all pairs, O(n^2 d) once: on the feature rows of an
 * 11,000-node week that is a small part of the whole run (docs/analyses.md), and in 15 or more dimensions a
 * space-partitioning tree prunes little (the anomaly package measured its k-d tree slower than the scan for
 * k-nearest queries in these features). Deterministic for a seed: one thread, fixed orders throughout.
 */
public final class BarnesHutTsne {
    /** Default accuracy: the paper's and scikit-learn's 0.5. */
    public static final double DEFAULT_THETA = 0.5;
    /** Below this depth cells stop splitting and keep their points in a list (duplicates or near-duplicates). */
    private static final int MAX_DEPTH = 40;

    private BarnesHutTsne() {
    }

    /**
     * @param x            rows to embed (already scaled)
     * @param perplexity   effective neighbours per row; capped at (n - 1) / 3 as exact t-SNE caps it
     * @param iterations   gradient steps
     * @param learningRate step size; <= 0 chooses max(n / 12, 50)
     * @param theta        Barnes-Hut accuracy: 0 is exact repulsion, larger is faster and coarser
     * @return n x 2 coordinates, centred
     */
    public static double[][] embed(double[][] x, double perplexity, int iterations, double learningRate, double theta, long seed) {
        int n = x.length;
        if (n < 2) {
            return new double[n][2];
        }
        if (!(theta >= 0)) {
            throw new IllegalArgumentException("Barnes-Hut t-SNE: theta must be >= 0, got " + theta);
        }
        SparseAffinities p = affinities(x, Tsne.cappedPerplexity(n, perplexity));
        double eta = Tsne.learningRate(n, learningRate);
        double[][] y = Tsne.start(n, seed);
        double[][] update = new double[n][2];
        double[][] gains = new double[n][2];
        for (double[] g : gains) {
            g[0] = 1;
            g[1] = 1;
        }
        double[][] grad = new double[n][2];
        QuadTree tree = new QuadTree(n);
        for (int it = 0; it < iterations; it++) {
            gradient(p, y, it < Tsne.EARLY_ITERATIONS ? Tsne.EXAGGERATION : 1, theta, tree, grad);
            Tsne.step(y, grad, update, gains, eta, Tsne.momentum(it));
        }
        return y;
    }

    /** Symmetric sparse P in compressed rows: row i's columns are col[start[i] .. start[i + 1]), ascending. */
    record SparseAffinities(int[] start, int[] col, double[] value) {
        int rows() {
            return start.length - 1;
        }

        /** Dense copy (tests). */
        double[] dense() {
            int n = rows();
            double[] out = new double[n * n];
            for (int i = 0; i < n; i++) {
                for (int e = start[i]; e < start[i + 1]; e++) {
                    out[i * n + col[e]] = value[e];
                }
            }
            return out;
        }
    }

    /**
     * P_ij = (p_j|i + p_i|j) / 2n where p_j|i is spread over i's k = min(n - 1, floor(3 perplexity)) nearest rows
     * (ties by index) and is 0 elsewhere; sums to 1.
     */
    static SparseAffinities affinities(double[][] x, double perplexity) {
        int n = x.length;
        // (The 1e-9 keeps 3 x ((n - 1) / 3.0) from rounding down to n - 2.)
        int k = Math.min(n - 1, (int) Math.floor(3 * perplexity + 1e-9));
        int[][] neighbours = nearest(x, k);
        double[] distances = new double[k];
        double[] row = new double[k];
        // Conditional rows, each sorted by column so the transpose below comes out sorted too.
        int[] condCol = new int[n * k];
        double[] condValue = new double[n * k];
        for (int i = 0; i < n; i++) {
            int[] nb = neighbours[i];
            for (int m = 0; m < k; m++) {
                distances[m] = ClusterScores.squaredDistance(x[i], x[nb[m]]);
            }
            Tsne.conditionalRow(distances, k, perplexity, row);
            Integer[] byColumn = new Integer[k];
            for (int m = 0; m < k; m++) {
                byColumn[m] = m;
            }
            Arrays.sort(byColumn, (a, b) -> Integer.compare(nb[a], nb[b]));
            for (int m = 0; m < k; m++) {
                condCol[i * k + m] = nb[byColumn[m]];
                condValue[i * k + m] = row[byColumn[m]];
            }
        }
        // The transpose (p_i|j for each i), rows filled in ascending j so each row is sorted.
        int[] tStart = new int[n + 1];
        for (int c : condCol) {
            tStart[c + 1]++;
        }
        for (int i = 0; i < n; i++) {
            tStart[i + 1] += tStart[i];
        }
        int[] tCol = new int[n * k];
        double[] tValue = new double[n * k];
        int[] fill = Arrays.copyOf(tStart, n);
        for (int j = 0; j < n; j++) {
            for (int e = j * k; e < (j + 1) * k; e++) {
                int i = condCol[e];
                tCol[fill[i]] = j;
                tValue[fill[i]++] = condValue[e];
            }
        }
        // Merge each row with its transpose row.
        int[] start = new int[n + 1];
        int[] col = new int[2 * n * k];
        double[] value = new double[2 * n * k];
        int out = 0;
        for (int i = 0; i < n; i++) {
            int a = i * k;
            int aEnd = a + k;
            int b = tStart[i];
            int bEnd = tStart[i + 1];
            while (a < aEnd || b < bEnd) {
                int ca = a < aEnd ? condCol[a] : Integer.MAX_VALUE;
                int cb = b < bEnd ? tCol[b] : Integer.MAX_VALUE;
                double v = 0;
                int c = Math.min(ca, cb);
                if (ca == c) {
                    v += condValue[a++];
                }
                if (cb == c) {
                    v += tValue[b++];
                }
                col[out] = c;
                value[out++] = v / (2.0 * n);
            }
            start[i + 1] = out;
        }
        return new SparseAffinities(start, Arrays.copyOf(col, out), Arrays.copyOf(value, out));
    }

    /** Each row's k nearest other rows, nearest first (ties by index): a scan with a bounded max-heap per row. */
    static int[][] nearest(double[][] x, int k) {
        int n = x.length;
        int[][] out = new int[n][];
        double[] heapD = new double[k];
        int[] heapI = new int[k];
        for (int i = 0; i < n; i++) {
            int size = 0;
            for (int j = 0; j < n; j++) {
                if (j == i) {
                    continue;
                }
                double d = ClusterScores.squaredDistance(x[i], x[j]);
                if (size < k) {
                    // Sift up.
                    int c = size++;
                    while (c > 0) {
                        int parent = (c - 1) / 2;
                        if (!farther(d, j, heapD[parent], heapI[parent])) {
                            break;
                        }
                        heapD[c] = heapD[parent];
                        heapI[c] = heapI[parent];
                        c = parent;
                    }
                    heapD[c] = d;
                    heapI[c] = j;
                } else if (farther(heapD[0], heapI[0], d, j)) {
                    // Replace the farthest kept and sift down.
                    int c = 0;
                    while (true) {
                        int l = 2 * c + 1;
                        if (l >= size) {
                            break;
                        }
                        int r = l + 1;
                        int big = r < size && farther(heapD[r], heapI[r], heapD[l], heapI[l]) ? r : l;
                        if (!farther(heapD[big], heapI[big], d, j)) {
                            break;
                        }
                        heapD[c] = heapD[big];
                        heapI[c] = heapI[big];
                        c = big;
                    }
                    heapD[c] = d;
                    heapI[c] = j;
                }
            }
            Integer[] order = new Integer[size];
            for (int m = 0; m < size; m++) {
                order[m] = m;
            }
            double[] dd = Arrays.copyOf(heapD, size);
            int[] ii = Arrays.copyOf(heapI, size);
            Arrays.sort(order, (a, b) -> dd[a] != dd[b] ? Double.compare(dd[a], dd[b]) : Integer.compare(ii[a], ii[b]));
            out[i] = new int[size];
            for (int m = 0; m < size; m++) {
                out[i][m] = ii[order[m]];
            }
        }
        return out;
    }

    /** Whether (d1, i1) ranks after (d2, i2): farther, or as far with a larger index. */
    private static boolean farther(double d1, int i1, double d2, int i2) {
        return d1 > d2 || (d1 == d2 && i1 > i2);
    }

    /**
     * The Barnes-Hut gradient at y into grad: 4 (exaggeration F_attr - F_rep / Z), the attraction summed over P's
     * non-zeros, the repulsion sum_j w_ij^2 (y_i - y_j) and the normaliser Z = sum_{i != j} w_ij from the quadtree.
     */
    static void gradient(SparseAffinities p, double[][] y, double exaggeration, double theta, QuadTree tree, double[][] grad) {
        int n = y.length;
        tree.build(y);
        double z = 0;
        double[] repulsion = new double[2];
        for (int i = 0; i < n; i++) {
            repulsion[0] = 0;
            repulsion[1] = 0;
            z += tree.repulsion(i, theta, repulsion);
            grad[i][0] = repulsion[0];
            grad[i][1] = repulsion[1];
        }
        for (int i = 0; i < n; i++) {
            double ax = 0;
            double ay = 0;
            for (int e = p.start()[i]; e < p.start()[i + 1]; e++) {
                int j = p.col()[e];
                double dx = y[i][0] - y[j][0];
                double dy = y[i][1] - y[j][1];
                double m = p.value()[e] / (1 + dx * dx + dy * dy);
                ax += m * dx;
                ay += m * dy;
            }
            grad[i][0] = 4 * (exaggeration * ax - grad[i][0] / z);
            grad[i][1] = 4 * (exaggeration * ay - grad[i][1] / z);
        }
    }

    /**
     * A region quadtree over the map's points, rebuilt every iteration into reused arrays. A cell keeps its point
     * count and coordinate sums (its centre of mass); a leaf keeps its points as a linked list (one point, or
     * several when they coincide or the depth limit is reached).
     */
    static final class QuadTree {
        /** The points' coordinates, copied flat at each build so the force loop reads two arrays, not n small ones. */
        private final double[] px;
        private final double[] py;
        private int cells;
        private double[] centreX = new double[64];
        private double[] centreY = new double[64];
        private double[] half = new double[64];
        /** Coordinate sums while building, the centre of mass once built. */
        private double[] sumX = new double[64];
        private double[] sumY = new double[64];
        private int[] count = new int[64];
        /** First of the four children (consecutive), or -1 for a leaf. */
        private int[] child = new int[64];
        /** A leaf's first point, or -1. */
        private int[] head = new int[64];
        private int[] depth = new int[64];
        /** The next point in the same leaf, or -1. */
        private final int[] next;
        private int[] stack = new int[64];

        QuadTree(int points) {
            next = new int[points];
            px = new double[points];
            py = new double[points];
        }

        void build(double[][] points) {
            for (int i = 0; i < points.length; i++) {
                px[i] = points[i][0];
                py[i] = points[i][1];
            }
            double minX = Double.POSITIVE_INFINITY;
            double minY = Double.POSITIVE_INFINITY;
            double maxX = Double.NEGATIVE_INFINITY;
            double maxY = Double.NEGATIVE_INFINITY;
            for (double[] p : points) {
                minX = Math.min(minX, p[0]);
                maxX = Math.max(maxX, p[0]);
                minY = Math.min(minY, p[1]);
                maxY = Math.max(maxY, p[1]);
            }
            cells = 0;
            // A little wider than the points so that none sits on the outer boundary.
            double h = Math.max(maxX - minX, maxY - minY) / 2 * (1 + 1e-9) + 1e-12;
            newCell((minX + maxX) / 2, (minY + maxY) / 2, h, 0);
            for (int i = 0; i < points.length; i++) {
                insert(i);
            }
            // Sums become centres of mass once every point is in.
            for (int c = 0; c < cells; c++) {
                if (count[c] > 0) {
                    sumX[c] /= count[c];
                    sumY[c] /= count[c];
                }
            }
        }

        private int newCell(double cx, double cy, double h, int d) {
            if (cells == count.length) {
                int size = 2 * cells;
                centreX = Arrays.copyOf(centreX, size);
                centreY = Arrays.copyOf(centreY, size);
                half = Arrays.copyOf(half, size);
                sumX = Arrays.copyOf(sumX, size);
                sumY = Arrays.copyOf(sumY, size);
                count = Arrays.copyOf(count, size);
                child = Arrays.copyOf(child, size);
                head = Arrays.copyOf(head, size);
                depth = Arrays.copyOf(depth, size);
            }
            int c = cells++;
            centreX[c] = cx;
            centreY[c] = cy;
            half[c] = h;
            sumX[c] = 0;
            sumY[c] = 0;
            count[c] = 0;
            child[c] = -1;
            head[c] = -1;
            depth[c] = d;
            return c;
        }

        private int quadrant(int cell, int point) {
            return (px[point] >= centreX[cell] ? 1 : 0) + (py[point] >= centreY[cell] ? 2 : 0);
        }

        private void insert(int point) {
            int cell = 0;
            while (true) {
                if (child[cell] >= 0) {
                    add(cell, point);
                    cell = child[cell] + quadrant(cell, point);
                    continue;
                }
                int first = head[cell];
                boolean keepHere = first < 0 || depth[cell] >= MAX_DEPTH
                        || (px[first] == px[point] && py[first] == py[point]);
                if (keepHere) {
                    add(cell, point);
                    next[point] = first;
                    head[cell] = point;
                    return;
                }
                // Split the leaf (it holds coinciding points only, all at first's position) and push them down.
                double h = half[cell] / 2;
                int d = depth[cell] + 1;
                int c0 = newCell(centreX[cell] - h, centreY[cell] - h, h, d);
                newCell(centreX[cell] + h, centreY[cell] - h, h, d);
                newCell(centreX[cell] - h, centreY[cell] + h, h, d);
                newCell(centreX[cell] + h, centreY[cell] + h, h, d);
                child[cell] = c0;
                int target = c0 + quadrant(cell, first);
                for (int p = first; p >= 0; ) {
                    int after = next[p];
                    add(target, p);
                    next[p] = head[target];
                    head[target] = p;
                    p = after;
                }
                head[cell] = -1;
            }
        }

        private void add(int cell, int point) {
            count[cell]++;
            sumX[cell] += px[point];
            sumY[cell] += py[point];
        }

        /**
         * Adds sum_j w_ij^2 (y_i - y_j) to force and returns sum_j w_ij (j != i), w = 1 / (1 + d^2); a cell is summarised
         * by its centre of mass when its side is below theta times that centre's distance from point i.
         */
        double repulsion(int i, double theta, double[] force) {
            double xi = px[i];
            double yi = py[i];
            double z = 0;
            double theta2 = theta * theta;
            int top = 0;
            stack[top++] = 0;
            while (top > 0) {
                int cell = stack[--top];
                int c = count[cell];
                if (c == 0) {
                    continue;
                }
                if (child[cell] < 0) {
                    for (int j = head[cell]; j >= 0; j = next[j]) {
                        if (j != i) {
                            double dx = xi - px[j];
                            double dy = yi - py[j];
                            double w = 1 / (1 + dx * dx + dy * dy);
                            z += w;
                            force[0] += w * w * dx;
                            force[1] += w * w * dy;
                        }
                    }
                    continue;
                }
                double dx = xi - sumX[cell];
                double dy = yi - sumY[cell];
                double d2 = dx * dx + dy * dy;
                double side = 2 * half[cell];
                if (side * side < theta2 * d2) {
                    double w = 1 / (1 + d2);
                    z += c * w;
                    force[0] += c * w * w * dx;
                    force[1] += c * w * w * dy;
                    continue;
                }
                if (top + 4 > stack.length) {
                    stack = Arrays.copyOf(stack, 2 * stack.length);
                }
                int first = child[cell];
                for (int q = 0; q < 4; q++) {
                    stack[top++] = first + q;
                }
            }
            return z;
        }
    }
}
