package io.dexposure.analytics.embedding;

import io.dexposure.analytics.anomaly.PcaReconstruction;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class EmbeddingMapTest {
    private static final int CLUSTERS = 4;
    private static final int PER_CLUSTER = 50;
    private static final int DIMENSIONS = 10;

    /** Four Gaussian blobs (sd 1) whose centres lie 12 apart on different axes, 50 points each; label = i / 50. */
    private static double[][] planted(long seed) {
        Random r = new Random(seed);
        double[][] x = new double[CLUSTERS * PER_CLUSTER][DIMENSIONS];
        for (int i = 0; i < x.length; i++) {
            int label = i / PER_CLUSTER;
            for (int d = 0; d < DIMENSIONS; d++) {
                x[i][d] = r.nextGaussian() + (d == label ? 12 : 0);
            }
        }
        return x;
    }

    private static List<String> ids(int n) {
        return IntStream.range(0, n).mapToObj(i -> "n" + i).toList();
    }

    @Test
    void tsneKeepsPlantedClustersApartAndDbscanFindsThem() {
        double[][] x = planted(3);
        EmbeddingMap.Result map = EmbeddingMap.of("2022-05-09", ids(x.length), x, EmbeddingMap.Settings.defaults().withEpsQuantile(0.9));
        assertThat(map.method()).isEqualTo(EmbeddingMap.Method.TSNE);
        // Neighbourhoods survive: trustworthiness near 1 (a random map scores about 0.5).
        double trust = Trustworthiness.of(x, map.xy(), 5);
        assertThat(trust).isGreaterThan(0.9);
        // Every point's nearest map neighbour comes from its own blob.
        int sameLabel = 0;
        for (int i = 0; i < x.length; i++) {
            int nearest = -1;
            double best = Double.POSITIVE_INFINITY;
            for (int j = 0; j < x.length; j++) {
                double dx = map.xy()[i][0] - map.xy()[j][0];
                double dy = map.xy()[i][1] - map.xy()[j][1];
                if (j != i && dx * dx + dy * dy < best) {
                    best = dx * dx + dy * dy;
                    nearest = j;
                }
            }
            sameLabel += nearest / PER_CLUSTER == i / PER_CLUSTER ? 1 : 0;
        }
        assertThat(sameLabel).isEqualTo(x.length);
        // Separation: the closest pair across blobs is farther apart than the typical within-blob distance.
        double[] centre = new double[CLUSTERS * 2];
        for (int i = 0; i < x.length; i++) {
            centre[2 * (i / PER_CLUSTER)] += map.xy()[i][0] / PER_CLUSTER;
            centre[2 * (i / PER_CLUSTER) + 1] += map.xy()[i][1] / PER_CLUSTER;
        }
        double meanSpread = 0;
        for (int i = 0; i < x.length; i++) {
            int c = i / PER_CLUSTER;
            meanSpread += Math.hypot(map.xy()[i][0] - centre[2 * c], map.xy()[i][1] - centre[2 * c + 1]) / x.length;
        }
        double closestCross = Double.POSITIVE_INFINITY;
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < x.length; j++) {
                if (i / PER_CLUSTER != j / PER_CLUSTER) {
                    closestCross = Math.min(closestCross, Math.hypot(map.xy()[i][0] - map.xy()[j][0], map.xy()[i][1] - map.xy()[j][1]));
                }
            }
        }
        assertThat(closestCross).isGreaterThan(meanSpread);
        // DBSCAN on the map: one pure cluster per blob, few points left as noise.
        assertThat(map.clusters()).isEqualTo(CLUSTERS);
        Map<Integer, Set<Integer>> labelsOfCluster = new HashMap<>();
        for (int i = 0; i < x.length; i++) {
            if (map.cluster()[i] >= 0) {
                labelsOfCluster.computeIfAbsent(map.cluster()[i], c -> new HashSet<>()).add(i / PER_CLUSTER);
            }
        }
        assertThat(labelsOfCluster.values()).allSatisfy(labels -> assertThat(labels).hasSize(1));
        assertThat(map.noise()).isLessThanOrEqualTo(x.length / 10);
        // (The radius above is the ensemble's 90th percentile; the map's default, a smaller one, may split a blob but
        // must not merge two.)
        EmbeddingMap.Result byDefault = EmbeddingMap.of("2022-05-09", ids(x.length), x, EmbeddingMap.Settings.defaults());
        assertThat(byDefault.xy()).isDeepEqualTo(map.xy());
        Map<Integer, Set<Integer>> labels = new HashMap<>();
        for (int i = 0; i < x.length; i++) {
            if (byDefault.cluster()[i] >= 0) {
                labels.computeIfAbsent(byDefault.cluster()[i], c -> new HashSet<>()).add(i / PER_CLUSTER);
            }
        }
        assertThat(labels.values()).allSatisfy(l -> assertThat(l).hasSize(1));
        assertThat(byDefault.clusters()).isGreaterThanOrEqualTo(CLUSTERS);
    }

    @Test
    void sameSeedSameMapOtherSeedOtherMap() {
        double[][] x = planted(5);
        EmbeddingMap.Settings s = new EmbeddingMap.Settings(20, 400, 0, 1000, 1000, 0.5, 5, 0, 0.5, 10, 17);
        EmbeddingMap.Result a = EmbeddingMap.of("w", ids(x.length), x, s);
        EmbeddingMap.Result b = EmbeddingMap.of("w", ids(x.length), x, s);
        EmbeddingMap.Result c = EmbeddingMap.of("w", ids(x.length), x, s.withSeed(18));
        assertThat(b.xy()).isDeepEqualTo(a.xy());
        assertThat(b.cluster()).isEqualTo(a.cluster());
        assertThat(c.xy()[0][0]).isNotEqualTo(a.xy()[0][0]);
    }

    @Test
    void aboveTheThresholdTheWeekIsProjectedByPca() {
        double[][] x = planted(7);
        EmbeddingMap.Result map = EmbeddingMap.of("w", ids(x.length), x,
                EmbeddingMap.Settings.defaults().withMaxExactNodes(x.length - 1).withMaxBarnesHutNodes(x.length - 1));
        assertThat(map.method()).isEqualTo(EmbeddingMap.Method.PCA);
        // An orthogonal projection on the first two principal axes: what it keeps of each centred row plus what
        // PCA(2) fails to reconstruct (PcaReconstruction, checked against scikit-learn) is the row's whole length.
        double[] error = PcaReconstruction.errors(x, 2);
        double[] mean = new double[DIMENSIONS];
        for (double[] row : x) {
            for (int d = 0; d < DIMENSIONS; d++) {
                mean[d] += row[d] / x.length;
            }
        }
        double varianceX = 0;
        double varianceY = 0;
        for (int i = 0; i < x.length; i++) {
            double total = 0;
            for (int d = 0; d < DIMENSIONS; d++) {
                total += (x[i][d] - mean[d]) * (x[i][d] - mean[d]);
            }
            double kept = map.xy()[i][0] * map.xy()[i][0] + map.xy()[i][1] * map.xy()[i][1];
            assertThat(kept + error[i]).isCloseTo(total, org.assertj.core.data.Offset.offset(1e-8 * total + 1e-9));
            varianceX += map.xy()[i][0] * map.xy()[i][0];
            varianceY += map.xy()[i][1] * map.xy()[i][1];
        }
        assertThat(varianceX).isGreaterThanOrEqualTo(varianceY);
        // Deterministic, signs fixed.
        assertThat(EmbeddingMap.of("w", ids(x.length), x, EmbeddingMap.Settings.defaults().withMaxExactNodes(10).withMaxBarnesHutNodes(10)).xy())
                .isDeepEqualTo(map.xy());
        assertThat(map.clusters()).isGreaterThan(0);
    }

    @Test
    void betweenTheThresholdsTheWeekGetsBarnesHutTsneAndItsClusters() {
        double[][] x = planted(3);
        EmbeddingMap.Settings s = EmbeddingMap.Settings.defaults().withMaxExactNodes(x.length - 1).withEpsQuantile(0.9);
        assertThat(s.methodFor(x.length - 1)).isEqualTo(EmbeddingMap.Method.TSNE);
        assertThat(s.methodFor(s.maxBarnesHutNodes() + 1)).isEqualTo(EmbeddingMap.Method.PCA);
        EmbeddingMap.Result map = EmbeddingMap.of("w", ids(x.length), x, EmbeddingMap.Input.ROLAND, s);
        assertThat(map.method()).isEqualTo(EmbeddingMap.Method.BARNES_HUT);
        assertThat(map.input()).isEqualTo(EmbeddingMap.Input.ROLAND);
        assertThat(map.xy()).isDeepEqualTo(BarnesHutTsne.embed(x, s.perplexity(), s.iterations(), s.learningRate(), s.theta(), s.seed()));
        assertThat(Trustworthiness.of(x, map.xy(), 5)).isGreaterThan(0.9);
        // DBSCAN finds the four blobs, each cluster pure.
        assertThat(map.clusters()).isEqualTo(CLUSTERS);
        Map<Integer, Set<Integer>> labels = new HashMap<>();
        for (int i = 0; i < x.length; i++) {
            if (map.cluster()[i] >= 0) {
                labels.computeIfAbsent(map.cluster()[i], c -> new HashSet<>()).add(i / PER_CLUSTER);
            }
        }
        assertThat(labels.values()).allSatisfy(l -> assertThat(l).hasSize(1));
        assertThat(map.noise()).isLessThanOrEqualTo(x.length / 10);
    }

    @Test
    void aRandomMapIsNotTrustworthy() {
        double[][] x = planted(9);
        Random r = new Random(1);
        double[][] random = new double[x.length][2];
        for (double[] row : random) {
            row[0] = r.nextDouble();
            row[1] = r.nextDouble();
        }
        assertThat(Trustworthiness.of(x, random, 5)).isLessThan(0.7);
        assertThat(Trustworthiness.of(x, x, 5)).isEqualTo(1.0);
    }

    @Test
    void idsMustMatchRows() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> EmbeddingMap.of("w", new ArrayList<>(List.of("a")), planted(1),
                EmbeddingMap.Settings.defaults())).hasMessageContaining("1 ids for 200 rows");
    }
}
