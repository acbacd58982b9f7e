package io.dexposure.analytics.anomaly;

import java.util.SplittableRandom;

/**
 * Isolation Forest (Liu, Ting and Zhou 2008), written from the paper: each tree isolates a random
 * subsample (without replacement) by random splits (a random feature, a uniform threshold between its
 * min and max in the node) down to depth ceil(log2(subsample)); a point's path length is its depth
 * plus c(size) of the leaf it lands in; score = 2^(-mean path / c(subsample)), near 1 for anomalies,
 * about 0.5 or lower for ordinary points. Seeded: the same seed gives the same forest.
 */
public final class IsolationForest {
    private static final double EULER = 0.5772156649015329;
    private final Node[] trees;
    private final int subsample;

    private IsolationForest(Node[] trees, int subsample) {
        this.trees = trees;
        this.subsample = subsample;
    }

    public static IsolationForest fit(double[][] x, int treeCount, int maxSamples, long seed) {
        if (x.length == 0) {
            throw new IllegalArgumentException("isolation forest: no rows");
        }
        SplittableRandom random = new SplittableRandom(seed);
        int psi = Math.min(maxSamples, x.length);
        int maxDepth = (int) Math.ceil(Math.log(Math.max(psi, 2)) / Math.log(2));
        Node[] trees = new Node[treeCount];
        int[] all = new int[x.length];
        for (int t = 0; t < treeCount; t++) {
            for (int i = 0; i < all.length; i++) {
                all[i] = i;
            }
            // Partial Fisher-Yates: the first psi positions are a uniform sample without replacement.
            for (int i = 0; i < psi; i++) {
                int j = i + random.nextInt(all.length - i);
                int tmp = all[i];
                all[i] = all[j];
                all[j] = tmp;
            }
            int[] sample = java.util.Arrays.copyOf(all, psi);
            trees[t] = grow(x, sample, 0, sample.length, 0, maxDepth, random);
        }
        return new IsolationForest(trees, psi);
    }

    private static Node grow(double[][] x, int[] rows, int from, int to, int depth, int maxDepth, SplittableRandom random) {
        int size = to - from;
        if (depth >= maxDepth || size <= 1) {
            return new Node(size);
        }
        int d = x[0].length;
        // Pick among the features that still vary in this node; a node where none varies is a leaf.
        int[] varying = new int[d];
        double[] lo = new double[d];
        double[] hi = new double[d];
        int nv = 0;
        for (int f = 0; f < d; f++) {
            double mn = Double.POSITIVE_INFINITY;
            double mx = Double.NEGATIVE_INFINITY;
            for (int r = from; r < to; r++) {
                double v = x[rows[r]][f];
                mn = Math.min(mn, v);
                mx = Math.max(mx, v);
            }
            if (mx > mn) {
                lo[nv] = mn;
                hi[nv] = mx;
                varying[nv++] = f;
            }
        }
        if (nv == 0) {
            return new Node(size);
        }
        int pick = random.nextInt(nv);
        int feature = varying[pick];
        double threshold = lo[pick] + random.nextDouble() * (hi[pick] - lo[pick]);
        int mid = from;
        for (int r = from; r < to; r++) {
            if (x[rows[r]][feature] < threshold) {
                int tmp = rows[mid];
                rows[mid] = rows[r];
                rows[r] = tmp;
                mid++;
            }
        }
        return new Node(feature, threshold, grow(x, rows, from, mid, depth + 1, maxDepth, random),
                grow(x, rows, mid, to, depth + 1, maxDepth, random));
    }

    /** Average path length of an unsuccessful search in a binary search tree of n points. */
    static double c(int n) {
        if (n <= 1) {
            return 0;
        }
        if (n == 2) {
            return 1;
        }
        return 2 * (Math.log(n - 1) + EULER) - 2.0 * (n - 1) / n;
    }

    /** Anomaly score in (0, 1]: higher is more anomalous. */
    public double score(double[] point) {
        double total = 0;
        for (Node tree : trees) {
            Node node = tree;
            int depth = 0;
            while (node.left != null) {
                node = point[node.feature] < node.threshold ? node.left : node.right;
                depth++;
            }
            total += depth + node.leafPath;
        }
        return Math.pow(2, -(total / trees.length) / c(subsample));
    }

    public double[] scores(double[][] x) {
        double[] s = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            s[i] = score(x[i]);
        }
        return s;
    }

    private static final class Node {
        final int feature;
        final double threshold;
        final Node left;
        final Node right;
        final int size;
        /** c(size), computed once per leaf rather than once per point that lands in it. */
        final double leafPath;

        Node(int size) {
            this.size = size;
            this.leafPath = c(size);
            this.feature = -1;
            this.threshold = 0;
            this.left = null;
            this.right = null;
        }

        Node(int feature, double threshold, Node left, Node right) {
            this.feature = feature;
            this.threshold = threshold;
            this.left = left;
            this.right = right;
            this.size = 0;
            this.leafPath = 0;
        }
    }
}
