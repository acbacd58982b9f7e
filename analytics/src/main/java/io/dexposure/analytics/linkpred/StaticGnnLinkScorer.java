package io.dexposure.analytics.linkpred;

import io.dexposure.analytics.gnn.GatLayer;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import io.dexposure.analytics.gnn.Rows;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.training.GradientCollector;
import io.dexposure.analytics.gnn.GcnLayer;
import io.dexposure.analytics.gnn.Adam;
import io.dexposure.analytics.gnn.LinkLoss;
import io.dexposure.analytics.gnn.NodeFeatures;
import io.dexposure.analytics.gnn.NormalisedAdjacency;
import io.dexposure.analytics.gnn.GnnEngine;
import io.dexposure.analytics.week.NetworkWeek;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A static (non-recurrent) GNN link predictor, the shape DeXposure-FM's GCN and GAT baselines share:
 * ROLAND's node features, a preprocessing MLP, two message-passing layers (the subclass's), a
 * Hadamard-product decoder, logit(i, j) = (h_i ⊙ h_j) · w + b. No state carries from one week to the next.
 * <p>Training, once, on the training weeks of a {@link ChronologicalSplit}: each training week t's graph and
 * features are the input and week t+1's links the labels (positives between nodes present at t, as many
 * seeded non-links a week, resampled every epoch); one full-graph Adam step per week, weeks in a seeded
 * order. Early stopping on the validation weeks' loss (inputs t whose label week t+1 is a validation week;
 * with no validation week, on the training loss): the best epoch's parameters are kept. Test weeks are
 * never trained on. A week is scored from the week before it in the history: embeddings of that week's
 * graph, a node absent from it has a zero embedding. Seeded, one PyTorch thread: deterministic.
 */
public abstract class StaticGnnLinkScorer implements LinkScorer {
    /** The knobs, with the defaults the compare command uses; {@code hidden} are the two layers' widths. */
    public record Settings(int[] preprocess, int[] hidden, int heads, double learningRate, int maxEpochs, int patience,
                           int maxTrainingWeeks, double negativeRatio, long seed, int threads) {
        public Settings {
            if (preprocess.length != 2 || hidden.length != 2 || heads < 1 || learningRate <= 0 || maxEpochs < 1
                    || patience < 1 || maxTrainingWeeks < 1 || negativeRatio <= 0 || threads < 1) {
                throw new IllegalArgumentException("invalid static GNN settings: " + maxEpochs + " epochs, patience "
                        + patience + ", " + maxTrainingWeeks + " training weeks, " + heads + " heads");
            }
        }

        public static Settings defaults(long seed) {
            return new Settings(new int[] {128, 64}, new int[] {64, 32}, 2, 0.01, 30, 3, 52, 1.0, seed, 1);
        }

        /** Smaller and shorter: for tests. */
        public Settings small(int epochs) {
            return new Settings(new int[] {16, 16}, new int[] {16, 8}, heads, learningRate, epochs, patience,
                    maxTrainingWeeks, negativeRatio, seed, threads);
        }
    }

    /** What training did: epochs run, the epoch kept, its losses, the weeks used, wall time. */
    public record Training(int epochs, int bestEpoch, double trainLoss, double validationLoss, int trainWeeks,
                           int validationWeeks, double millis) {
    }

    /** A parameter's shape and its uniform initialisation bound (0: zeros). */
    protected record Parameter(int rows, int cols, double limit) {
        static Parameter glorot(int rows, int cols) {
            return new Parameter(rows, cols, Math.sqrt(6.0 / (rows + cols)));
        }

        static Parameter zeros(int rows, int cols) {
            return new Parameter(rows, cols, 0);
        }
    }

    /** One week's graph as the layers need it, made lazily in the step's manager. */
    protected static final class Graph {
        final NetworkWeek week;
        final NormalisedAdjacency normalised;
        private final NDManager manager;
        private NDArray adjacency;
        private GatLayer.Edges edges;

        Graph(NetworkWeek week, NDManager manager) {
            this.week = week;
            this.normalised = NormalisedAdjacency.of(week);
            this.manager = manager;
        }

