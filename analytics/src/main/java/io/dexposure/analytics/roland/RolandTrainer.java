package io.dexposure.analytics.roland;

import io.dexposure.analytics.gnn.NodeFeatures;
import io.dexposure.analytics.gnn.NormalisedAdjacency;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.dexposure.analytics.gnn.GnnEngine;
import io.dexposure.analytics.linkpred.LinkSet;
import io.dexposure.analytics.linkpred.NegativeSampler;
import io.dexposure.analytics.week.NetworkWeek;

import java.util.Map;
import java.util.SplittableRandom;

/**
 * ROLAND's live-update fine-tuning: the previous step (week t-1's graph, features and input states) is
 * replayed with week t's links as labels: positives are week t's links between nodes both present at
 * t-1, negatives seeded random non-links, split into train and an internal validation set. Full-graph
 * Adam steps until the validation loss has not improved for {@code patience} epochs; the best
 * parameters are kept. Truncated BPTT: the input states are constants.
 */
public final class RolandTrainer {
    private final RolandSettings settings;
    private final Engine engine;

    public RolandTrainer(RolandSettings settings, Engine engine) {
        this.settings = settings;
        this.engine = engine;
    }

    /** @param inputLinks the pair features of the step's week ({@link PairFeatures#of} or {@link PairFeatures#byId} of it) */
    public TrainingOutcome fineTune(NDManager manager, RolandParameters parameters, RolandStep step, NetworkWeek labels,
                                    PairFeatures inputLinks) {
        NetworkWeek input = step.week();
        int n = input.nodeCount();
        if (n < 2 || settings.maxEpochs == 0) {
            return TrainingOutcome.none();
        }
        LabelPairs pairs = LabelPairs.of(input, labels, settings, NegativeSampler.seedFor(settings.seed, labels.week, "training"));
        if (pairs.trainCount == 0) {
            return TrainingOutcome.none();
        }
        int h1 = parameters.hidden1();
        int h2 = parameters.hidden2();
        try (NDManager m = manager.newSubManager()) {
            NDArray x = m.create(step.features(), new Shape(n, NodeFeatures.COUNT));
            NDArray adjacency = NormalisedAdjacency.of(input).toSparse(m);
            NDArray states = m.create(step.inputStates(), new Shape(n, h1 + h2));
            NDArray state1 = states.get(new NDIndex(":, 0:{}", h1));
            NDArray state2 = states.get(new NDIndex(":, {}:", h1));
            NDArray trainSources = m.create(pairs.trainSources);
            NDArray trainTargets = m.create(pairs.trainTargets);
            NDArray trainSigns = m.create(pairs.trainSigns);
            NDArray trainPairs = m.create(inputLinks.of(pairs.trainSources, pairs.trainTargets),
                    new Shape(pairs.trainCount, PairFeatures.COUNT));
            boolean validated = pairs.validationCount > 0;
            NDArray valSources = validated ? m.create(pairs.validationSources) : null;
            NDArray valTargets = validated ? m.create(pairs.validationTargets) : null;
            NDArray valSigns = validated ? m.create(pairs.validationSigns) : null;
            NDArray valPairs = validated ? m.create(inputLinks.of(pairs.validationSources, pairs.validationTargets),
                    new Shape(pairs.validationCount, PairFeatures.COUNT)) : null;

            double best = Double.POSITIVE_INFINITY;
            int bestEpoch = -1;
            double bestTrainLoss = Double.NaN;
            float[][] bestValues = null;
            int sinceBest = 0;
            int epochs = 0;
            for (int epoch = 0; epoch < settings.maxEpochs; epoch++) {
                epochs++;
                float[][] gradients = null;
                boolean stop = false;
                try (NDManager e = m.newSubManager()) {
                    NDList w = RolandModel.parameters(e, parameters, true);
                    try (GradientCollector collector = GnnEngine.newGradientCollector(engine)) {
                        NDList h = RolandModel.forward(w, x, adjacency, state1, state2);
                        NDArray loss = RolandModel.loss(RolandModel.logits(w, h.get(1), trainSources, trainTargets, trainPairs), trainSigns);
                        NDArray validation = validated
                                ? RolandModel.loss(RolandModel.logits(w, h.get(1).stopGradient(), valSources, valTargets, valPairs), valSigns)
                                : loss;
                        double trainLoss = loss.getFloat();
                        double valLoss = validation.getFloat();
                        // The validation loss belongs to the parameters before this epoch's update.
                        if (valLoss < best - 1e-7) {
                            best = valLoss;
                            bestEpoch = epoch;
                            bestTrainLoss = trainLoss;
                            bestValues = parameters.copyValues();
                            sinceBest = 0;
                        } else if (++sinceBest >= settings.patience) {
                            stop = true;
                        }
                        // An update after the last validation would be undone by restoring the best parameters, so
                        // that epoch's backward pass (the costliest part of it) and update are skipped: less time, and
                        // no Adam moments left behind by an update that was thrown away.
                        if (stop || (epoch == settings.maxEpochs - 1 && bestValues != null)) {
                            break;
                        }
                        collector.backward(loss);
                    }
                    gradients = new float[RolandParameters.COUNT][];
                    for (int p = 0; p < RolandParameters.COUNT; p++) {
                        gradients[p] = w.get(p).getGradient().toFloatArray();
                    }
                }
                parameters.adamStep(gradients, settings.learningRate);
            }
            if (bestValues != null) {
                parameters.restoreValues(bestValues);
            }
            return new TrainingOutcome(epochs, bestEpoch, bestTrainLoss, best, pairs.trainCount, pairs.validationCount, labels.week);
        }
    }

