package io.dexposure.analytics.anomaly;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AutoencoderTest {
    /** Rows 290..299 of the scikit-learn fixture are the planted outliers (low-rank rows plus 10 off the structure). */
    private static final double[][] Z = RobustScaler.scale(AnomalyFixture.X, 10);

    private static long plantedInTop10(double[] scores) {
        Integer[] order = IntStream.range(0, scores.length).boxed().toArray(Integer[]::new);
        Arrays.sort(order, (a, b) -> Double.compare(scores[b], scores[a]));
        return Arrays.stream(order, 0, 10).filter(i -> i >= 290).count();
    }

    @Test
    void plantedOutliersReconstructWorstAndTheSameSeedGivesTheSameScores() {
        Autoencoder.Settings s = Autoencoder.Settings.defaults();
        double[] scores = new Autoencoder(s).next(Z);
        assertThat(scores).hasSize(Z.length);
        assertThat(plantedInTop10(scores)).isGreaterThanOrEqualTo(8);
        // Seeded start, one thread: identical scores from a fresh model.
        assertThat(new Autoencoder(s).next(Z)).containsExactly(scores);
        Autoencoder.Settings other = new Autoencoder.Settings(s.windowWeeks(), s.hidden(), s.bottleneck(), s.epochs(),
                s.learningRate(), 18);
        assertThat(new Autoencoder(other).next(Z)).isNotEqualTo(scores);
    }

    @Test
    void trainedOnARollingWindowOfCleanWeeksItFlagsTheNewWeeksOutliers() {
        // Three earlier weeks of the fixture's structure without its outliers (rows resampled with small noise),
        // then the fixture itself: the outliers were never in training before this week and score highest.
        Autoencoder model = new Autoencoder(new Autoencoder.Settings(3, 8, 3, 300, 0.01, 17));
        double[] scores = null;
        for (double[][] week : weeks()) {
            scores = model.next(week);
        }
        assertThat(plantedInTop10(scores)).isGreaterThanOrEqualTo(8);
        assertThat(model.lastLoss()).isLessThan(0.5);
    }

    @Test
    void asTheEnsemblesFifthDetectorItScoresTheSameZScores() {
        List<String> ids = IntStream.range(0, Z.length).mapToObj(Integer::toString).toList();
        List<String> names = List.of("f0", "f1", "f2", "f3", "f4", "f5");
        List<AnomalyEnsemble.Scored> scored = AnomalyEnsemble.score(AnomalyFixture.X, ids, names,
                AnomalyEnsemble.Settings.defaults(), new Autoencoder(Autoencoder.Settings.defaults()));
        double[] alone = new Autoencoder(Autoencoder.Settings.defaults()).next(Z);
        assertThat(scored).allSatisfy(s -> {
            assertThat(s.scores()).hasSize(AnomalyEnsemble.DETECTORS.size() + 1);
            assertThat(s.scores()[AnomalyEnsemble.DETECTORS.size()]).isEqualTo(alone[s.row()]);
        });
        assertThat(scored.stream().limit(10).filter(s -> s.row() >= 290).count()).isGreaterThanOrEqualTo(9);
    }

    @Test
    void badInputIsNamed() {
        Autoencoder model = new Autoencoder(Autoencoder.Settings.defaults());
        model.next(new double[][]{{1, 2}, {3, 4}, {5, 6}});
        assertThatThrownBy(() -> model.next(new double[][]{{1, 2, 3}})).hasMessageContaining("rows of 3 features after weeks of 2");
        assertThatThrownBy(() -> new Autoencoder.Settings(0, 8, 3, 10, 0.01, 1)).hasMessageContaining("window 0");
    }

    /** Four weeks of the fixture's clean structure (resampled rows, small noise), then the fixture itself. */
    private static List<double[][]> weeks() {
        Random random = new Random(5);
        List<double[][]> weeks = new java.util.ArrayList<>();
        for (int week = 0; week < 4; week++) {
            double[][] clean = new double[290][];
            for (int i = 0; i < 290; i++) {
                double[] row = Z[random.nextInt(290)].clone();
                for (int j = 0; j < row.length; j++) {
                    row[j] += 0.05 * random.nextGaussian();
                }
                clean[i] = row;
            }
            weeks.add(clean);
        }
        weeks.add(Z);
        return weeks;
    }

    @Test
    void theStreamingDefaultsWarmStartOnASampledWindowAndStillFlagTheOutliers() {
        Autoencoder.Settings s = Autoencoder.Settings.defaults().withWindow(3);
        Autoencoder model = new Autoencoder(new Autoencoder.Settings(s.windowWeeks(), s.hidden(), s.bottleneck(), s.epochs(),
                s.learningRate(), s.seed(), 100, s.warmEpochs()));
        double[] scores = null;
        for (double[][] week : weeks()) {
            scores = model.next(week);
            assertThat(Arrays.stream(model.state().weekRows).allMatch(rows -> rows == 100)).isTrue();
        }
        assertThat(model.state().weekRows).hasSize(3);
        assertThat(scores).hasSize(Z.length);
        assertThat(plantedInTop10(scores)).isGreaterThanOrEqualTo(8);
        // Warm-started, not retrained: the same window retrained from the seed scores differently.
        Autoencoder retrained = new Autoencoder(new Autoencoder.Settings(s.windowWeeks(), s.hidden(), s.bottleneck(), s.epochs(),
                s.learningRate(), s.seed(), 100, 0));
        double[] fromSeed = null;
        for (double[][] week : weeks()) {
            fromSeed = retrained.next(week);
        }
        assertThat(fromSeed).isNotEqualTo(scores);
    }

    @Test
    void aRestoredStateScoresAsTheUninterruptedModel() {
        List<double[][]> weeks = weeks();
        Autoencoder uninterrupted = new Autoencoder(Autoencoder.Settings.defaults());
        List<double[]> expected = weeks.stream().map(uninterrupted::next).toList();
        Autoencoder first = new Autoencoder(Autoencoder.Settings.defaults());
        first.next(weeks.get(0));
        first.next(weeks.get(1));
        Autoencoder.State saved = first.state();
        assertThat(saved.weights).isNotNull();
        Autoencoder resumed = new Autoencoder(Autoencoder.Settings.defaults());
        resumed.restore(saved);
        for (int w = 2; w < weeks.size(); w++) {
            assertThat(resumed.next(weeks.get(w))).as("week %d", w).containsExactly(expected.get(w));
        }
        resumed.restore(null);
        assertThat(resumed.state().weekRows).isEmpty();
        assertThat(resumed.state().weights).isNull();
    }

    @Test
    void twoModelsTrainingAtOnceInOneJvmWaitTheirTurnAndScoreAsAlone() throws Exception {
        // DJL allows one PyTorch gradient collector per process; ROLAND and the autoencoder share a TaskManager.
        Autoencoder.Settings s = new Autoencoder.Settings(2, 8, 3, 60, 0.01, 17);
        double[] alone = new Autoencoder(s).next(Z);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var a = pool.submit(() -> new Autoencoder(s).next(Z));
            var b = pool.submit(() -> new Autoencoder(s).next(Z));
            assertThat(a.get()).containsExactly(alone);
            assertThat(b.get()).containsExactly(alone);
        } finally {
            pool.shutdown();
        }
    }
}
