package io.dexposure.analytics.anomaly;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The week's anomaly detectors on robustly standardised features, and one ensemble score: the mean of
 * each detector's rank (1 = most anomalous of the week, ties averaged) turned into a percentile, so
 * detectors on different scales count alike. Every knob is a field of {@link Settings} with its default.
 */
public final class AnomalyEnsemble {
    public static final List<String> DETECTORS = List.of("isolation_forest", "kmeans_distance", "dbscan_core_distance",
            "pca_error");

    /**
     * @param trees        Isolation Forest trees (default 200)
     * @param maxSamples   Isolation Forest subsample per tree (default 256)
     * @param clusters     k-means clusters (default 5)
     * @param kMeansStarts k-means++ restarts, best by SSE (default 3)
     * @param minPts       DBSCAN minimum points (default 5)
     * @param eps          DBSCAN radius; 0 = the 90th percentile of the week's core distances (default 0)
     * @param components   PCA components kept (default 3)
     * @param clip         robust z-scores clipped to +-clip (default 10)
     * @param seed         seed for the forest, k-means and the DBSCAN reference sample (default 17)
     * @param dbscanReference rows the DBSCAN core distances are measured against, a seeded sample when the
     *                     week has more (default 1000; 0 = all pairs): exact on weeks up to that size
     * @param kMeansSample rows k-means is fitted on, a seeded sample when the week has more, every row then measured
     *                     to its nearest centroid (default 2000; 0 = all): exact on weeks up to that size, and a
     *                     real-scale week's k-means costs a fifth (docs/analyses.md)
     * @param materialUsd  {@link WeeklyAnomalies} scores only the nodes whose TVL, in- or out-strength reached this
     *                     many USD this week or last (default 100,000; 0 = every node; all of them when fewer than 3
     *                     are): more than half of a real-scale week's nodes are below it, and their swings, 90 % of
     *                     almost nothing, are no analyst's anomaly, while they cost half the ensemble's time
     */
    public record Settings(int trees, int maxSamples, int clusters, int kMeansStarts, int minPts, double eps,
                           int components, double clip, long seed, int dbscanReference, int kMeansSample, double materialUsd) {
        public static final int DBSCAN_REFERENCE = 1000;
        public static final int KMEANS_SAMPLE = 2000;
        public static final double MATERIAL_USD = 100_000;

        public Settings(int trees, int maxSamples, int clusters, int kMeansStarts, int minPts, double eps,
                        int components, double clip, long seed) {
            this(trees, maxSamples, clusters, kMeansStarts, minPts, eps, components, clip, seed, DBSCAN_REFERENCE, KMEANS_SAMPLE,
                    MATERIAL_USD);
        }

        public Settings(int trees, int maxSamples, int clusters, int kMeansStarts, int minPts, double eps,
                        int components, double clip, long seed, int dbscanReference) {
            this(trees, maxSamples, clusters, kMeansStarts, minPts, eps, components, clip, seed, dbscanReference, KMEANS_SAMPLE,
                    MATERIAL_USD);
        }

        public static Settings defaults() {
            return new Settings(200, 256, 5, 3, 5, 0, 3, 10, 17, DBSCAN_REFERENCE, KMEANS_SAMPLE, MATERIAL_USD);
        }

        public Settings withSeed(long s) {
            return new Settings(trees, maxSamples, clusters, kMeansStarts, minPts, eps, components, clip, s, dbscanReference,
                    kMeansSample, materialUsd);
        }

        public Settings withMaterialUsd(double usd) {
            return new Settings(trees, maxSamples, clusters, kMeansStarts, minPts, eps, components, clip, seed, dbscanReference,
                    kMeansSample, usd);
        }
    }

    /**
     * One node's scores.
     *
     * @param scores   per detector, in {@link #DETECTORS} order, each higher = more anomalous
     * @param ensemble 1 - mean rank percentile: 1 = first for every detector
     * @param dbscanNoise whether DBSCAN left it outside every cluster
     * @param z        the node's robust z-scores, in {@code featureNames} order
     */
    public record Scored(int row, String id, double[] scores, double ensemble, boolean dbscanNoise, double[] z,
                         List<String> featureNames) {
        /**
         * The features with the largest |robust z|, largest first, as "name=z". Worked out when asked: only the
         * week's top N are, and formatting them for all 11,000 nodes of a real-scale week cost a tenth of the ensemble.
         */
        public List<String> drivers() {
            return AnomalyEnsemble.drivers(z, featureNames, 3);
        }
    }

