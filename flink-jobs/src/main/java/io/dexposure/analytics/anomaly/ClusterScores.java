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

    /** Distance of each row to the centroid of its k-means++ cluster (seeded, best of {@code starts} runs by SSE). */
    public static double[] kMeansDistance(double[][] x, int k, int starts, long seed) {
        List<DoublePoint> points = points(x);
        int clusters = Math.max(1, Math.min(k, x.length));
        EuclideanDistance distance = new EuclideanDistance();
        double[] best = null;
        double bestSse = Double.POSITIVE_INFINITY;
        for (int s = 0; s < starts; s++) {
            JDKRandomGenerator random = new JDKRandomGenerator();
            random.setSeed(seed + s);
            List<CentroidCluster<DoublePoint>> result =
                    new KMeansPlusPlusClusterer<DoublePoint>(clusters, 100, distance, random).cluster(points);
            Map<DoublePoint, double[]> centreOf = new IdentityHashMap<>();
            for (CentroidCluster<DoublePoint> c : result) {
                for (DoublePoint p : c.getPoints()) {
                    centreOf.put(p, c.getCenter().getPoint());
                }
            }
            double[] d = new double[x.length];
            double sse = 0;
            for (int i = 0; i < x.length; i++) {
                d[i] = distance.compute(x[i], centreOf.get(points.get(i)));
                sse += d[i] * d[i];
            }
            if (sse < bestSse) {
                bestSse = sse;
                best = d;
            }
        }
        return best;
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

    /** Each row's distance to its minPts-th nearest other row (all pairs: O(n^2)). */
    public static double[] coreDistances(double[][] x, int minPts) {
        double[] core = new double[x.length];
        double[] row = new double[x.length];
        EuclideanDistance distance = new EuclideanDistance();
        for (int i = 0; i < x.length; i++) {
            int m = 0;
            for (int j = 0; j < x.length; j++) {
                if (j != i) {
                    row[m++] = distance.compute(x[i], x[j]);
                }
            }
            Arrays.sort(row, 0, m);
            core[i] = m == 0 ? 0 : row[Math.min(minPts, m) - 1];
        }
        return core;
    }

    private static List<DoublePoint> points(double[][] x) {
        List<DoublePoint> points = new ArrayList<>(x.length);
        for (double[] row : x) {
            points.add(new DoublePoint(row));
        }
        return points;
    }
}