        /** D^-1/2 (A + I) D^-1/2, sparse. */
        NDArray adjacency() {
            if (adjacency == null) {
                adjacency = normalised.toSparse(manager);
            }
            return adjacency;
        }

        /** The same pattern's edges, for attention. */
        GatLayer.Edges edges() {
            if (edges == null) {
                edges = GatLayer.Edges.of(normalised, manager);
            }
            return edges;
        }
    }

    protected final Settings settings;
    private final String name;
    private final List<NetworkWeek> history;
    private final Map<String, Integer> weekIndex = new HashMap<>();
    private List<Parameter> layout;
    private float[][] values;
    private Training training;
    private NetworkWeek cachedWeek;
    private Map<String, Integer> cachedIndex;
    private float[][] cachedEmbeddings;

    protected StaticGnnLinkScorer(String name, List<NetworkWeek> history, Settings settings) {
        this.name = name;
        this.history = List.copyOf(history);
        this.settings = settings;
        for (int i = 0; i < history.size(); i++) {
            weekIndex.put(history.get(i).week, i);
        }
    }

    /** The two message-passing layers' parameters, from the preprocessing width {@code in}. */
    protected abstract List<Parameter> layerParameters(int in);

    /** The two message-passing layers on the preprocessed features {@code z}; {@code w} holds only their parameters. */
    protected abstract NDArray layers(NDList w, Graph graph, NDArray z);

    /** Trains on the split's training weeks with early stopping on its validation weeks (the subclass's constructor calls it). */
    protected final void train(ChronologicalSplit split) {
        long started = System.nanoTime();
        layout = new ArrayList<>();
        int[] pre = settings.preprocess();
        layout.add(Parameter.glorot(NodeFeatures.COUNT, pre[0]));
        layout.add(Parameter.zeros(1, pre[0]));
        layout.add(Parameter.glorot(pre[0], pre[1]));
        layout.add(Parameter.zeros(1, pre[1]));
        layout.addAll(layerParameters(pre[1]));
        layout.add(Parameter.glorot(settings.hidden()[1], 1));
        layout.add(Parameter.zeros(1, 1));
        values = initialise(layout, new SplittableRandom(NegativeSampler.seedFor(settings.seed(), "", name())));
        float[][] first = zerosLike(values);
        float[][] second = zerosLike(values);
        long adamSteps = 0;

        int lastTrainInput = split.train() - 2;
        int firstTrainInput = Math.max(0, lastTrainInput + 1 - settings.maxTrainingWeeks());
        int lastValidationInput = split.firstTest() - 2;
        int trainWeeks = lastTrainInput - firstTrainInput + 1;
        int validationWeeks = lastValidationInput - lastTrainInput;
        Engine engine = GnnEngine.load(settings.threads());
        double best = Double.POSITIVE_INFINITY;
        double bestTrainLoss = Double.NaN;
        int bestEpoch = -1;
        float[][] bestValues = null;
        int sinceBest = 0;
        int epochs = 0;
        try (NDManager manager = engine.newBaseManager()) {
            for (int epoch = 0; epoch < settings.maxEpochs(); epoch++) {
                epochs++;
                SplittableRandom order = new SplittableRandom(NegativeSampler.seedFor(settings.seed(), "epoch " + epoch, name()));
                double trainLoss = 0;
                for (int k : NegativeSampler.choose(trainWeeks, trainWeeks, order)) {
                    int t = firstTrainInput + k;
                    float[][] gradients = new float[values.length][];
                    try (NDManager m = manager.newSubManager()) {
                        LabelPairs pairs = LabelPairs.of(history.get(t), history.get(t + 1), settings.negativeRatio(),
                                NegativeSampler.seedFor(settings.seed(), history.get(t + 1).week + "#" + epoch, name()));
                        if (pairs.count() == 0) {
                            continue;
                        }
                        NDList w = parameters(m, true);
                        try (GradientCollector collector = GnnEngine.newGradientCollector(engine)) {
                            NDArray loss = loss(m, w, t, pairs);
                            trainLoss += loss.getFloat() / trainWeeks;
                            collector.backward(loss);
                        }
                        for (int p = 0; p < values.length; p++) {
                            gradients[p] = w.get(p).getGradient().toFloatArray();
                        }
                    }
                    adamSteps++;
                    for (int p = 0; p < values.length; p++) {
                        Adam.update(values[p], first[p], second[p], gradients[p], adamSteps, settings.learningRate());
                    }
                }
                double criterion = validationWeeks > 0 ? validationLoss(manager, lastTrainInput + 1, lastValidationInput) : trainLoss;
                if (criterion < best - 1e-7) {
                    best = criterion;
                    bestEpoch = epoch;
                    bestTrainLoss = trainLoss;
                    bestValues = copy(values);
                    sinceBest = 0;
                } else if (++sinceBest >= settings.patience()) {
                    break;
                }
            }
        }
        if (bestValues != null) {
            values = bestValues;
        }
        training = new Training(epochs, bestEpoch, bestTrainLoss, best, trainWeeks, Math.max(0, validationWeeks),
                (System.nanoTime() - started) / 1e6);
    }

