package io.dexposure.analytics.linkpred;

import io.dexposure.analytics.week.NetworkWeek;

/**
 * A link-prediction model as the evaluation sees it: scores for pairs of a week it has not seen yet,
 * from what it learnt on earlier weeks. Pairs are node positions in {@code week}; higher = more likely.
 */
public interface LinkScorer {
    String name();

    double[] score(NetworkWeek week, int[] sources, int[] targets);
}
