package io.dexposure.analytics.anomaly;

/**
 * A k-d tree over some rows of a matrix, for the exact radius query of DBSCAN's noise: whether any row lies
 * within eps of a given row. Exact: every distance
 * compared is computed by the same formula as a brute-force scan ({@link ClusterScores#squaredDistance}),
 * and a subtree is skipped only when its bounding box is farther than the radius (with a relative slack
 * of 1e-12, so rounding in the box bound can never skip a tie).
 *
 * <p>Why: the non-core rows are few and the core rows sit in dense clusters, so a query visits a few leaves
 * where the scan went through every core row. (For the k-nearest query of the core distances the same tree
 * was slower than the scan in the 15 feature dimensions, measured: those use a sample, see ClusterScores.)
 * Splits are on the widest dimension at its median, leaves of up to {@value #LEAF} rows; a node whose rows
 * are all equal is a leaf whatever its size.
 */
final class KdTree {
    private static final int LEAF = 16;
    private static final double SLACK = 1 + 1e-12;
    private final double[][] x;
    private final int dims;
    private final int[] rows;
    private int nodes;
    private int[] from;
    private int[] to;
    private int[] left;
    private int[] right;
    private double[] lo;
    private double[] hi;

    /** A tree over the rows listed (indices into x). */
    KdTree(double[][] x, int[] rows) {
        this.x = x;
        this.dims = x.length == 0 ? 0 : x[0].length;
        this.rows = rows.clone();
        int capacity = Math.max(1, 4 * (rows.length / LEAF + 1));
        from = new int[capacity];
        to = new int[capacity];
        left = new int[capacity];
        right = new int[capacity];
        lo = new double[capacity * dims];
        hi = new double[capacity * dims];
        if (rows.length > 0) {
            build(0, rows.length);
        }
    }

    private int build(int start, int end) {
        int node = nodes++;
        if (node >= from.length) {
            grow();
        }
        from[node] = start;
        to[node] = end;
        left[node] = -1;
        right[node] = -1;
        int widest = -1;
        double spread = 0;
        for (int d = 0; d < dims; d++) {
            double mn = Double.POSITIVE_INFINITY;
            double mx = Double.NEGATIVE_INFINITY;
            for (int p = start; p < end; p++) {
                double v = x[rows[p]][d];
                mn = Math.min(mn, v);
                mx = Math.max(mx, v);
            }
            lo[node * dims + d] = mn;
            hi[node * dims + d] = mx;
            if (mx - mn > spread) {
                spread = mx - mn;
                widest = d;
            }
        }
        if (end - start <= LEAF || widest < 0) {
            return node;
        }
        int mid = (start + end) >>> 1;
        select(start, end - 1, mid, widest);
        int l = build(start, mid);
        int r = build(mid, end);
        left[node] = l;
        right[node] = r;
        return node;
    }

    private void grow() {
        int capacity = from.length * 2;
        from = java.util.Arrays.copyOf(from, capacity);
        to = java.util.Arrays.copyOf(to, capacity);
        left = java.util.Arrays.copyOf(left, capacity);
        right = java.util.Arrays.copyOf(right, capacity);
        lo = java.util.Arrays.copyOf(lo, capacity * dims);
        hi = java.util.Arrays.copyOf(hi, capacity * dims);
    }

    /** Quickselect: rows[k] gets the row whose value in dimension d ranks k-th in rows[a..b]. */
    private void select(int a, int b, int k, int d) {
        while (b > a) {
            double pivot = x[rows[(a + b) >>> 1]][d];
            int i = a;
            int j = b;
            while (i <= j) {
                while (x[rows[i]][d] < pivot) {
                    i++;
                }
                while (x[rows[j]][d] > pivot) {
                    j--;
                }
                if (i <= j) {
                    int t = rows[i];
                    rows[i] = rows[j];
                    rows[j] = t;
                    i++;
                    j--;
                }
            }
            if (k <= j) {
                b = j;
            } else if (k >= i) {
                a = i;
            } else {
                return;
            }
        }
    }

    private double boxDistance2(int node, double[] q) {
        double s = 0;
        int base = node * dims;
        for (int d = 0; d < dims; d++) {
            double v = q[d];
            double gap = v < lo[base + d] ? lo[base + d] - v : v > hi[base + d] ? v - hi[base + d] : 0;
            s += gap * gap;
        }
        return s;
    }

    /** Whether some row of the tree other than {@code self} lies within squared distance {@code radius2} of row self. */
    boolean anyWithin(int self, double radius2) {
        return nodes > 0 && within(0, x[self], self, radius2);
    }

    private boolean within(int node, double[] q, int self, double radius2) {
        if (boxDistance2(node, q) > radius2 * SLACK) {
            return false;
        }
        if (left[node] < 0) {
            for (int p = from[node]; p < to[node]; p++) {
                int r = rows[p];
                if (r != self && ClusterScores.squaredDistance(q, x[r]) <= radius2) {
                    return true;
                }
            }
            return false;
        }
        return within(left[node], q, self, radius2) || within(right[node], q, self, radius2);
    }
}