    @Override
    public String name() {
        return name;
    }

    public Training training() {
        return training;
    }

    @Override
    public double[] score(NetworkWeek week, int[] sources, int[] targets) {
        Integer at = weekIndex.get(week.week);
        if (at == null || at == 0) {
            throw new IllegalArgumentException("week " + week.week + " has no earlier week in the history");
        }
        return scoreFrom(at - 1, week, sources, targets);
    }

    /** Scores pairs of {@code week} from history week {@code from}'s embeddings (any earlier week: horizons beyond one). */
    public double[] scoreFrom(int from, NetworkWeek week, int[] sources, int[] targets) {
        NetworkWeek previous = history.get(from);
        if (cachedWeek != previous) {
            cachedEmbeddings = embeddings(from);
            cachedIndex = previous.indexById();
            cachedWeek = previous;
        }
        int[] aligned = NodeAlignment.of(week, cachedIndex);
        float[] w = values[values.length - 2];
        double b = values[values.length - 1][0];
        double[] scores = new double[sources.length];
        for (int k = 0; k < scores.length; k++) {
            int s = aligned[sources[k]];
            int t = aligned[targets[k]];
            double z = b;
            if (s >= 0 && t >= 0) {
                for (int d = 0; d < w.length; d++) {
                    z += (double) cachedEmbeddings[s][d] * cachedEmbeddings[t][d] * w[d];
                }
            }
            scores[k] = z;
        }
        return scores;
    }

    /** The last layer's embeddings of history week {@code t}, one row per node. */
    float[][] embeddings(int t) {
        Engine engine = GnnEngine.load(settings.threads());
        try (NDManager m = engine.newBaseManager()) {
            NetworkWeek week = history.get(t);
            float[] flat = encode(m, parameters(m, false), t).toFloatArray();
            int d = settings.hidden()[1];
            float[][] rows = new float[week.nodeCount()][];
            for (int i = 0; i < rows.length; i++) {
                rows[i] = java.util.Arrays.copyOfRange(flat, i * d, (i + 1) * d);
            }
            return rows;
        }
    }

    private NDArray encode(NDManager m, NDList w, int t) {
        NetworkWeek week = history.get(t);
        NDArray x = m.create(features(t), new Shape(week.nodeCount(), NodeFeatures.COUNT));
        NDArray z = Activation.leakyRelu(x.matMul(w.get(0)).add(w.get(1)), GcnLayer.LEAKY_SLOPE);
        z = Activation.leakyRelu(z.matMul(w.get(2)).add(w.get(3)), GcnLayer.LEAKY_SLOPE);
        return layers(w.subNDList(4), new Graph(week, m), z);
    }

    private NDArray loss(NDManager m, NDList w, int t, LabelPairs pairs) {
        NDArray h = encode(m, w, t);
        NDArray hs = Rows.of(h, m.create(pairs.sources));
        NDArray ht = Rows.of(h, m.create(pairs.targets));
        NDArray logits = hs.mul(ht).matMul(w.get(w.size() - 2)).flatten().add(w.get(w.size() - 1).flatten());
        return LinkLoss.binaryCrossEntropy(logits, m.create(pairs.signs));
    }

