package io.dexposure.job.options;

import io.dexposure.analytics.roland.RolandSettings;
import picocli.CommandLine.Option;

import java.io.Serializable;

/**
 * ROLAND, the temporal GNN, and the live link-prediction baselines. One option group: a picocli mixin for the commands that
 * need it, and what the operators of this concern receive. The job's own {@code main} reads the same
 * flags without picocli ({@link JobArguments}).
 */
public class RolandOptions implements Serializable {
    private static final long serialVersionUID = 1L;
    /** The defaults live in one place, the plain settings class. */
    private static final RolandSettings DEFAULTS = new RolandSettings();

    @Option(names = "--roland", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Run ROLAND's live update after the week sequencer: score last week's predictions, fine-tune, advance the states, predict next week; --no-roland leaves it out (default: ${DEFAULT-VALUE}).")
    public boolean roland = true;

    @Option(names = "--roland-preprocess-sizes", split = ",", description = "Widths of ROLAND's two preprocessing layers (default: 128,64).")
    public int[] rolandPreprocessSizes = {128, 64};

    @Option(names = "--roland-gnn-sizes", split = ",", description = "Widths of the two GCN + GRU layers; the last is the embedding the decoder reads (default: 64,32).")
    public int[] rolandGnnSizes = {64, 32};

    @Option(names = "--roland-learning-rate", description = "Adam learning rate of the weekly fine-tuning (default: ${DEFAULT-VALUE}).")
    public double rolandLearningRate = DEFAULTS.learningRate;

    @Option(names = "--roland-max-epochs", description = "Fine-tuning epochs per week at most, one full-graph step each (default: ${DEFAULT-VALUE}).")
    public int rolandMaxEpochs = DEFAULTS.maxEpochs;

    @Option(names = "--roland-patience", description = "Epochs without a better internal-validation loss before fine-tuning stops (default: ${DEFAULT-VALUE}).")
    public int rolandPatience = DEFAULTS.patience;

    @Option(names = "--roland-validation-share", description = "Share of next-week links held out for early stopping (default: ${DEFAULT-VALUE}).")
    public double rolandValidationShare = 0.2;

    @Option(names = "--roland-negative-ratio", description = "Sampled non-links per link, in training and in evaluation (default: ${DEFAULT-VALUE}).")
    public double rolandNegativeRatio = 1.0;

    @Option(names = "--roland-top-k", description = "New exposures predicted per week (default: ${DEFAULT-VALUE}).")
    public int rolandTopK = 100;

    @Option(names = "--roland-mrr-queries", description = "Links per week ranked for the MRR (default: ${DEFAULT-VALUE}).")
    public int rolandMrrQueries = 1000;

    @Option(names = "--roland-mrr-candidates", description = "Sampled non-link targets each MRR query is ranked against (default: ${DEFAULT-VALUE}).")
    public int rolandMrrCandidates = 100;

    @Option(names = "--roland-live-baselines", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Also score common neighbours, Adamic-Adar, Jaccard and preferential attachment every week (persistence always runs) (default: ${DEFAULT-VALUE}).")
    public boolean rolandLiveBaselines = true;

    @Option(names = "--roland-seed", description = "Seed of the initial parameters and of every negative sample (default: ${DEFAULT-VALUE}).")
    public long rolandSeed = 42;

    @Option(names = "--roland-threads", description = "PyTorch threads; a fixed count keeps training deterministic across restarts (default: ${DEFAULT-VALUE}).")
    public int rolandThreads = 1;

    @Option(names = "--roland-pair-features", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "ROLAND's decoder also reads whether the pair is a link of the week predicted from and its log size (default: ${DEFAULT-VALUE}).")
    public boolean rolandPairFeatures = true;

    @Option(names = "--roland-churn-features", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "ROLAND's node features include the shares of a node's links opened and closed since last week (default: ${DEFAULT-VALUE}).")
    public boolean rolandChurnFeatures = true;

    @Option(names = "--roland-near-negatives", description = "Share of ROLAND's training negatives drawn near the positives (a positive's holder, a random issuer) instead of uniform (default: ${DEFAULT-VALUE}).")
    public double rolandNearNegatives = 0.0;

    /** The ROLAND flags as the model's settings. */
    public RolandSettings settings() {
        RolandSettings s = new RolandSettings();
        s.preprocessSizes = rolandPreprocessSizes.clone();
        s.gnnSizes = rolandGnnSizes.clone();
        s.learningRate = rolandLearningRate;
        s.maxEpochs = rolandMaxEpochs;
        s.patience = rolandPatience;
        s.validationShare = rolandValidationShare;
        s.negativeRatio = rolandNegativeRatio;
        s.topK = rolandTopK;
        s.mrrQueries = rolandMrrQueries;
        s.mrrCandidates = rolandMrrCandidates;
        s.liveBaselines = rolandLiveBaselines;
        s.seed = rolandSeed;
        s.threads = rolandThreads;
        s.pairFeatures = rolandPairFeatures;
        s.churnFeatures = rolandChurnFeatures;
        s.nearNegativeShare = rolandNearNegatives;
        return s;
    }
}
