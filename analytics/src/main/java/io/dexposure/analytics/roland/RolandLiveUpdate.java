package io.dexposure.analytics.roland;

import io.dexposure.analytics.gnn.NodeFeatures;
import io.dexposure.analytics.gnn.NormalisedAdjacency;
import io.dexposure.analytics.gnn.GnnEngine;
import io.dexposure.analytics.linkpred.ModelQuality;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import io.dexposure.analytics.linkpred.EvaluationPairs;
import io.dexposure.analytics.linkpred.LinkScorer;
import io.dexposure.analytics.linkpred.NeighbourhoodScorer;
import io.dexposure.analytics.linkpred.PersistenceScorer;
import io.dexposure.analytics.week.NetworkWeek;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * ROLAND's live-update loop, one complete week at a time in week order, without Flink (the operator
 * {@code RolandUpdateFunction} (job module) only keeps the {@link RolandMemory} in managed state). For week t:
 * <ol>
 *   <li>score the predictions made at t-1 against week t's links (ROLAND, persistence and the
 *       neighbourhood heuristics on the same seeded pairs);</li>
 *   <li>fine-tune on the previous step (week t-1's graph and input states) with week t's links as labels,
 *       early stopping on an internal validation split;</li>
 *   <li>advance every layer's state on week t (protocols absent this week keep theirs);</li>
 *   <li>predict week t+1: each existing exposure's persistence probability and the top-K new exposures.</li>
 * </ol>
 * Week t+1 is never seen before its predictions are made. Everything is seeded and single-pass, so the
 * same memory and the same week always give the same result (restart equivalence).
 */
public final class RolandLiveUpdate implements AutoCloseable {
    public static final String MODEL = "roland";
    private static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();

    private final RolandSettings settings;
    private final NDManager manager;
    private final RolandTrainer trainer;
    /** One daemon thread that scores the reference models while the calling thread trains (see {@link #process}). */
    private final ExecutorService referenceScoring = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "roland-reference-scoring");
        t.setDaemon(true);
        return t;
    });

    public RolandLiveUpdate(RolandSettings settings) {
        settings.validate();
        this.settings = settings;
        Engine engine = GnnEngine.load(settings.threads);
        this.manager = engine.newBaseManager();
        this.trainer = new RolandTrainer(settings, engine);
    }

    public WeekUpdate process(NetworkWeek week, RolandMemory memory) throws Exception {
        if (!week.complete) {
            return WeekUpdate.skipped(week.week, "rejected week: no network, state kept");
        }
        RolandStep previous = memory.previousStep();
        if (previous != null && week.week.compareTo(previous.week().week) <= 0) {
            return WeekUpdate.skipped(week.week, "not after the last week the model saw (" + previous.week().week + ")");
        }
        byte[] stored = memory.model();
        RolandParameters parameters = stored == null ? null : RolandParameters.fromBytes(stored);
        if (parameters == null || !parameters.fits(settings, NodeFeatures.COUNT)) {
            parameters = RolandParameters.initialise(settings, NodeFeatures.COUNT);
        }

        long cpu0 = CPU.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        List<ModelQuality> quality = new ArrayList<>();
        Future<ReferenceScores> references = null;
        TrainingOutcome training = TrainingOutcome.none();
        // Last week's links as pair features, built once for the scoring, the weight head and the fine-tuning.
        PairFeatures madeAt = previous == null ? null : PairFeatures.byId(previous.week(), settings.pairFeatures);
        Double weightMae = null;
        if (previous != null) {
            EvaluationPairs pairs = EvaluationPairs.sample(week, settings.negativeRatio, settings.mrrQueries,
                    settings.mrrCandidates, settings.seed);
            if (pairs.positives() > 0) {
                // ROLAND's own score reads the states before this week's advance, so it runs here, first.
                quality.add(pairs.quality(new RolandLinkScorer(parameters, memory, madeAt)));
                // Persistence and the heuristics need only last week's network and these pairs: they are scored on the
                // second core while this thread fine-tunes, so they cost the live update no wall time.
                NetworkWeek before = previous.week();
                references = referenceScoring.submit(() -> scoreReferences(pairs, before));
            }
            weightMae = refitWeightHead(week, previous.week(), madeAt, parameters, memory);
        }
        long t1 = System.nanoTime();
        if (previous != null) {
            training = trainer.fineTune(manager, parameters, previous, week, madeAt);
        }
        long t2 = System.nanoTime();
        float[] embeddings = advance(week, parameters, memory);
        memory.model(parameters.toBytes());
        long t3 = System.nanoTime();
        List<LinkPrediction> predictions = predict(week, parameters, embeddings, memory.weightHead());
        long t4 = System.nanoTime();
        double baselines = 0;
        if (references != null) {
            ReferenceScores scored = joined(references);
            baselines = scored.millis();
            quality.addAll(scored.quality());
        }
        long t5 = System.nanoTime();

        WeekUpdate update = new WeekUpdate(week.week, false, null, quality, predictions, training,
                (t1 - t0 + t5 - t4) / 1e6, (t2 - t1) / 1e6, (t3 - t2) / 1e6, (t4 - t3) / 1e6, baselines,
                (CPU.getCurrentThreadCpuTime() - cpu0) / 1e6);
        for (ModelQuality q : quality) {
            if (MODEL.equals(q.model)) {
                q.stepMillis = Math.round(update.stepMillis());
                q.epochs = training.epochs();
                q.trainLoss = Double.isNaN(training.trainLoss()) ? null : training.trainLoss();
                q.weightMae = weightMae;
            }
        }
        return update;
    }

    /** Persistence's and the heuristics' quality, and the worker's wall milliseconds for them. */
    private record ReferenceScores(List<ModelQuality> quality, double millis) {
    }

    /** Persistence, then the neighbourhood heuristics when they are on, on the week's pairs (the worker's task). */
    private ReferenceScores scoreReferences(EvaluationPairs pairs, NetworkWeek before) {
        long b = System.nanoTime();
        List<ModelQuality> out = new ArrayList<>();
        out.add(pairs.quality(new PersistenceScorer(before)));
        if (settings.liveBaselines) {
            for (LinkScorer scorer : NeighbourhoodScorer.all(before)) {
                out.add(pairs.quality(scorer));
            }
        }
        return new ReferenceScores(out, (System.nanoTime() - b) / 1e6);
    }

    private static ReferenceScores joined(Future<ReferenceScores> future) throws Exception {
        try {
            return future.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    /** Step 3: new states for the week's nodes; returns the last layer's states (n x H2, row-major). */
    private float[] advance(NetworkWeek week, RolandParameters parameters, RolandMemory memory) throws Exception {
        int n = week.nodeCount();
        int h1 = parameters.hidden1();
        int h2 = parameters.hidden2();
        int width = h1 + h2;
        float[] inputStates = new float[n * width];
        float[] lastLogTvl = new float[n];
        for (int i = 0; i < n; i++) {
            float[] state = memory.nodeState(week.ids[i]);
            if (state == null) {
                lastLogTvl[i] = Float.NaN;
            } else {
                System.arraycopy(state, 0, inputStates, i * width, width);
                lastLogTvl[i] = state[width];
            }
        }
        RolandStep before = memory.previousStep();
        float[] features = NodeFeatures.of(week, lastLogTvl, settings.churnFeatures && before != null ? before.week() : null);
        float[] next1;
        float[] next2;
        try (NDManager m = manager.newSubManager()) {
            NDList w = RolandModel.parameters(m, parameters, false);
            NDArray x = m.create(features, new Shape(n, NodeFeatures.COUNT));
            NDArray states = m.create(inputStates, new Shape(n, width));
            NDList h = RolandModel.forward(w, x, NormalisedAdjacency.of(week).toSparse(m),
                    states.get(new NDIndex(":, 0:{}", h1)), states.get(new NDIndex(":, {}:", h1)));
            next1 = h.get(0).toFloatArray();
            next2 = h.get(1).toFloatArray();
        }
        for (int i = 0; i < n; i++) {
            float[] state = new float[width + 1];
            System.arraycopy(next1, i * h1, state, 0, h1);
            System.arraycopy(next2, i * h2, state, h1, h2);
            state[width] = NodeFeatures.logTvl(week.tvlUsd[i]);
            memory.nodeState(week.ids[i], state);
        }
        memory.previousStep(new RolandStep(networkOnly(week), features, inputStates));
        return next2;
    }

    /** Step 4: persistence probability of every existing exposure, then the top-K new ones. */
    private List<LinkPrediction> predict(NetworkWeek week, RolandParameters parameters, float[] embeddings, float[] head) {
        int d = parameters.hidden2();
        String predicted = LocalDate.parse(week.week).plusWeeks(1).toString();
        List<LinkPrediction> out = new ArrayList<>(week.linkCount() + settings.topK);
        float[] source = new float[d];
        float[] target = new float[d];
        PairFeatures links = PairFeatures.of(week, settings.pairFeatures);
        float[] pair = new float[PairFeatures.COUNT];
        double[] x = new double[EdgeWeightHead.width(d)];
        for (int k = 0; k < week.linkCount(); k++) {
            int s = week.linkSources[k];
            int t = week.linkTargets[k];
            if (s == t) {
                continue;
            }
            System.arraycopy(embeddings, s * d, source, 0, d);
            System.arraycopy(embeddings, t * d, target, 0, d);
            links.write(s, t, pair, 0);
            LinkPrediction p = prediction(week, predicted, LinkPrediction.PERSISTING, null, s, t,
                    RolandModel.probability(RolandModel.logit(parameters, source, target, pair, 0)));
            size(p, head, source, target, pair, week.tvlUsd[s], week.tvlUsd[t], x);
            out.add(p);
        }
        List<NewLinkRanking.Candidate> fresh = NewLinkRanking.topK(manager, week, embeddings, d,
                parameters.values(RolandParameters.DEC_W), parameters.values(RolandParameters.DEC_B)[0], settings.topK);
        int rank = 1;
        for (NewLinkRanking.Candidate c : fresh) {
            LinkPrediction p = prediction(week, predicted, LinkPrediction.NEW, rank++, c.source(), c.target(),
                    RolandModel.probability(c.logit()));
            System.arraycopy(embeddings, c.source() * d, source, 0, d);
            System.arraycopy(embeddings, c.target() * d, target, 0, d);
            size(p, head, source, target, null, week.tvlUsd[c.source()], week.tvlUsd[c.target()], x);
            out.add(p);
        }
        return out;
    }

    /** The edge-weight head's size of a predicted link, when the head has been fitted. */
    private static void size(LinkPrediction p, float[] head, float[] source, float[] target, float[] pair, double tvlSource,
                             double tvlTarget, double[] x) {
        if (head == null || head.length != x.length) {
            return;
        }
        EdgeWeightHead.features(source, target, pair, tvlSource, tvlTarget, x);
        p.logExposure = EdgeWeightHead.predict(head, x);
        p.exposureUsd = Math.exp(p.logExposure);
    }

    /**
     * Scores the edge-weight head fitted last week on this week's links (between nodes present last week, from
     * the states the predictions were made with) and refits it on them; returns the MAE in ln(USD), or null
     * before the first fit.
     */
    private Double refitWeightHead(NetworkWeek week, NetworkWeek madeAt, PairFeatures links, RolandParameters parameters,
                                   RolandMemory memory) throws Exception {
        int h1 = parameters.hidden1();
        int h2 = parameters.hidden2();
        int[] at = links.positionsOf(week);
        float[] head = memory.weightHead();
        if (head != null && head.length != EdgeWeightHead.width(h2)) {
            head = null;
        }
        EdgeWeightHead.Fit fit = new EdgeWeightHead.Fit(EdgeWeightHead.width(h2));
        float[][] states = new float[week.nodeCount()][];
        float[] zero = new float[h2];
        float[] pair = new float[PairFeatures.COUNT];
        double[] x = new double[EdgeWeightHead.width(h2)];
        double error = 0;
        for (int k = 0; k < week.linkCount(); k++) {
            int s = week.linkSources[k];
            int t = week.linkTargets[k];
            int ps = at[s];
            int pt = at[t];
            if (s == t || ps < 0 || pt < 0 || !(week.linkWeights[k] > 0)) {
                continue;
            }
            for (int node : new int[] {s, t}) {
                if (states[node] == null) {
                    float[] state = memory.nodeState(week.ids[node]);
                    states[node] = state == null ? zero : java.util.Arrays.copyOfRange(state, h1, h1 + h2);
                }
            }
            links.write(ps, pt, pair, 0);
            EdgeWeightHead.features(states[s], states[t], pair, madeAt.tvlUsd[ps], madeAt.tvlUsd[pt], x);
            double y = Math.log(week.linkWeights[k]);
            if (head != null) {
                error += Math.abs(EdgeWeightHead.predict(head, x) - y);
            }
            fit.add(x, y);
        }
        float[] next = fit.solve();
        if (next != null) {
            memory.weightHead(next);
        }
        return head == null || fit.rows() == 0 ? null : error / fit.rows();
    }

    private static LinkPrediction prediction(NetworkWeek week, String predicted, String kind, Integer rank, int s, int t,
                                             double probability) {
        LinkPrediction p = new LinkPrediction();
        p.week = predicted;
        p.madeAt = week.week;
        p.kind = kind;
        p.rank = rank;
        p.source = week.ids[s];
        p.target = week.ids[t];
        p.sourceName = week.names == null ? null : week.names[s];
        p.targetName = week.names == null ? null : week.names[t];
        p.id = predicted + ":" + p.source + ">" + p.target;
        p.probability = probability;
        return p;
    }

    /** What the next step needs of a week (ids, sizes, links), without names, compositions or metrics. */
    static NetworkWeek networkOnly(NetworkWeek week) {
        NetworkWeek w = new NetworkWeek();
        w.week = week.week;
        w.complete = true;
        w.ids = week.ids;
        w.tvlUsd = week.tvlUsd;
        w.linkSources = week.linkSources;
        w.linkTargets = week.linkTargets;
        w.linkWeights = week.linkWeights;
        return w;
    }

    @Override
    public void close() {
        referenceScoring.shutdownNow();
        manager.close();
    }
}
