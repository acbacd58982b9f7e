package io.dexposure.analytics.roland;

import io.dexposure.analytics.linkpred.HorizonPairs;
import io.dexposure.analytics.linkpred.LinkScorer;

import io.dexposure.analytics.week.NetworkWeek;

import java.util.HashMap;
import java.util.Map;

/**
 * ROLAND's predictions as they stood right after it advanced on week t: every node's last-layer state and the
 * parameters of that moment, copied, so that weeks t+1 .. t+h can be scored from week t while the live loop
 * runs on (the h-weeks-ahead protocol). Scores as {@link RolandLinkScorer} does: a node never seen has zeros,
 * pair features from week t.
 */
public final class FrozenRolandScorer implements LinkScorer {
    private final RolandParameters parameters;
    private final Map<String, float[]> embeddings;
    private final PairFeatures madeAt;
    private final int dimension;
    /** Edge-weight head coefficients at the freeze (null before its first fit) and the week's TVLs by id. */
    private final float[] weightHead;
    private final Map<String, Double> tvl;

    private FrozenRolandScorer(RolandParameters parameters, Map<String, float[]> embeddings, PairFeatures madeAt,
                               float[] weightHead, Map<String, Double> tvl) {
        this.weightHead = weightHead;
        this.tvl = tvl;
        this.parameters = parameters;
        this.embeddings = embeddings;
        this.madeAt = madeAt;
        this.dimension = parameters.hidden2();
    }

    /** A copy of the memory's model and of the states of {@code week}'s nodes, right after the advance on it. */
    public static FrozenRolandScorer freeze(RolandMemory memory, NetworkWeek week, boolean pairFeatures) throws Exception {
        RolandParameters parameters = RolandParameters.fromBytes(memory.model());
        int h1 = parameters.hidden1();
        int h2 = parameters.hidden2();
        Map<String, float[]> rows = new HashMap<>(week.nodeCount() * 2);
        Map<String, Double> tvl = new HashMap<>(week.nodeCount() * 2);
        for (int i = 0; i < week.nodeCount(); i++) {
            String id = week.ids[i];
            tvl.put(id, week.tvlUsd[i]);
            float[] state = memory.nodeState(id);
            if (state != null) {
                rows.put(id, java.util.Arrays.copyOfRange(state, h1, h1 + h2));
            }
        }
        float[] head = memory.weightHead();
        return new FrozenRolandScorer(parameters, rows, PairFeatures.byId(week, pairFeatures),
                head == null || head.length != EdgeWeightHead.width(parameters.hidden2()) ? null : head, tvl);
    }

    /** Mean absolute error of the edge-weight head's ln(USD) on the pairs' positives; NaN before the head's first fit. */
    public double weightMae(HorizonPairs pairs) {
        if (weightHead == null) {
            return Double.NaN;
        }
        NetworkWeek week = pairs.target;
        float[] zero = new float[dimension];
        float[] pair = new float[PairFeatures.COUNT];
        double[] x = new double[weightHead.length];
        double error = 0;
        int count = 0;
        for (int k = 0; k < pairs.positives(); k++) {
            double w = pairs.positiveWeights[k];
            if (!(w > 0)) {
                continue;
            }
            String s = week.ids[pairs.positiveSources[k]];
            String t = week.ids[pairs.positiveTargets[k]];
            madeAt.write(s, t, pair, 0);
            EdgeWeightHead.features(embeddings.getOrDefault(s, zero), embeddings.getOrDefault(t, zero), pair,
                    tvl.getOrDefault(s, 0.0), tvl.getOrDefault(t, 0.0), x);
            error += Math.abs(EdgeWeightHead.predict(weightHead, x) - Math.log(w));
            count++;
        }
        return count == 0 ? Double.NaN : error / count;
    }

    @Override
    public String name() {
        return RolandLiveUpdate.MODEL;
    }

    @Override
    public double[] score(NetworkWeek week, int[] sources, int[] targets) {
        float[] zero = new float[dimension];
        float[] pair = new float[PairFeatures.COUNT];
        double[] scores = new double[sources.length];
        for (int k = 0; k < scores.length; k++) {
            String s = week.ids[sources[k]];
            String t = week.ids[targets[k]];
            madeAt.write(s, t, pair, 0);
            scores[k] = RolandModel.logit(parameters, embeddings.getOrDefault(s, zero), embeddings.getOrDefault(t, zero), pair, 0);
        }
        return scores;
    }
}