    private AnomalyEnsemble() {
    }

    /** With the autoencoder, its score is the fifth of each row's scores. */
    public static final String AUTOENCODER = "autoencoder";

    /** Every row scored, most anomalous first. */
    public static List<Scored> score(double[][] features, List<String> ids, List<String> featureNames, Settings s) {
        return score(features, ids, featureNames, s, null);
    }

    /**
     * As {@link #score(double[][], List, List, Settings)}, with the autoencoder as a fifth detector when it is given:
     * it scores the same robust z-scores and its rank counts like the others' ({@link #AUTOENCODER}).
     */
    public static List<Scored> score(double[][] features, List<String> ids, List<String> featureNames, Settings s,
                                     Autoencoder autoencoder) {
        return score(features, null, ids, featureNames, s, autoencoder);
    }

    /**
     * As {@link #score(double[][], List, List, Settings, Autoencoder)}, with the spread each column is
     * standardised by given where spreads[j] is positive ({@link RobustScaler#scale(double[][], double, double[])}).
     */
    public static List<Scored> score(double[][] features, double[] spreads, List<String> ids, List<String> featureNames,
                                     Settings s, Autoencoder autoencoder) {
        int n = features.length;
        if (n < 3) {
            throw new IllegalArgumentException("anomaly ensemble: " + n + " rows, need at least 3");
        }
        double[][] z = RobustScaler.scale(features, s.clip(), spreads);
        double[][] detector = new double[DETECTORS.size() + (autoencoder == null ? 0 : 1)][];
        if (autoencoder != null) {
            detector[DETECTORS.size()] = autoencoder.next(z);
        }
        detector[0] = IsolationForest.fit(z, s.trees(), s.maxSamples(), s.seed()).scores(z);
        detector[1] = ClusterScores.kMeansDistance(z, s.clusters(), s.kMeansStarts(), s.seed(), s.kMeansSample());
        double[] core = ClusterScores.coreDistances(z, s.minPts(), s.dbscanReference(), s.seed());
        double eps = s.eps();
        if (!(eps > 0)) {
            double[] sorted = core.clone();
            Arrays.sort(sorted);
            eps = Math.max(1e-9, sorted[(int) Math.floor(0.9 * (n - 1))]);
        }
        boolean[] noise = ClusterScores.dbscanNoise(z, core, eps);
        detector[2] = core;
        detector[3] = PcaReconstruction.errors(z, s.components());
        double[] meanPercentile = new double[n];
        for (double[] d : detector) {
            double[] rank = descendingRanks(d);
            for (int i = 0; i < n; i++) {
                meanPercentile[i] += (rank[i] - 1) / (n - 1) / detector.length;
            }
        }
        List<Scored> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            double[] scores = new double[detector.length];
            for (int k = 0; k < detector.length; k++) {
                scores[k] = detector[k][i];
            }
            out.add(new Scored(i, ids.get(i), scores, 1 - meanPercentile[i], noise[i], z[i], featureNames));
        }
        out.sort(Comparator.comparingDouble(Scored::ensemble).reversed().thenComparing(Scored::id));
        return out;
    }

    /** Rank 1 = largest value; ties get their average rank. */
    static double[] descendingRanks(double[] v) {
        int n = v.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(v[b], v[a]));
        double[] rank = new double[n];
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && v[order[j + 1]] == v[order[i]]) {
                j++;
            }
            double r = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                rank[order[k]] = r;
            }
            i = j + 1;
        }
        return rank;
    }

    private static List<String> drivers(double[] z, List<String> names, int count) {
        Integer[] order = new Integer[z.length];
        for (int i = 0; i < z.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(Math.abs(z[b]), Math.abs(z[a])));
        List<String> out = new ArrayList<>();
        for (int k = 0; k < Math.min(count, z.length); k++) {
            if (z[order[k]] != 0) {
                out.add(String.format(java.util.Locale.US, "%s=%+.1f", names.get(order[k]), z[order[k]]));
            }
        }
        return out;
    }
}
