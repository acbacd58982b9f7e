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
 * A week's protocols on a 2-D map, as the seed's t-SNE notebook draws them: the anomaly detectors'
 * features ({@link ProtocolFeatures}, this week and last), robustly standardised ({@link RobustScaler},
 * clipped as the ensemble clips), or ROLAND's node embeddings (given as rows, see {@link Input}), embedded by
 * exact {@link Tsne} when the week has at most {@code maxExactNodes} nodes, by {@link BarnesHutTsne} up to
 * {@code maxBarnesHutNodes}, else projected on the first two principal axes ({@link PcaProjection}), because
 * exact t-SNE costs O(n^2) per iteration and Barnes-Hut O(n log n) with a large constant (see docs/analyses.md
 * for the measured times), and then clustered by DBSCAN on the map (Commons Math, the clusterer
 * {@link ClusterScores#dbscan} uses, its radius a quantile of the points' core distances as in the ensemble, the
 * 70th percentile rather than the 90th).
 */
public final class EmbeddingMap {
    /** How the coordinates were made. */
    public enum Method {
        TSNE("exact t-SNE", "t-SNE"),
        BARNES_HUT("Barnes-Hut t-SNE", "t-SNE"),
        PCA("PCA", "PC");

        private final String label;
        private final String axis;

        Method(String label, String axis) {
            this.label = label;
            this.axis = axis;
        }

        /** For titles: "exact t-SNE", "Barnes-Hut t-SNE", "PCA". */
        public String label() {
            return label;
        }

        /** The axis name before its number: "t-SNE" or "PC". */
        public String axis() {
            return axis;
        }
    }

    /** What the rows embedded are. */
    public enum Input {
        /** The anomaly features ({@link ProtocolFeatures}), robust z-scores ({@link #ofWeek}). */
        FEATURES("anomaly features"),
        /** ROLAND's last-layer node states after the week (its link decoder's input), as they are. */
        ROLAND("ROLAND embeddings");

        private final String label;

        Input(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /**
     * @param perplexity    t-SNE perplexity (default 30; capped at (n - 1) / 3)
     * @param iterations    t-SNE gradient steps (default 1000)
     * @param learningRate  t-SNE step; 0 = max(n / 12, 50) (default 0)
     * @param maxExactNodes weeks with more nodes are drawn by Barnes-Hut t-SNE or PCA instead (default 1000: exact
     *                      t-SNE and DBSCAN took 15 s at 1,000 nodes and 46 s at 2,000 on the shared 2-core machine at
     *                      load 20, quadratic in n; docs/analyses.md)
     * @param maxBarnesHutNodes weeks with more nodes (and more than maxExactNodes) are drawn by PCA instead (default
     *                      5000: Barnes-Hut t-SNE and DBSCAN took 19 s at 5,000 synthetic 15-feature nodes and 57 s at
     *                      11,000 on the shared 2-core machine at load 4; EmbeddingCostsTest, docs/analyses.md)
     * @param theta         Barnes-Hut accuracy (default 0.5; 0 = exact repulsion)
     * @param minPts        DBSCAN minimum points (default 5, as the ensemble)
     * @param eps           DBSCAN radius on the map; 0 = the {@code epsQuantile} quantile of the map's core distances (default 0)
     * @param epsQuantile   quantile of the core distances taken as the radius when eps is 0 (default 0.7: on the sample's
     *                      Terra week 0.9, the ensemble's, chains the map's groups into one cluster of 192 of 221 nodes,
     *                      0.5 leaves 52 nodes as noise, 0.7 gives 11 clusters and 23 noise)
     * @param clip          robust z-scores clipped to +-clip before embedding (default 10, as the ensemble)
     * @param seed          t-SNE start (default 17)
     */
    public record Settings(double perplexity, int iterations, double learningRate, int maxExactNodes,
                           int maxBarnesHutNodes, double theta, int minPts, double eps, double epsQuantile, double clip,
                           long seed) {
        public static Settings defaults() {
            return new Settings(30, 1000, 0, 1000, MAX_BARNES_HUT_DEFAULT, BarnesHutTsne.DEFAULT_THETA, 5, 0, 0.7, 10, 17);
        }

        public Settings withMaxExactNodes(int nodes) {
            return new Settings(perplexity, iterations, learningRate, nodes, maxBarnesHutNodes, theta, minPts, eps, epsQuantile, clip, seed);
        }

        public Settings withMaxBarnesHutNodes(int nodes) {
            return new Settings(perplexity, iterations, learningRate, maxExactNodes, nodes, theta, minPts, eps, epsQuantile, clip, seed);
        }

        public Settings withTheta(double t) {
            return new Settings(perplexity, iterations, learningRate, maxExactNodes, maxBarnesHutNodes, t, minPts, eps, epsQuantile, clip, seed);
        }

        public Settings withIterations(int steps) {
            return new Settings(perplexity, steps, learningRate, maxExactNodes, maxBarnesHutNodes, theta, minPts, eps, epsQuantile, clip, seed);
        }

        public Settings withSeed(long s) {
            return new Settings(perplexity, iterations, learningRate, maxExactNodes, maxBarnesHutNodes, theta, minPts, eps, epsQuantile, clip, s);
        }

        public Settings withEpsQuantile(double q) {
            return new Settings(perplexity, iterations, learningRate, maxExactNodes, maxBarnesHutNodes, theta, minPts, eps, q, clip, seed);
        }

        /** The method a week of n nodes gets. */
        public Method methodFor(int n) {
            return n <= maxExactNodes ? Method.TSNE : n <= maxBarnesHutNodes ? Method.BARNES_HUT : Method.PCA;
        }
    }

    /** Default of {@link Settings#maxBarnesHutNodes}: see docs/analyses.md for the measurement behind it. */
    public static final int MAX_BARNES_HUT_DEFAULT = 5_000;

    /**
     * The map of one week.
     *
     * @param cluster  per node, its DBSCAN cluster (0 = largest) or -1 for noise
     * @param input    what was embedded
     * @param eps      the DBSCAN radius used (map units)
     * @param millis   time to embed and cluster
     */
    public record Result(String week, List<String> ids, double[][] xy, int[] cluster, int clusters, Method method,
                         Input input, double eps, long millis) {
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
        return of(features.week(), ids, RobustScaler.scale(features.rows(), s.clip()), Input.FEATURES, s);
    }

    /** The map of already scaled feature rows. */
    public static Result of(String week, List<String> ids, double[][] scaled, Settings s) {
        return of(week, ids, scaled, Input.FEATURES, s);
    }

    /** The map of rows (scaled features, or embeddings) of the given kind. */
    public static Result of(String week, List<String> ids, double[][] scaled, Input input, Settings s) {
        if (ids.size() != scaled.length) {
            throw new IllegalArgumentException("embedding map: " + ids.size() + " ids for " + scaled.length + " rows");
        }
        long t0 = System.nanoTime();
        int n = scaled.length;
        Method method = s.methodFor(n);
        double[][] xy = switch (method) {
            case TSNE -> Tsne.embed(scaled, s.perplexity(), s.iterations(), s.learningRate(), s.seed());
            case BARNES_HUT -> BarnesHutTsne.embed(scaled, s.perplexity(), s.iterations(), s.learningRate(), s.theta(), s.seed());
            case PCA -> PcaProjection.project(scaled);
        };
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
        return new Result(week, List.copyOf(ids), xy, cluster, clusters, method, input, eps, (System.nanoTime() - t0) / 1_000_000);
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
