package io.dexposure.analytics.embedding;

import io.dexposure.analytics.anomaly.ClusterScores;
import io.dexposure.analytics.anomaly.ProtocolFeatures;
import io.dexposure.analytics.anomaly.RobustScaler;
import io.dexposure.analytics.metrics.ProtocolMetrics;
import org.apache.commons.math3.ml.clustering.Cluster;
import org.apache.commons.math3.ml.clustering.DBSCANClusterer;
import org.apache.commons.math3.ml.clustering.DoublePoint;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * A week's protocols on a 2-D map, as the seed's t-SNE notebook draws them: the anomaly detectors' 15
 * features ({@link ProtocolFeatures}, this week and last), robustly standardised ({@link RobustScaler},
 * clipped as the ensemble clips), embedded by exact {@link Tsne} when the week has at most
 * {@code maxExactNodes} nodes, else projected on the first two principal axes ({@link PcaProjection}),
 * because exact t-SNE costs O(n^2) per iteration (see docs/analyses.md for the measured times), and then
 * clustered by DBSCAN on the map (Commons Math, the clusterer {@link ClusterScores#dbscan} uses, its radius a
 * quantile of the points' core distances as in the ensemble, the 70th percentile rather than the 90th).
 */
public final class EmbeddingMap {
    /** How the coordinates were made. */
    public enum Method { TSNE, PCA }

    /**
     * @param perplexity    t-SNE perplexity (default 30; capped at (n - 1) / 3)
     * @param iterations    t-SNE gradient steps (default 1000)
     * @param learningRate  t-SNE step; 0 = max(n / 12, 50) (default 0)
     * @param maxExactNodes weeks with more nodes are drawn by PCA instead (default 1000: exact t-SNE and DBSCAN took
     *                      15 s at 1,000 nodes and 46 s at 2,000 on the shared 2-core machine at load 20, quadratic in
     *                      n; docs/analyses.md)
     * @param minPts        DBSCAN minimum points (default 5, as the ensemble)
     * @param eps           DBSCAN radius on the map; 0 = the {@code epsQuantile} quantile of the map's core distances (default 0)
     * @param epsQuantile   quantile of the core distances taken as the radius when eps is 0 (default 0.7: on the sample's
     *                      Terra week 0.9, the ensemble's, chains the map's groups into one cluster of 192 of 221 nodes,
     *                      0.5 leaves 52 nodes as noise, 0.7 gives 11 clusters and 23 noise)
     * @param clip          robust z-scores clipped to +-clip before embedding (default 10, as the ensemble)
     * @param seed          t-SNE start (default 17)
     */
    public record Settings(double perplexity, int iterations, double learningRate, int maxExactNodes, int minPts,
                           double eps, double epsQuantile, double clip, long seed) {
        public static Settings defaults() {
            return new Settings(30, 1000, 0, 1000, 5, 0, 0.7, 10, 17);
        }

        public Settings withMaxExactNodes(int nodes) {
            return new Settings(perplexity, iterations, learningRate, nodes, minPts, eps, epsQuantile, clip, seed);
        }

        public Settings withSeed(long s) {
            return new Settings(perplexity, iterations, learningRate, maxExactNodes, minPts, eps, epsQuantile, clip, s);
        }

        public Settings withEpsQuantile(double q) {
            return new Settings(perplexity, iterations, learningRate, maxExactNodes, minPts, eps, q, clip, seed);
        }
    }

    /**
     * The map of one week.
     *
     * @param cluster  per node, its DBSCAN cluster (0 = largest) or -1 for noise
     * @param eps      the DBSCAN radius used (map units)
     * @param millis   time to embed and cluster
     */
    public record Result(String week, List<String> ids, double[][] xy, int[] cluster, int clusters, Method method,
                         double eps, long millis) {
        public int size() {
            return ids.size();
        }

        public int noise() {
            return (int) Arrays.stream(cluster).filter(c -> c < 0).count();
        }
    }

    private EmbeddingMap() {
    }

    /** The week's map from its per-node metrics and last week's (null for the first week: changes are 0). */
    public static Result ofWeek(List<ProtocolMetrics> current, List<ProtocolMetrics> previous, Settings s) {
        ProtocolFeatures.Week features = ProtocolFeatures.of(current, previous);
        List<String> ids = features.metrics().stream().map(m -> m.node).toList();
        return of(features.week(), ids, RobustScaler.scale(features.rows(), s.clip()), s);
    }

    /** The map of already scaled rows. */
    public static Result of(String week, List<String> ids, double[][] scaled, Settings s) {
        if (ids.size() != scaled.length) {
            throw new IllegalArgumentException("embedding map: " + ids.size() + " ids for " + scaled.length + " rows");
        }
        long t0 = System.nanoTime();
        int n = scaled.length;
        Method method = n <= s.maxExactNodes() ? Method.TSNE : Method.PCA;
        double[][] xy = method == Method.TSNE
                ? Tsne.embed(scaled, s.perplexity(), s.iterations(), s.learningRate(), s.seed())
                : PcaProjection.project(scaled);
        int[] cluster = new int[n];
        Arrays.fill(cluster, -1);
        double eps = s.eps();
        int clusters = 0;
        if (n > s.minPts()) {
            if (!(eps > 0)) {
                double[] core = ClusterScores.coreDistances(xy, s.minPts());
                Arrays.sort(core);
                eps = Math.max(1e-9, core[(int) Math.floor(s.epsQuantile() * (n - 1))]);
            }
            clusters = dbscan(xy, eps, s.minPts(), cluster);
        }
        return new Result(week, List.copyOf(ids), xy, cluster, clusters, method, eps, (System.nanoTime() - t0) / 1_000_000);
    }

    /** Fills cluster[] (largest cluster 0, ties by first member) and returns the number of clusters. */
    private static int dbscan(double[][] xy, double eps, int minPts, int[] cluster) {
        List<DoublePoint> points = new ArrayList<>(xy.length);
        Map<DoublePoint, Integer> index = new IdentityHashMap<>();
        for (int i = 0; i < xy.length; i++) {
            DoublePoint p = new DoublePoint(xy[i]);
            points.add(p);
            index.put(p, i);
        }
        List<Cluster<DoublePoint>> found = new ArrayList<>(new DBSCANClusterer<DoublePoint>(eps, minPts).cluster(points));
        List<int[]> members = new ArrayList<>();
        for (Cluster<DoublePoint> c : found) {
            members.add(c.getPoints().stream().mapToInt(index::get).sorted().toArray());
        }
        members.sort((a, b) -> a.length != b.length ? Integer.compare(b.length, a.length) : Integer.compare(a[0], b[0]));
        for (int c = 0; c < members.size(); c++) {
            for (int i : members.get(c)) {
                cluster[i] = c;
            }
        }
        return members.size();
    }
}
