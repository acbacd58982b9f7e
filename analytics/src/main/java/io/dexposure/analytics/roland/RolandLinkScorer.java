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
    /** The links of the week the predictions were made at (null: no pair features). */
    private final PairFeatures madeAt;
    private NetworkWeek cachedWeek;
    private float[][] cachedEmbeddings;

    public RolandLinkScorer(RolandParameters parameters, RolandMemory memory) {
        this(parameters, memory, null);
    }

    /** With the pair features of the week the predictions were made at ({@link PairFeatures#byId}). */
    public RolandLinkScorer(RolandParameters parameters, RolandMemory memory, PairFeatures madeAt) {
        this.parameters = parameters;
        this.memory = memory;
        this.madeAt = madeAt;
    }

    @Override
    public String name() {
        return RolandLiveUpdate.MODEL;
    }

    @Override
    public double[] score(NetworkWeek week, int[] sources, int[] targets) {
        float[][] embeddings = embeddings(week);
        double[] scores = new double[sources.length];
        float[] pair = new float[PairFeatures.COUNT];
        int[] at = madeAt == null ? null : madeAt.positionsOf(week); // one id lookup per node, not two per pair
        for (int k = 0; k < scores.length; k++) {
            if (madeAt != null) {
                madeAt.write(at[sources[k]], at[targets[k]], pair, 0);
            }
            scores[k] = RolandModel.logit(parameters, embeddings[sources[k]], embeddings[targets[k]], madeAt == null ? null : pair, 0);
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
