package io.dexposure.analytics.roland;

import java.io.Serializable;
import java.util.Arrays;

/** ROLAND's knobs (sizes, training, sampling, output), with the defaults the job flags document. */
public class RolandSettings implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Preprocessing MLP widths (DeXposure-FM: 128, 64). */
    public int[] preprocessSizes = {128, 64};
    /** GCN + GRU layer widths (DeXposure-FM: 64, 32); the last one is the embedding the decoder reads. */
    public int[] gnnSizes = {64, 32};
    /**
     * Fine-tuning: Adam's learning rate, epochs per week at most (one full-graph step each) and epochs without a
     * better internal-validation loss before it stops. 3 epochs at 0.02 scored as well as 5 at 0.01 on the churned
     * sample (AUPRC h=1 0.799 against 0.784, h=4 0.726 against 0.731; docs/models.md) for about half the fine-tuning
     * time, which the live update's 1 s budget per real-scale week needs.
     */
    public double learningRate = 0.02;
    public int maxEpochs = 3;
    public int patience = 1;
    /** Share of next-week links held out for early stopping. */
    public double validationShare = 0.2;
    /** Negatives per positive, in training and in evaluation. */
    public double negativeRatio = 1.0;
    /** New exposures predicted per week. */
    public int topK = 100;
    /** MRR: sampled positives per week, and the negatives each is ranked against. */
    public int mrrQueries = 1000;
    public int mrrCandidates = 100;
    /** Also score the neighbourhood heuristics live (persistence always runs). */
    public boolean liveBaselines = true;
    /** Decoder reads the {@link PairFeatures} (link at the prediction week, its size); off: zeros (ablation). */
    public boolean pairFeatures = true;
    /** Node features include last week's churn (links opened and closed); off: zeros (ablation). */
    public boolean churnFeatures = true;
    /**
     * Share of the training negatives drawn near the positives: a positive's holder with a random issuer of the
     * week (a node with an incoming link) instead of a uniform pair. 0 = all uniform.
     */
    public double nearNegativeShare = 0.0;
    public long seed = 42;
    /** PyTorch intra-op threads; a fixed count keeps training deterministic. */
    public int threads = 1;

    public RolandSettings() {
    }

    public int hidden1() {
        return gnnSizes[0];
    }

    public int hidden2() {
        return gnnSizes[1];
    }

    public void validate() {
        if (preprocessSizes.length != 2 || gnnSizes.length != 2) {
            throw new IllegalArgumentException("ROLAND takes two preprocessing and two GNN sizes, got "
                    + Arrays.toString(preprocessSizes) + " and " + Arrays.toString(gnnSizes));
        }
        if (maxEpochs < 0 || patience < 1 || validationShare < 0 || validationShare >= 1 || negativeRatio <= 0
                || topK < 0 || threads < 1 || learningRate <= 0 || nearNegativeShare < 0 || nearNegativeShare > 1) {
            throw new IllegalArgumentException("invalid ROLAND settings: epochs " + maxEpochs + ", patience " + patience
                    + ", validation share " + validationShare + ", negative ratio " + negativeRatio + ", top-K " + topK
                    + ", threads " + threads + ", learning rate " + learningRate + ", near-negative share " + nearNegativeShare);
        }
    }
}
