package io.dexposure.analytics.linkpred;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LinkPredictionMetricsTest {
    @Test
    void aurocCountsPairsWonAndHalfTheTies() {
        // 0.9 beats all three negatives (3); 0.4 beats 0.1, ties 0.4, loses to 0.5 (1.5): 4.5 / 6.
        assertThat(LinkPredictionMetrics.auroc(new double[] {0.9, 0.4}, new double[] {0.5, 0.1, 0.4})).isEqualTo(0.75);
        assertThat(LinkPredictionMetrics.auroc(new double[] {1, 1}, new double[] {0, 0})).isEqualTo(1.0);
        assertThat(LinkPredictionMetrics.auroc(new double[] {0, 0}, new double[] {0, 0})).isEqualTo(0.5);
        assertThat(LinkPredictionMetrics.auroc(new double[] {}, new double[] {0})).isNaN();
        // Real-scale weeks: 75,000 positives, p (p + 1) / 2 beyond int range.
        double[] ones = new double[75_000];
        java.util.Arrays.fill(ones, 1);
        assertThat(LinkPredictionMetrics.auroc(ones, new double[75_000])).isEqualTo(1.0);
    }

    @Test
    void averagePrecisionTreatsTiedScoresAsOneThreshold() {
        // Thresholds 0.9 (recall 1/2, precision 1), 0.5 (no new positive), 0.4 (recall 1, precision 2/4):
        // AP = 0.5 * 1 + 0.5 * 0.5 = 0.75 (scikit-learn average_precision_score gives the same).
        assertThat(LinkPredictionMetrics.averagePrecision(new double[] {0.9, 0.4}, new double[] {0.5, 0.1, 0.4}))
                .isCloseTo(0.75, within(1e-12));
        // Persistence-like 0/1 scores: 3 of 4 positives scored 1, 1 of 4 negatives scored 1.
        // Threshold 1: recall 3/4, precision 3/4; threshold 0: recall 1, precision 1/2 -> 0.5625 + 0.125.
        assertThat(LinkPredictionMetrics.averagePrecision(new double[] {1, 1, 1, 0}, new double[] {1, 0, 0, 0}))
                .isCloseTo(0.6875, within(1e-12));
    }

    @Test
    void mrrRanksEachPositiveAmongItsOwnNegatives() {
        // Group 1: one negative above -> rank 2. Group 2: one tie -> rank 1.5. Mean of 1/2 and 2/3.
        double mrr = LinkPredictionMetrics.meanReciprocalRank(new double[] {0.8, 0.9, 0.1, 0.5, 0.5, 0.2}, 3);
        assertThat(mrr).isCloseTo((0.5 + 2.0 / 3) / 2, within(1e-12));
        assertThat(LinkPredictionMetrics.meanReciprocalRank(new double[] {}, 3)).isNaN();
    }

    @Test
    void sortedMergeEqualsThePairwiseDefinitionWithManyTies() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(7);
        for (int round = 0; round < 50; round++) {
            double[] pos = new double[1 + random.nextInt(60)];
            double[] neg = new double[1 + random.nextInt(60)];
            for (int i = 0; i < pos.length; i++) {
                pos[i] = random.nextInt(8) / 4.0; // few distinct values: ties everywhere
            }
            for (int i = 0; i < neg.length; i++) {
                neg[i] = random.nextInt(8) / 4.0 - 0.5;
            }
            double wins = 0;
            for (double x : pos) {
                for (double y : neg) {
                    wins += x > y ? 1 : x == y ? 0.5 : 0;
                }
            }
            assertThat(LinkPredictionMetrics.auroc(pos, neg)).isCloseTo(wins / pos.length / neg.length, within(1e-12));
            // Average precision by its definition: over each distinct threshold, recall gained times precision there.
            double ap = 0;
            double previousRecall = 0;
            double[] thresholds = java.util.stream.DoubleStream.concat(java.util.Arrays.stream(pos), java.util.Arrays.stream(neg))
                    .distinct().sorted().toArray();
            for (int k = thresholds.length - 1; k >= 0; k--) {
                double t = thresholds[k];
                long tp = java.util.Arrays.stream(pos).filter(x -> x >= t).count();
                long fp = java.util.Arrays.stream(neg).filter(x -> x >= t).count();
                double recall = tp / (double) pos.length;
                ap += (recall - previousRecall) * tp / (double) (tp + fp);
                previousRecall = recall;
            }
            assertThat(LinkPredictionMetrics.averagePrecision(pos, neg)).isCloseTo(ap, within(1e-12));
        }
    }

    @Test
    void aNanScoreRanksLowestInsteadOfStallingTheSweep() {
        assertThat(LinkPredictionMetrics.auroc(new double[] {Double.NaN, 1}, new double[] {0.5})).isEqualTo(0.5);
        assertThat(LinkPredictionMetrics.averagePrecision(new double[] {1, Double.NaN}, new double[] {0.5}))
                .isCloseTo(0.5 + 0.5 * 2 / 3.0, within(1e-12));
    }
}
