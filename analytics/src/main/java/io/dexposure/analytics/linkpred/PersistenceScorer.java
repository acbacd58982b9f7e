package io.dexposure.analytics.linkpred;

import io.dexposure.analytics.week.NetworkWeek;

import java.util.Map;

/** Persistence: a link of the previous week is predicted to exist (score 1), anything else not (0). */
public final class PersistenceScorer implements LinkScorer {
    public static final String NAME = "persistence";

    private final LinkSet previousLinks;
    private final Map<String, Integer> previousIndex;

    public PersistenceScorer(NetworkWeek previous) {
        this.previousLinks = LinkSet.of(previous);
        this.previousIndex = previous.indexById();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public double[] score(NetworkWeek week, int[] sources, int[] targets) {
        int[] at = NodeAlignment.of(week, previousIndex);
        double[] scores = new double[sources.length];
        for (int k = 0; k < scores.length; k++) {
            int s = at[sources[k]];
            int t = at[targets[k]];
            scores[k] = s >= 0 && t >= 0 && previousLinks.contains(s, t) ? 1 : 0;
        }
        return scores;
    }
}
