package io.dexposure.analytics.anomaly;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class AnomalyEnsembleTest {
    private static final List<String> IDS = IntStream.range(0, AnomalyFixture.X.length).mapToObj(Integer::toString).toList();
    private static final List<String> NAMES = List.of("f0", "f1", "f2", "f3", "f4", "f5");

    @Test
    void plantedOutliersLeadTheEnsembleAndEachClusterDetector() {
        List<AnomalyEnsemble.Scored> scored = AnomalyEnsemble.score(AnomalyFixture.X, IDS, NAMES, AnomalyEnsemble.Settings.defaults());
        List<Integer> top = new ArrayList<>();
        scored.stream().limit(10).forEach(s -> top.add(s.row()));
        assertThat(top.stream().filter(r -> r >= 290).count()).as("top 10 %s", top).isGreaterThanOrEqualTo(9);
        assertThat(scored.get(0).row()).isGreaterThanOrEqualTo(290);
        assertThat(scored.get(0).ensemble()).isGreaterThan(scored.get(20).ensemble());
        assertThat(scored.get(0).drivers()).isNotEmpty();

        double[][] z = RobustScaler.scale(AnomalyFixture.X, 10);
        double[] kmeans = ClusterScores.kMeansDistance(z, 5, 3, 17);
        assertThat(IntStream.of(AnomalyFixture.top(kmeans, 10)).filter(r -> r >= 290).count()).isGreaterThanOrEqualTo(8);
        ClusterScores.Dbscan db = ClusterScores.dbscan(z, 1.5, 5);
        assertThat(db.clusters()).isGreaterThanOrEqualTo(1);
        for (int r = 291; r < 300; r++) {
            assertThat(db.noise()[r]).as("row %d is DBSCAN noise", r).isTrue();
        }
        long noise = IntStream.range(0, 290).filter(r -> db.noise()[r]).count();
        assertThat(noise).as("ordinary rows called noise").isLessThan(29);
    }

    @Test
    void flatDbscanNoiseIsCommonsMathsNoise() {
        double[][] z = RobustScaler.scale(AnomalyFixture.X, 10);
        double[] core = ClusterScores.coreDistances(z, 5);
        for (double eps : new double[]{0.8, 1.2, 1.5, 2.5}) {
            ClusterScores.Dbscan reference = ClusterScores.dbscan(z, eps, 5);
            assertThat(ClusterScores.dbscanNoise(z, core, eps)).as("eps %s", eps).isEqualTo(reference.noise());
        }
        // core distance = distance to the 5th nearest other row, checked by brute force on one row
        double[] d = new double[z.length - 1];
        for (int j = 1; j < z.length; j++) {
            double s = 0;
            for (int k = 0; k < z[0].length; k++) {
                s += (z[0][k] - z[j][k]) * (z[0][k] - z[j][k]);
            }
            d[j - 1] = Math.sqrt(s);
        }
        java.util.Arrays.sort(d);
        assertThat(core[0]).isCloseTo(d[4], within(1e-12));
    }

    @Test
    void robustScalingIgnoresTheOutliersScale() {
        double[][] x = new double[101][1];
        for (int i = 0; i < 100; i++) {
            x[i][0] = i % 2 == 0 ? 1 : -1;
        }
        x[100][0] = 1e9;
        double[][] z = RobustScaler.scale(x, 10);
        // median 1 (51 ones), MAD 0 -> mean absolute deviation fallback; the huge value is clipped.
        assertThat(z[100][0]).isEqualTo(10);
        assertThat(z[0][0]).isZero();
        double[][] constant = RobustScaler.scale(new double[][]{{3}, {3}, {3}}, 10);
        assertThat(constant[1][0]).isZero();
    }

    @Test
    void ranksAverageTies() {
        assertThat(AnomalyEnsemble.descendingRanks(new double[]{5, 1, 5, 3})).containsExactly(1.5, 4, 1.5, 3);
        assertThat(AnomalyFixture.spearman(new double[]{1, 2, 3}, new double[]{10, 20, 30})).isCloseTo(1, within(1e-12));
    }
}
