package io.dexposure.analytics.anomaly;

import org.apache.commons.math3.ml.clustering.CentroidCluster;
import org.apache.commons.math3.ml.clustering.Cluster;
import org.apache.commons.math3.ml.clustering.DBSCANClusterer;
import org.apache.commons.math3.ml.clustering.DoublePoint;
import org.apache.commons.math3.ml.clustering.KMeansPlusPlusClusterer;
import org.apache.commons.math3.ml.distance.EuclideanDistance;
import org.apache.commons.math3.random.JDKRandomGenerator;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/** The two clustering detectors, on Commons Math: k-means distance to centroid and DBSCAN noise. */
public final class ClusterScores {
    private ClusterScores() {
    }

    /**
     * As {@link #kMeansDistance(double[][], int, int, long)}, fitted on a seeded sample of {@code sample} rows when
     * there are more (0 = all), every row then measured to its nearest centroid: Lloyd's iterations cost rows x k
     * x d each, and the centroids of 2,000 rows are the centroids of 11,000 up to sampling noise.
     */
    public static double[] kMeansDistance(double[][] x, int k, int starts, long seed, int sample) {
        if (sample <= 0 || x.length <= sample) {
            return kMeansDistance(x, k, starts, seed);
        }
        return bestOfStarts(sampleRows(x, sample, seed), x, k, starts, seed);
    }

    /** {@code count} of the rows, a seeded uniform sample without replacement, in their order. */
    static double[][] sampleRows(double[][] x, int count, long seed) {
        int[] chosen = sampleIndices(x.length, count, seed);
        double[][] out = new double[count][];
        for (int i = 0; i < count; i++) {
            out[i] = x[chosen[i]];
        }
        return out;
    }

    /** {@code count} of 0..n-1, a seeded uniform sample without replacement (partial Fisher-Yates), ascending. */
    private static int[] sampleIndices(int n, int count, long seed) {
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        int[] index = new int[n];
        for (int i = 0; i < n; i++) {
            index[i] = i;
        }
        for (int i = 0; i < count; i++) {
            int j = i + random.nextInt(n - i);
            int t = index[i];
            index[i] = index[j];
            index[j] = t;
        }
        int[] chosen = Arrays.copyOf(index, count);
        Arrays.sort(chosen); // sorted reads memory in order; the order changes no value
        return chosen;
    }

    /** Distance of each row to the centroid of its k-means++ cluster (seeded, best of {@code starts} runs by SSE). */
    public static double[] kMeansDistance(double[][] x, int k, int starts, long seed) {
        return bestOfStarts(x, x, k, starts, seed);
    }

    /**
     * k-means++ fitted on {@code fitOn}, {@code starts} seeded runs, the one with the least SSE over {@code x} kept.
     * Fitted on x itself, a row is measured to the centroid of its own cluster; fitted on a sample, to the nearest.
     */
    private static double[] bestOfStarts(double[][] fitOn, double[][] x, int k, int starts, long seed) {
        List<DoublePoint> points = points(fitOn);
        int clusters = Math.max(1, Math.min(k, fitOn.length));
        EuclideanDistance distance = new EuclideanDistance();
        double[] best = null;
        double bestSse = Double.POSITIVE_INFINITY;
        for (int s = 0; s < starts; s++) {
            JDKRandomGenerator random = new JDKRandomGenerator();
            random.setSeed(seed + s);
            List<CentroidCluster<DoublePoint>> result =
                    new KMeansPlusPlusClusterer<DoublePoint>(clusters, 100, distance, random).cluster(points);
            double[] d = fitOn == x ? toOwnCentroid(x, points, result, distance) : toNearestCentroid(x, result, distance);
            double sse = 0;
            for (double v : d) {
                sse += v * v;
            }
            if (sse < bestSse) {
                bestSse = sse;
                best = d;
            }
        }
        return best;
    }

