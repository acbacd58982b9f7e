package io.dexposure.analytics.linkpred;

import io.dexposure.analytics.week.NetworkWeek;

import java.util.Map;
import java.util.SplittableRandom;

/**
 * node2vec + logistic regression: embeddings of the previous week's network, and a logistic regression on
 * the Hadamard product of two embeddings, fitted on that week's links against as many seeded non-links.
 * A node the previous week lacks has a zero embedding.
 */
public final class Node2VecLinkScorer implements LinkScorer {
    public static final String NAME = "node2vec-lr";
    private static final int EPOCHS = 5;
    private static final double LEARNING_RATE = 0.05;

    private final Map<String, Integer> previousIndex;
    private final float[][] embeddings;
    private final double[] coefficients;

    public Node2VecLinkScorer(NetworkWeek previous, Node2Vec.Settings settings) {
        this.previousIndex = previous.indexById();
        this.embeddings = Node2Vec.embed(previous, settings);
        int d = settings.dimensions();
        SplittableRandom random = new SplittableRandom(NegativeSampler.seedFor(settings.seed(), previous.week, NAME));
        int m = previous.linkCount();
        int[][] negatives = NegativeSampler.nonLinks(LinkSet.of(previous), previous.nodeCount(), m, random);
        double[] w = new double[d + 1];
        int[] order = NegativeSampler.choose(2 * m, 2 * m, random);
        for (int epoch = 0; epoch < EPOCHS; epoch++) {
            for (int i : order) {
                boolean positive = i < m;
                int s = positive ? previous.linkSources[i] : negatives[0][i - m];
                int t = positive ? previous.linkTargets[i] : negatives[1][i - m];
                double p = 1 / (1 + Math.exp(-linear(w, embeddings[s], embeddings[t])));
                double g = ((positive ? 1 : 0) - p) * LEARNING_RATE;
                for (int k = 0; k < d; k++) {
                    w[k] += g * embeddings[s][k] * embeddings[t][k];
                }
                w[d] += g;
            }
        }
        this.coefficients = w;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public double[] score(NetworkWeek week, int[] sources, int[] targets) {
        int[] at = NodeAlignment.of(week, previousIndex);
        float[] zero = new float[coefficients.length - 1];
        double[] scores = new double[sources.length];
        for (int k = 0; k < scores.length; k++) {
            float[] s = at[sources[k]] < 0 ? zero : embeddings[at[sources[k]]];
            float[] t = at[targets[k]] < 0 ? zero : embeddings[at[targets[k]]];
            scores[k] = linear(coefficients, s, t);
        }
        return scores;
    }

    private static double linear(double[] w, float[] s, float[] t) {
        double z = w[w.length - 1];
        for (int k = 0; k < s.length; k++) {
            z += w[k] * s[k] * t[k];
        }
        return z;
    }
}