    /** Labelled pairs in the input week's node positions, shuffled and split (seeded). */
    static final class LabelPairs {
        long[] trainSources;
        long[] trainTargets;
        float[] trainSigns;
        long[] validationSources;
        long[] validationTargets;
        float[] validationSigns;
        int trainCount;
        int validationCount;

        static LabelPairs of(NetworkWeek input, NetworkWeek labels, RolandSettings settings, long seed) {
            Map<String, Integer> index = input.indexById();
            int n = input.nodeCount();
            int[] ps = new int[labels.linkCount()];
            int[] pt = new int[labels.linkCount()];
            int p = 0;
            for (int k = 0; k < labels.linkCount(); k++) {
                Integer s = index.get(labels.ids[labels.linkSources[k]]);
                Integer t = index.get(labels.ids[labels.linkTargets[k]]);
                if (s != null && t != null && !s.equals(t)) {
                    ps[p] = s;
                    pt[p] = t;
                    p++;
                }
            }
            ps = java.util.Arrays.copyOf(ps, p);
            pt = java.util.Arrays.copyOf(pt, p);
            SplittableRandom random = new SplittableRandom(seed);
            int negatives = (int) Math.round(p * settings.negativeRatio);
            LinkSet positives = LinkSet.of(n, ps, pt);
            int[][] neg = NegativeSampler.nonLinks(positives, n, negatives, random);
            nearNegatives(input, ps, positives, neg, settings.nearNegativeShare, random);
            int total = p + negatives;
            int[] order = NegativeSampler.choose(total, total, random);
            int validation = (int) Math.floor(total * settings.validationShare);
            LabelPairs pairs = new LabelPairs();
            pairs.validationCount = validation;
            pairs.trainCount = total - validation;
            pairs.validationSources = new long[validation];
            pairs.validationTargets = new long[validation];
            pairs.validationSigns = new float[validation];
            pairs.trainSources = new long[total - validation];
            pairs.trainTargets = new long[total - validation];
            pairs.trainSigns = new float[total - validation];
            for (int i = 0; i < total; i++) {
                int pair = order[i];
                boolean positive = pair < p;
                long s = positive ? ps[pair] : neg[0][pair - p];
                long t = positive ? pt[pair] : neg[1][pair - p];
                float sign = positive ? 1f : -1f;
                if (i < validation) {
                    pairs.validationSources[i] = s;
                    pairs.validationTargets[i] = t;
                    pairs.validationSigns[i] = sign;
                } else {
                    pairs.trainSources[i - validation] = s;
                    pairs.trainTargets[i - validation] = t;
                    pairs.trainSigns[i - validation] = sign;
                }
            }
            return pairs;
        }

        /**
         * Replaces the first share of the negatives by pairs near the positives: a random positive's holder with
         * a random issuer of the input week that is not a label link of that holder.
         */
        static void nearNegatives(NetworkWeek input, int[] positiveSources, LinkSet positives, int[][] negatives,
                                  double share, SplittableRandom random) {
            int count = (int) Math.round(negatives[0].length * share);
            if (count == 0 || positiveSources.length == 0) {
                return;
            }
            boolean[] issuer = new boolean[input.nodeCount()];
            int issuers = 0;
            for (int k = 0; k < input.linkCount(); k++) {
                if (!issuer[input.linkTargets[k]]) {
                    issuer[input.linkTargets[k]] = true;
                    issuers++;
                }
            }
            if (issuers == 0) {
                return;
            }
            int[] list = new int[issuers];
            int c = 0;
            for (int i = 0; i < issuer.length; i++) {
                if (issuer[i]) {
                    list[c++] = i;
                }
            }
            for (int i = 0; i < count; i++) {
                int s = positiveSources[random.nextInt(positiveSources.length)];
                int t = list[random.nextInt(list.length)];
                for (int tries = 0; (t == s || positives.contains(s, t)) && tries < 16; tries++) {
                    t = list[random.nextInt(list.length)];
                }
                if (t != s && !positives.contains(s, t)) {
                    negatives[0][i] = s;
                    negatives[1][i] = t;
                }
            }
        }
    }
}
