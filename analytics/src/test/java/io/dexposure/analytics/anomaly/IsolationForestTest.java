package io.dexposure.analytics.anomaly;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Clean-room Isolation Forest against scikit-learn's on the same fixture (different random streams). */
class IsolationForestTest {
    @Test
    void sameTopAnomaliesAndRankCorrelationAsScikitLearn() {
        double[] ours = IsolationForest.fit(AnomalyFixture.X, 200, 256, 17).scores(AnomalyFixture.X);
        double[] sklearn = AnomalyFixture.column("iforest_score");
        int[] ourTop = AnomalyFixture.top(ours, 10);
        int[] theirTop = AnomalyFixture.top(sklearn, 10);
        long common = Arrays.stream(ourTop).filter(i -> Arrays.stream(theirTop).anyMatch(j -> j == i)).count();
        assertThat(common).as("top 10: ours %s, scikit-learn %s", Arrays.toString(ourTop), Arrays.toString(theirTop))
                .isGreaterThanOrEqualTo(9);
        // The nine farthest planted outliers are in our top 10.
        for (int planted = 291; planted < 300; planted++) {
            final int p = planted;
            assertThat(Arrays.stream(ourTop).anyMatch(i -> i == p)).as("planted outlier %d", p).isTrue();
        }
        assertThat(AnomalyFixture.spearman(ours, sklearn)).isGreaterThanOrEqualTo(0.9);
        // Same scale as the paper's score (what sklearn negates): outliers well above 0.5, ordinary rows below.
        assertThat(ours[299]).isGreaterThan(0.65);
        assertThat(Arrays.stream(ours).limit(290).average().orElseThrow()).isLessThan(0.5)
                .isCloseTo(Arrays.stream(sklearn).limit(290).average().orElseThrow(), within(0.03));
    }

    @Test
    void seededForestIsReproducible() {
        double[] a = IsolationForest.fit(AnomalyFixture.X, 50, 128, 5).scores(AnomalyFixture.X);
        double[] b = IsolationForest.fit(AnomalyFixture.X, 50, 128, 5).scores(AnomalyFixture.X);
        double[] c = IsolationForest.fit(AnomalyFixture.X, 50, 128, 6).scores(AnomalyFixture.X);
        assertThat(a).isEqualTo(b);
        assertThat(a).isNotEqualTo(c);
    }

    @Test
    void averagePathLengthOfSmallTrees() {
        assertThat(IsolationForest.c(1)).isZero();
        assertThat(IsolationForest.c(2)).isEqualTo(1);
        // 2 H(255) - 2 * 255 / 256, H(i) ~ ln(i) + Euler's constant
        assertThat(IsolationForest.c(256)).isCloseTo(10.2448, within(1e-4));
    }
}
