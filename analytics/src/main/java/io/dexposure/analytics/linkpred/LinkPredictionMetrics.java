package io.dexposure.analytics.linkpred;

import java.util.Arrays;

/**
 * Ranking quality of link scores: AUROC (Mann-Whitney, ties count one half), AUPRC as average precision
 * (scikit-learn's {@code average_precision_score}: tied scores form one threshold) and MRR (the true
 * target ranked among its candidate negatives, ties count one half, TGB's average of the optimistic and
 * pessimistic rank).
 */
public final class LinkPredictionMetrics {
    private LinkPredictionMetrics() {
    }

    /** Probability that a random positive scores above a random negative; NaN without both. */
    public static double auroc(double[] positives, double[] negatives) {
        int p = positives.length;
        int n = negatives.length;
        if (p == 0 || n == 0) {
            return Double.NaN;
        }
        double[] all = concat(positives, negatives);
        Integer[] order = sortedIndices(all, false);
        double rankSumPositives = 0;
        int i = 0;
        while (i < order.length) {
            int j = i;
            while (j + 1 < order.length && all[order[j + 1]] == all[order[i]]) {
                j++;
            }
            double averageRank = (i + j) / 2.0 + 1; // 1-based ranks i+1 .. j+1
            for (int k = i; k <= j; k++) {
                if (order[k] < p) {
                    rankSumPositives += averageRank;
                }
            }
            i = j + 1;
        }
        return (rankSumPositives - p * (p + 1.0) / 2) / ((double) p * n);
    }

    /** Average precision: sum over distinct score thresholds (descending) of (R_k - R_k-1) P_k; NaN without positives. */
    public static double averagePrecision(double[] positives, double[] negatives) {
        int p = positives.length;
        if (p == 0) {
            return Double.NaN;
        }
        double[] all = concat(positives, negatives);
        Integer[] order = sortedIndices(all, true);
        double ap = 0;
        int truePositives = 0;
        int seen = 0;
        double previousRecall = 0;
        int i = 0;
        while (i < order.length) {
            int j = i;
            while (j + 1 < order.length && all[order[j + 1]] == all[order[i]]) {
                j++;
            }
            for (int k = i; k <= j; k++) {
                if (order[k] < p) {
                    truePositives++;
                }
                seen++;
            }
            double recall = truePositives / (double) p;
            double precision = truePositives / (double) seen;
            ap += (recall - previousRecall) * precision;
            previousRecall = recall;
            i = j + 1;
        }
        return ap;
    }

    /**
     * Mean reciprocal rank over groups laid out as [positive, negative_1 .. negative_(groupSize-1)];
     * rank = 1 + #negatives above + #negatives tied / 2. NaN without groups.
     */
    public static double meanReciprocalRank(double[] groupedScores, int groupSize) {
        int groups = groupSize == 0 ? 0 : groupedScores.length / groupSize;
        if (groups == 0) {
            return Double.NaN;
        }
        double sum = 0;
        for (int g = 0; g < groups; g++) {
            double positive = groupedScores[g * groupSize];
            double above = 0;
            for (int k = 1; k < groupSize; k++) {
                double s = groupedScores[g * groupSize + k];
                if (s > positive) {
                    above++;
                } else if (s == positive) {
                    above += 0.5;
                }
            }
            sum += 1.0 / (1 + above);
        }
        return sum / groups;
    }

    /** Positives first (indices below positives.length), then negatives. */
    private static double[] concat(double[] positives, double[] negatives) {
        double[] all = java.util.Arrays.copyOf(positives, positives.length + negatives.length);
        System.arraycopy(negatives, 0, all, positives.length, negatives.length);
        return all;
    }

    private static Integer[] sortedIndices(double[] values, boolean descending) {
        Integer[] order = new Integer[values.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> descending ? Double.compare(values[b], values[a]) : Double.compare(values[a], values[b]));
        return order;
    }
}
