package io.dexposure.analytics.anomaly;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DBSCAN's core distances and noise as the ensemble computes them at real scale: the k-d tree noise gives
 * exactly the all-pairs noise, and the sampled core distances are the exact ones up to the reference size
 * and bounded by them above it; on the detectors' fixture and on week-like data (a dense core of ordinary rows, many exact duplicates, values
 * clipped at +-10 as the scaler clips them, a few far outliers) in 15 dimensions.
 */
class KdTreeTest {

    @Test
    void coreDistancesAreTheAllPairsValuesUpToTheReferenceSize() {
        double[][] fixture = RobustScaler.scale(AnomalyFixture.X, 10);
        for (int minPts : new int[]{1, 5, 12}) {
            double[] exact = ClusterScores.coreDistancesAllPairs(fixture, minPts);
            assertThat(ClusterScores.coreDistances(fixture, minPts)).as("fixture, minPts %d", minPts).containsExactly(exact);
            // The ensemble's default reference (1000 rows) covers the fixture's 300: the same values.
            assertThat(ClusterScores.coreDistances(fixture, minPts, 1000, 17)).containsExactly(exact);
            assertThat(ClusterScores.coreDistances(fixture, minPts, 0, 17)).containsExactly(exact);
        }
    }

    @Test
    void sampledCoreDistancesNeverUndercutTheExactOnesAndKeepTheFarRowsOnTop() {
        double[][] week = weekLike(3_000, 15, 7);
        double[] exact = ClusterScores.coreDistances(week, 5);
        double[] sampled = ClusterScores.coreDistances(week, 5, 500, 17);
        assertThat(ClusterScores.coreDistances(week, 5, 500, 17)).as("seeded").containsExactly(sampled);
        assertThat(ClusterScores.coreDistances(week, 5, 500, 18)).as("another seed, another sample").isNotEqualTo(sampled);
        for (int i = 0; i < week.length; i++) {
            assertThat(sampled[i]).as("row %d", i).isGreaterThanOrEqualTo(exact[i]);
        }
        // The 1 % farthest rows by the exact core distance are (nearly all) in the sampled 2 % farthest.
        int[] exactTop = AnomalyFixture.top(exact, 30);
        java.util.Set<Integer> sampledTop = new java.util.HashSet<>();
        for (int r : AnomalyFixture.top(sampled, 60)) {
            sampledTop.add(r);
        }
        long kept = java.util.Arrays.stream(exactTop).filter(sampledTop::contains).count();
        assertThat(kept).as("of the exact top 30 in the sampled top 60").isGreaterThanOrEqualTo(27);
    }

    @Test
    void noiseIsTheAllPairsNoise() {
        double[][] week = weekLike(3_000, 15, 11);
        double[] core = ClusterScores.coreDistances(week, 5);
        for (double eps : new double[]{0.05, 0.5, 1.5, 4}) {
            boolean[] expected = allPairsNoise(week, core, eps);
            boolean[] actual = ClusterScores.dbscanNoise(week, core, eps);
            assertThat(actual).as("eps %s", eps).containsExactly(expected);
        }
        // Not a degenerate check: at the ensemble's 90th-percentile radius some rows are noise and most are not.
        double[] sorted = core.clone();
        java.util.Arrays.sort(sorted);
        boolean[] noise = ClusterScores.dbscanNoise(week, core, sorted[(int) (0.9 * (sorted.length - 1))]);
        int count = 0;
        for (boolean b : noise) {
            count += b ? 1 : 0;
        }
        assertThat(count).isBetween(1, week.length / 5);
    }

    /** The brute-force definition the flat noise used to scan. */
    private static boolean[] allPairsNoise(double[][] x, double[] core, double eps) {
        boolean[] noise = new boolean[x.length];
        for (int i = 0; i < x.length; i++) {
            if (core[i] <= eps) {
                continue;
            }
            boolean reached = false;
            for (int j = 0; j < x.length && !reached; j++) {
                reached = j != i && core[j] <= eps && ClusterScores.squaredDistance(x[i], x[j]) <= eps * eps;
            }
            noise[i] = !reached;
        }
        return noise;
    }

    private static double[][] weekLike(int n, int d, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] x = new double[n][d];
        for (int i = 0; i < n; i++) {
            if (i > 0 && random.nextDouble() < 0.3) {
                x[i] = x[random.nextInt(i)].clone(); // an exact duplicate of an earlier row
                continue;
            }
            boolean outlier = random.nextDouble() < 0.01;
            for (int f = 0; f < d; f++) {
                // Change features of a quiet week are mostly exactly 0.
                double v = f >= d / 2 && random.nextDouble() < 0.7 ? 0 : gaussian(random) * (outlier ? 8 : 1);
                x[i][f] = Math.max(-10, Math.min(10, v));
            }
        }
        return x;
    }

    private static double gaussian(SplittableRandom random) {
        return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    }
}
