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
        // Mann-Whitney U from the two sorted samples: each positive counts the negatives below it and half of those
        // tied with it. Counted twice over in a long, so the sum is exact; sorting primitives, not boxed indices,
        // is what keeps the live scoring of 150k pairs per week cheap.
        double[] pos = sorted(positives);
        double[] neg = sorted(negatives);
        long twiceU = 0;
        int below = 0;
        int upTo = 0;
        for (double x : pos) {
            while (below < n && neg[below] < x) {
                below++;
            }
            if (upTo < below) {
                upTo = below;
            }
            while (upTo < n && neg[upTo] == x) {
                upTo++;
            }
            twiceU += 2L * below + (upTo - below);
        }
        return twiceU / (2.0 * p * n);
    }

    /** Average precision: sum over distinct score thresholds (descending) of (R_k - R_k-1) P_k; NaN without positives. */
    public static double averagePrecision(double[] positives, double[] negatives) {
        int p = positives.length;
        if (p == 0) {
            return Double.NaN;
        }
        double[] pos = sorted(positives);
        double[] neg = sorted(negatives);
        double ap = 0;
        int truePositives = 0;
        int seen = 0;
        double previousRecall = 0;
        int i = p - 1;
        int j = neg.length - 1;
        while (i >= 0 || j >= 0) {
            // The next threshold down, and every score tied with it on either side.
            double threshold = i < 0 ? neg[j] : j < 0 ? pos[i] : Math.max(pos[i], neg[j]);
            while (i >= 0 && pos[i] == threshold) {
                truePositives++;
                seen++;
                i--;
            }
            while (j >= 0 && neg[j] == threshold) {
                seen++;
                j--;
            }
            double recall = truePositives / (double) p;
            double precision = truePositives / (double) seen;
            ap += (recall - previousRecall) * precision;
            previousRecall = recall;
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

    /** Ascending; a NaN score ranks lowest (no evidence of a link) and -0.0 ties with 0.0. */
    private static double[] sorted(double[] values) {
        double[] copy = new double[values.length];
        for (int i = 0; i < copy.length; i++) {
            double v = values[i];
            copy[i] = Double.isNaN(v) ? Double.NEGATIVE_INFINITY : v == 0 ? 0.0 : v;
        }
        Arrays.sort(copy);
        return copy;
    }
}