    private double validationLoss(NDManager manager, int from, int to) {
        double sum = 0;
        int weeks = 0;
        for (int t = from; t <= to; t++) {
            try (NDManager m = manager.newSubManager()) {
                LabelPairs pairs = LabelPairs.of(history.get(t), history.get(t + 1), settings.negativeRatio(),
                        NegativeSampler.seedFor(settings.seed(), history.get(t + 1).week, name() + " validation"));
                if (pairs.count() > 0) {
                    sum += loss(m, parameters(m, false), t, pairs).getFloat();
                    weeks++;
                }
            }
        }
        return weeks == 0 ? Double.POSITIVE_INFINITY : sum / weeks;
    }

    /** ROLAND's features of history week t (last week's log-TVL change from week t-1, by protocol id). */
    private float[] features(int t) {
        NetworkWeek week = history.get(t);
        float[] last = new float[week.nodeCount()];
        java.util.Arrays.fill(last, Float.NaN);
        if (t > 0) {
            NetworkWeek before = history.get(t - 1);
            int[] at = NodeAlignment.of(week, before.indexById());
            for (int i = 0; i < last.length; i++) {
                if (at[i] >= 0) {
                    last[i] = NodeFeatures.logTvl(before.tvlUsd[at[i]]);
                }
            }
        }
        return NodeFeatures.of(week, last, t > 0 ? history.get(t - 1) : null);
    }

    private NDList parameters(NDManager m, boolean gradients) {
        NDList list = new NDList(values.length);
        for (int p = 0; p < values.length; p++) {
            NDArray array = m.create(values[p], new Shape(layout.get(p).rows(), layout.get(p).cols()));
            if (gradients) {
                array.setRequiresGradient(true);
            }
            list.add(array);
        }
        return list;
    }

    private static float[][] initialise(List<Parameter> layout, SplittableRandom random) {
        float[][] values = new float[layout.size()][];
        for (int p = 0; p < values.length; p++) {
            Parameter spec = layout.get(p);
            values[p] = new float[spec.rows() * spec.cols()];
            for (int i = 0; i < values[p].length; i++) {
                values[p][i] = (float) ((random.nextDouble() * 2 - 1) * spec.limit());
            }
        }
        return values;
    }

    private static float[][] zerosLike(float[][] values) {
        float[][] z = new float[values.length][];
        for (int p = 0; p < values.length; p++) {
            z[p] = new float[values[p].length];
        }
        return z;
    }

    private static float[][] copy(float[][] values) {
        float[][] c = new float[values.length][];
        for (int p = 0; p < values.length; p++) {
            c[p] = values[p].clone();
        }
        return c;
    }

    /** Week t+1's links in week t's node positions (both ends present, no self-loops) and seeded non-links. */
    record LabelPairs(long[] sources, long[] targets, float[] signs) {
        int count() {
            return signs.length;
        }

        static LabelPairs of(NetworkWeek input, NetworkWeek labels, double negativeRatio, long seed) {
            int n = input.nodeCount();
            int[] at = NodeAlignment.of(labels, input.indexById());
            int[] ps = new int[labels.linkCount()];
            int[] pt = new int[labels.linkCount()];
            int p = 0;
            for (int k = 0; k < labels.linkCount(); k++) {
                int s = at[labels.linkSources[k]];
                int t = at[labels.linkTargets[k]];
                if (s >= 0 && t >= 0 && s != t) {
                    ps[p] = s;
                    pt[p] = t;
                    p++;
                }
            }
            int[][] negatives = NegativeSampler.nonLinks(LinkSet.of(n, java.util.Arrays.copyOf(ps, p),
                    java.util.Arrays.copyOf(pt, p)), n, (int) Math.round(p * negativeRatio), new SplittableRandom(seed));
            int total = p + negatives[0].length;
            long[] sources = new long[total];
            long[] targets = new long[total];
            float[] signs = new float[total];
            for (int i = 0; i < total; i++) {
                boolean positive = i < p;
                sources[i] = positive ? ps[i] : negatives[0][i - p];
                targets[i] = positive ? pt[i] : negatives[1][i - p];
                signs[i] = positive ? 1f : -1f;
            }
            return new LabelPairs(sources, targets, signs);
        }
    }
}
