package io.dexposure.analytics.embedding;

import io.dexposure.analytics.anomaly.ClusterScores;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class BarnesHutTsneTest {
    private static final int CLUSTERS = 4;
    private static final int PER_CLUSTER = 60;
    private static final int DIMENSIONS = 10;

    /** Gaussian blobs (sd 1, at most 10) whose centres lie 12 apart on different axes; label = i / perCluster. */
    static double[][] planted(long seed, int clusters, int perCluster) {
        Random r = new Random(seed);
        double[][] x = new double[clusters * perCluster][DIMENSIONS];
        for (int i = 0; i < x.length; i++) {
            int label = i / perCluster;
            for (int d = 0; d < DIMENSIONS; d++) {
                x[i][d] = r.nextGaussian() + (d == label ? 12 : 0);
            }
        }
        return x;
    }

    private static double[][] randomRows(long seed, int n, int d, double scale) {
        Random r = new Random(seed);
        double[][] x = new double[n][d];
        for (double[] row : x) {
            for (int c = 0; c < d; c++) {
                row[c] = scale * r.nextGaussian();
            }
        }
        return x;
    }

    @Test
    void withThetaZeroTheGradientIsTheExactOne() {
        // 40 points: perplexity 30 is capped at 13, so each row's 39 "nearest" neighbours are all the others and the
        // sparse P is exact t-SNE's P (up to its 1e-12 floor).
        double[][] x = randomRows(11, 40, 5, 1);
        double perplexity = Tsne.cappedPerplexity(x.length, 30);
        double[] exactP = Tsne.jointProbabilities(x, perplexity);
        BarnesHutTsne.SparseAffinities sparse = BarnesHutTsne.affinities(x, perplexity);
        double[] sparseP = sparse.dense();
        for (int e = 0; e < exactP.length; e++) {
            assertThat(sparseP[e]).isCloseTo(exactP[e], within(2e-12));
        }
        double[][] y = randomRows(12, 40, 2, 3);
        for (double exaggeration : new double[] {Tsne.EXAGGERATION, 1}) {
            double[][] exact = new double[40][2];
            Tsne.gradient(exactP, y, exaggeration, new double[40 * 40], exact);
            double[][] bh = new double[40][2];
            BarnesHutTsne.gradient(sparse, y, exaggeration, 0, new BarnesHutTsne.QuadTree(40), bh);
            double[][] coarse = new double[40][2];
            BarnesHutTsne.gradient(sparse, y, exaggeration, 0.5, new BarnesHutTsne.QuadTree(40), coarse);
            double norm = 0;
            double errorExact = 0;
            double errorCoarse = 0;
            for (int i = 0; i < 40; i++) {
                for (int d = 0; d < 2; d++) {
                    norm += exact[i][d] * exact[i][d];
                    errorExact += (bh[i][d] - exact[i][d]) * (bh[i][d] - exact[i][d]);
                    errorCoarse += (coarse[i][d] - exact[i][d]) * (coarse[i][d] - exact[i][d]);
                }
            }
            assertThat(Math.sqrt(errorExact / norm)).isLessThan(1e-8);
            // theta = 0.5 approximates: off, but by little (the paper reports a few per cent).
            assertThat(Math.sqrt(errorCoarse / norm)).isGreaterThan(1e-8).isLessThan(0.1);
        }
    }

    @Test
    void sparseAffinitiesAreSymmetricSumToOneAndUseTheNearestRows() {
        double[][] x = randomRows(21, 150, 6, 1);
        BarnesHutTsne.SparseAffinities p = BarnesHutTsne.affinities(x, 5);
        double[] dense = p.dense();
        double total = Arrays.stream(dense).sum();
        assertThat(total).isCloseTo(1, within(1e-9));
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < x.length; j++) {
                assertThat(dense[i * x.length + j]).isEqualTo(dense[j * x.length + i]);
            }
        }
        // Each row's 15 neighbours are its 15 nearest by a plain sort.
        int[][] nearest = BarnesHutTsne.nearest(x, 15);
        for (int i = 0; i < x.length; i++) {
            int row = i;
            int[] sorted = IntStream.range(0, x.length).filter(j -> j != row).boxed()
                    .sorted(Comparator.comparingDouble((Integer j) -> ClusterScores.squaredDistance(x[row], x[j])).thenComparing(j -> j))
                    .limit(15).mapToInt(Integer::intValue).toArray();
            assertThat(nearest[i]).containsExactly(sorted);
            // A row's non-zeros are its neighbours and the rows that count it as theirs: at least 15.
            assertThat(p.start()[i + 1] - p.start()[i]).isGreaterThanOrEqualTo(15);
        }
    }

    @Test
    void keepsNeighbourhoodsAsWellAsExactTsneAndTheClustersApart() {
        double[][] x = planted(3, CLUSTERS, PER_CLUSTER);
        double[][] exact = Tsne.embed(x, 30, 1000, 0, 17);
        double[][] bh = BarnesHutTsne.embed(x, 30, 1000, 0, BarnesHutTsne.DEFAULT_THETA, 17);
        double trustExact = Trustworthiness.of(x, exact, 5);
        double trustBh = Trustworthiness.of(x, bh, 5);
        assertThat(trustBh).isGreaterThan(0.9).isCloseTo(trustExact, within(0.02));
        // Every point's nearest map neighbour is from its own blob, and the blobs lie apart: the closest pair across blobs
        // is farther apart than the mean distance of a point from its blob's centre.
        double[] centre = new double[CLUSTERS * 2];
        for (int i = 0; i < x.length; i++) {
            centre[2 * (i / PER_CLUSTER)] += bh[i][0] / PER_CLUSTER;
            centre[2 * (i / PER_CLUSTER) + 1] += bh[i][1] / PER_CLUSTER;
        }
        double spread = 0;
        for (int i = 0; i < x.length; i++) {
            int c = i / PER_CLUSTER;
            spread += Math.hypot(bh[i][0] - centre[2 * c], bh[i][1] - centre[2 * c + 1]) / x.length;
        }
        double closestCross = Double.POSITIVE_INFINITY;
        for (int i = 0; i < x.length; i++) {
            int nearest = -1;
            double best = Double.POSITIVE_INFINITY;
            for (int j = 0; j < x.length; j++) {
                double d = Math.hypot(bh[i][0] - bh[j][0], bh[i][1] - bh[j][1]);
                if (j != i && d < best) {
                    best = d;
                    nearest = j;
                }
                if (i / PER_CLUSTER != j / PER_CLUSTER) {
                    closestCross = Math.min(closestCross, d);
                }
            }
            assertThat(nearest / PER_CLUSTER).isEqualTo(i / PER_CLUSTER);
        }
        assertThat(closestCross).isGreaterThan(spread);
    }

    @Test
    void sameSeedSameMapOtherSeedOtherMap() {
        double[][] x = planted(5, CLUSTERS, PER_CLUSTER);
        double[][] a = BarnesHutTsne.embed(x, 20, 300, 0, 0.5, 17);
        double[][] b = BarnesHutTsne.embed(x, 20, 300, 0, 0.5, 17);
        double[][] c = BarnesHutTsne.embed(x, 20, 300, 0, 0.5, 18);
        assertThat(b).isDeepEqualTo(a);
        assertThat(c[0][0]).isNotEqualTo(a[0][0]);
        assertThat(Arrays.stream(a).flatMapToDouble(Arrays::stream).allMatch(Double::isFinite)).isTrue();
    }

    @Test
    void coincidingPointsAndTinyInputsDoNotBreakIt() {
        double[][] x = new double[30][3];
        for (int i = 0; i < x.length; i++) {
            x[i][0] = i < 20 ? 0 : 5;
        }
        double[][] y = BarnesHutTsne.embed(x, 30, 300, 0, 0.5, 1);
        assertThat(Arrays.stream(y).flatMapToDouble(Arrays::stream).allMatch(Double::isFinite)).isTrue();
        assertThat(BarnesHutTsne.embed(new double[1][3], 30, 10, 0, 0.5, 1)).isDeepEqualTo(new double[1][2]);
        assertThat(BarnesHutTsne.embed(new double[0][3], 30, 10, 0, 0.5, 1)).isEmpty();
    }
}
