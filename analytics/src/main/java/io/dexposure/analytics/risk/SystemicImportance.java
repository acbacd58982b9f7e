package io.dexposure.analytics.risk;

import io.dexposure.analytics.week.NetworkWeek;

import java.util.Arrays;

/**
 * DeXposure-FM's Systemic Importance Score (references.md §2): SIS = a·PR + b·Tail + c·LogTVL, where PR
 * is weighted PageRank over its maximum, Tail the share of a node's outgoing exposure in its top-k
 * links (k = 5; 0 without outgoing links), LogTVL log1p(max(TVL, 0)) over its maximum; a = b = c = 1/3.
 * Computed over every node of the week, as the tool does.
 */
public final class SystemicImportance {
    public static final int TAIL_LINKS = 5;

    private final double pageRankWeight;
    private final double tailWeight;
    private final double tvlWeight;

    public SystemicImportance(double pageRankWeight, double tailWeight, double tvlWeight) {
        this.pageRankWeight = pageRankWeight;
        this.tailWeight = tailWeight;
        this.tvlWeight = tvlWeight;
    }

    public static SystemicImportance equalWeights() {
        return new SystemicImportance(1.0 / 3, 1.0 / 3, 1.0 / 3);
    }

    /** The three parts per node and the score; {@code pageRank} is the week's weighted PageRank. */
    public record Scores(double[] pageRankScore, double[] tailScore, double[] tvlScore, double[] tailExposureUsd,
                         double[] score) {
    }

    public Scores score(NetworkWeek week, double[] pageRank) {
        int n = week.nodeCount();
        double[] pr = new double[n];
        double[] tail = new double[n];
        double[] tailUsd = new double[n];
        double[] logTvl = new double[n];
        double maxPr = 0;
        double maxLog = 0;
        for (int i = 0; i < n; i++) {
            maxPr = Math.max(maxPr, pageRank[i]);
            logTvl[i] = Math.log1p(Math.max(week.tvlUsd[i], 0));
            maxLog = Math.max(maxLog, logTvl[i]);
        }
        // Links are grouped by source (CSR order): one pass finds each node's outgoing run.
        int m = week.linkCount();
        for (int k = 0; k < m; ) {
            int source = week.linkSources[k];
            int end = k;
            while (end < m && week.linkSources[end] == source) {
                end++;
            }
            double[] weights = Arrays.copyOfRange(week.linkWeights, k, end);
            Arrays.sort(weights);
            double total = 0;
            for (double w : weights) {
                total += w;
            }
            double top = 0;
            for (int j = weights.length - 1; j >= Math.max(0, weights.length - TAIL_LINKS); j--) {
                top += weights[j];
            }
            tailUsd[source] = top;
            tail[source] = total > 0 ? top / total : 0;
            k = end;
        }
        double[] score = new double[n];
        for (int i = 0; i < n; i++) {
            pr[i] = maxPr > 0 ? pageRank[i] / maxPr : 0;
            logTvl[i] = maxLog > 0 ? logTvl[i] / maxLog : 0;
            score[i] = pageRankWeight * pr[i] + tailWeight * tail[i] + tvlWeight * logTvl[i];
        }
        return new Scores(pr, tail, logTvl, tailUsd, score);
    }
}
