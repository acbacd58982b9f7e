package io.dexposure.analytics.roland;

import io.dexposure.analytics.linkpred.LinkScorer;
import io.dexposure.analytics.week.NetworkWeek;

/**
 * ROLAND's predictions as they stood after the last advance: each protocol's last-layer state (zeros
 * for a protocol never seen) through the decoder. Scoring week t with it scores the predictions made at
 * week t-1.
 */
public final class RolandLinkScorer implements LinkScorer {
    private final RolandParameters parameters;
    private final RolandMemory memory;
    private NetworkWeek cachedWeek;
    private float[][] cachedEmbeddings;

    public RolandLinkScorer(RolandParameters parameters, RolandMemory memory) {
        this.parameters = parameters;
        this.memory = memory;
    }

    @Override
    public String name() {
        return RolandLiveUpdate.MODEL;
    }

    @Override
    public double[] score(NetworkWeek week, int[] sources, int[] targets) {
        float[][] embeddings = embeddings(week);
        double[] scores = new double[sources.length];
        for (int k = 0; k < scores.length; k++) {
            scores[k] = RolandModel.logit(parameters, embeddings[sources[k]], embeddings[targets[k]]);
        }
        return scores;
    }

    private float[][] embeddings(NetworkWeek week) {
        if (cachedWeek != week) {
            int h1 = parameters.hidden1();
            int h2 = parameters.hidden2();
            float[][] rows = new float[week.nodeCount()][];
            for (int i = 0; i < rows.length; i++) {
                float[] state;
                try {
                    state = memory.nodeState(week.ids[i]);
                } catch (Exception e) {
                    throw new IllegalStateException("cannot read the state of " + week.ids[i], e);
                }
                rows[i] = state == null ? new float[h2] : java.util.Arrays.copyOfRange(state, h1, h1 + h2);
            }
            cachedWeek = week;
            cachedEmbeddings = rows;
        }
        return cachedEmbeddings;
    }
}
