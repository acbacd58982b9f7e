package io.dexposure.analytics.anomaly;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class ClusterScoresTest {
    /** Three blobs of {@code perBlob} rows in 6 dimensions, then 10 rows far from all of them. */
    private static double[][] blobs(int perBlob) {
        Random random = new Random(3);
        double[][] x = new double[3 * perBlob + 10][6];
        for (int i = 0; i < x.length; i++) {
            int blob = i < 3 * perBlob ? i / perBlob : -1;
            for (int j = 0; j < 6; j++) {
                x[i][j] = blob >= 0 ? (j == blob ? 6 : 0) + random.nextGaussian() : (j == 5 ? 15 : 0) + 3 * random.nextGaussian();
            }
        }
        return x;
    }

    @Test
    void kMeansOnASampleIsTheFullFitUpToTheSampleSize() {
        double[][] small = blobs(300);
        assertThat(ClusterScores.kMeansDistance(small, 5, 3, 17, 2000)).containsExactly(ClusterScores.kMeansDistance(small, 5, 3, 17));
    }

    @Test
    void kMeansOnASampleRanksLikeTheFullFitOnALargeWeek() {
        double[][] x = blobs(3000);
        double[] sampled = ClusterScores.kMeansDistance(x, 5, 3, 17, 2000);
        double[] full = ClusterScores.kMeansDistance(x, 5, 3, 17);
        Integer[] top = IntStream.range(0, x.length).boxed().sorted((a, b) -> Double.compare(sampled[b], sampled[a]))
                .limit(10).toArray(Integer[]::new);
        assertThat(Arrays.stream(top).filter(i -> i >= 9000).count()).as("planted rows in the sampled fit's top 10").isGreaterThanOrEqualTo(9);
        // Distances to the sampled centroids agree with the full fit's to within sampling noise.
        double meanGap = IntStream.range(0, x.length).mapToDouble(i -> Math.abs(sampled[i] - full[i])).average().orElseThrow();
        assertThat(meanGap).isLessThan(0.2);
    }
}