    private static double[] toOwnCentroid(double[][] x, List<DoublePoint> points, List<CentroidCluster<DoublePoint>> result,
                                          EuclideanDistance distance) {
        Map<DoublePoint, double[]> centreOf = new IdentityHashMap<>();
        for (CentroidCluster<DoublePoint> c : result) {
            for (DoublePoint p : c.getPoints()) {
                centreOf.put(p, c.getCenter().getPoint());
            }
        }
        double[] d = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            d[i] = distance.compute(x[i], centreOf.get(points.get(i)));
        }
        return d;
    }

    private static double[] toNearestCentroid(double[][] x, List<CentroidCluster<DoublePoint>> result, EuclideanDistance distance) {
        double[] d = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double nearest = Double.POSITIVE_INFINITY;
            for (CentroidCluster<DoublePoint> c : result) {
                nearest = Math.min(nearest, distance.compute(x[i], c.getCenter().getPoint()));
            }
            d[i] = nearest;
        }
        return d;
    }

    /** DBSCAN result: which rows are noise, and each row's distance to its minPts-th nearest neighbour. */
    public record Dbscan(boolean[] noise, double[] coreDistance, int clusters) {
    }

    /**
     * DBSCAN with radius {@code eps} and {@code minPts}; the core distance (distance to the minPts-th
     * nearest other row) grades the points, so that noise is also ranked among itself.
     */
    public static Dbscan dbscan(double[][] x, double eps, int minPts) {
        List<DoublePoint> points = points(x);
        List<Cluster<DoublePoint>> clusters = new DBSCANClusterer<DoublePoint>(eps, minPts).cluster(points);
        boolean[] noise = new boolean[x.length];
        Arrays.fill(noise, true);
        Map<DoublePoint, Integer> index = new IdentityHashMap<>();
        for (int i = 0; i < points.size(); i++) {
            index.put(points.get(i), i);
        }
        for (Cluster<DoublePoint> c : clusters) {
            for (DoublePoint p : c.getPoints()) {
                noise[index.get(p)] = false;
            }
        }
        double[] core = coreDistances(x, minPts);
        return new Dbscan(noise, core, clusters.size());
    }

    /**
     * Each row's distance to its minPts-th nearest other row (all pairs, O(n^2) time, O(n) memory: the
     * minPts smallest distances of a row are kept by insertion, no row is sorted).
     */
    public static double[] coreDistances(double[][] x, int minPts) {
        int[] all = new int[x.length];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        return coreDistances(x, minPts, all);
    }

    /**
     * {@link #coreDistances(double[][], int)} against a seeded sample of {@code reference} rows when the week
     * has more rows than that (exactly the all-pairs values otherwise): each row's distance to its minPts-th
     * nearest sampled row other than itself. Why: all pairs are n^2 distances, 121 million at 11,000 nodes,
     * most of the ensemble's time; a k-d tree does not help in the 15 feature dimensions (measured slower,
     * docs/analyses.md). A sampled core distance is never below the exact one (a subset's minPts-th nearest
     * is at least as far) and ranks rows far from everything the same way, which is what the detector is for.
     */
    public static double[] coreDistances(double[][] x, int minPts, int reference, long seed) {
        int n = x.length;
        if (reference <= 0 || n - 1 <= reference) {
            return coreDistances(x, minPts);
        }
        int[] sample = sampleIndices(n, reference, seed);
        return coreDistances(x, minPts, sample);
    }

    /**
     * Each row's minPts-th smallest distance to the reference rows other than itself. Squared distances are
     * compared and one square root taken at the end (the root is monotone, so the same value), and a
     * distance stops being summed once it exceeds the minPts-th smallest so far (it could not be kept).
     */
    private static double[] coreDistances(double[][] x, int minPts, int[] reference) {
        int n = x.length;
        double[] core = new double[n];
        int keep = Math.max(1, Math.min(minPts, reference.length - 1));
        double[] smallest = new double[keep];
        for (int i = 0; i < n; i++) {
            int m = 0;
            double[] a = x[i];
            for (int j : reference) {
                if (j == i) {
                    continue;
                }
                double d;
                if (m < keep) {
                    d = squaredDistance(a, x[j]);
                } else {
                    double bound = smallest[keep - 1];
                    double[] b = x[j];
                    d = 0;
                    for (int k = 0; k < a.length && d <= bound; k++) {
                        double diff = a[k] - b[k];
                        d += diff * diff;
                    }
                }
                m = keepSmallest(smallest, m, d);
            }
            core[i] = m == 0 ? 0 : Math.sqrt(smallest[m - 1]);
        }
        return core;
    }

    /**
     * Inserts {@code d} into the ascending {@code smallest[0..m)} when it is among the array's length smallest
     * seen; returns the new count.
     */
    private static int keepSmallest(double[] smallest, int m, double d) {
        int p;
        if (m < smallest.length) {
            p = m++;
        } else if (d < smallest[smallest.length - 1]) {
            p = smallest.length - 1;
        } else {
            return m;
        }
        while (p > 0 && smallest[p - 1] > d) {
            smallest[p] = smallest[p - 1];
            p--;
        }
        smallest[p] = d;
        return m;
    }

    /** The all-pairs core distances as first written, the reference of the tests. */
    static double[] coreDistancesAllPairs(double[][] x, int minPts) {
        int n = x.length;
        double[] core = new double[n];
        int keep = Math.max(1, Math.min(minPts, n - 1));
        double[] smallest = new double[keep];
        for (int i = 0; i < n; i++) {
            int m = 0;
            for (int j = 0; j < n; j++) {
                if (j == i) {
                    continue;
                }
                double d = Math.sqrt(squaredDistance(x[i], x[j]));
                m = keepSmallest(smallest, m, d);
            }
            core[i] = m == 0 ? 0 : smallest[m - 1];
        }
        return core;
    }

    /**
     * DBSCAN's noise set without building clusters, from the core distances: a row is a core point when
     * at least minPts other rows lie within eps (core distance <= eps, Commons Math's count, which leaves
     * the point itself out); noise is a non-core row within eps of no core row. Same set as
     * {@link #dbscan}'s, in flat arrays and a k-d tree of the core rows, for weeks of thousands of nodes.
     */
    public static boolean[] dbscanNoise(double[][] x, double[] coreDistances, double eps) {
        int n = x.length;
        boolean[] noise = new boolean[n];
        double eps2 = eps * eps;
        // Only core rows can reach a row: a k-d tree over them answers "any core row within eps?".
        int cores = 0;
        for (int i = 0; i < n; i++) {
            cores += coreDistances[i] <= eps ? 1 : 0;
        }
        int[] coreRows = new int[cores];
        for (int i = 0, c = 0; i < n; i++) {
            if (coreDistances[i] <= eps) {
                coreRows[c++] = i;
            }
        }
        KdTree tree = new KdTree(x, coreRows);
        for (int i = 0; i < n; i++) {
            noise[i] = coreDistances[i] > eps && !tree.anyWithin(i, eps2);
        }
        return noise;
    }

    /** Squared Euclidean distance: what every neighbour search here compares (the root is monotone). */
    public static double squaredDistance(double[] a, double[] b) {
        double s = 0;
        for (int k = 0; k < a.length; k++) {
            double d = a[k] - b[k];
            s += d * d;
        }
        return s;
    }

    private static List<DoublePoint> points(double[][] x) {
        List<DoublePoint> points = new ArrayList<>(x.length);
        for (double[] row : x) {
            points.add(new DoublePoint(row));
        }
        return points;
    }
}
