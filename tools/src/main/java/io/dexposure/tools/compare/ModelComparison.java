package io.dexposure.tools.compare;

import io.dexposure.analytics.linkpred.ChronologicalSplit;
import io.dexposure.analytics.linkpred.EvaluationPairs;
import io.dexposure.analytics.linkpred.GatLinkScorer;
import io.dexposure.analytics.linkpred.LinkScorer;
import io.dexposure.analytics.linkpred.Node2Vec;
import io.dexposure.analytics.linkpred.Node2VecLinkScorer;
import io.dexposure.analytics.linkpred.StaticGcnLinkScorer;
import io.dexposure.analytics.linkpred.StaticGnnLinkScorer;

import io.dexposure.analytics.roland.InMemoryRolandMemory;
import io.dexposure.analytics.linkpred.ModelQuality;
import io.dexposure.analytics.roland.RolandLiveUpdate;
import io.dexposure.analytics.roland.RolandSettings;
import io.dexposure.analytics.roland.WeekUpdate;
import io.dexposure.analytics.week.NetworkWeek;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Every model on one history with a chronological split, one week ahead. ROLAND runs its live-update
 * loop over all weeks in order (it never sees week t before predicting it, as in the job); persistence
 * and the neighbourhood heuristics score from the week before; node2vec + LR is refitted on the week
 * before each test week; the static GCN and GAT are trained once on the training weeks, early-stopped on
 * the validation weeks, and score each test week from the week before. Only the test weeks are scored, all
 * on the same seeded pairs.
 */
public final class ModelComparison {
    private ModelComparison() {
    }

    /** Quality per model over the test weeks, and ROLAND's cost per week. */
    public record Result(ChronologicalSplit split, List<String> testWeeks, Map<String, List<ModelQuality>> byModel,
                         List<Double> rolandStepMillis) {
    }

    /** The trained baselines to run besides ROLAND, persistence and the heuristics; null leaves one out. */
    public record Baselines(Node2Vec.Settings node2vec, StaticGnnLinkScorer.Settings staticGcn,
                            StaticGnnLinkScorer.Settings gat) {
    }

    public static Result run(List<NetworkWeek> weeks, ChronologicalSplit split, RolandSettings settings,
                             Node2Vec.Settings node2vec, Consumer<String> progress) throws Exception {
        return run(weeks, split, settings, new Baselines(node2vec, null, null), progress);
    }

    public static Result run(List<NetworkWeek> weeks, ChronologicalSplit split, RolandSettings settings,
                             Baselines baselines, Consumer<String> progress) throws Exception {
        if (weeks.size() != split.weeks()) {
            throw new IllegalArgumentException(weeks.size() + " weeks, but the split covers " + split.weeks());
        }
        Node2Vec.Settings node2vec = baselines.node2vec();
        List<StaticGnnLinkScorer> gnns = new ArrayList<>();
        if (baselines.staticGcn() != null) {
            gnns.add(new StaticGcnLinkScorer(weeks, split, baselines.staticGcn()));
        }
        if (baselines.gat() != null) {
            gnns.add(new GatLinkScorer(weeks, split, baselines.gat()));
        }
        for (StaticGnnLinkScorer gnn : gnns) {
            StaticGnnLinkScorer.Training t = gnn.training();
            progress.accept(String.format(java.util.Locale.ROOT,
                    "%s: trained on %d weeks, early stopping on %d: %d epochs, kept epoch %d (train loss %.4f, "
                            + "validation loss %.4f), %.1f s", gnn.name(), t.trainWeeks(), t.validationWeeks(), t.epochs(),
                    t.bestEpoch() + 1, t.trainLoss(), t.validationLoss(), t.millis() / 1000));
        }
        Map<String, List<ModelQuality>> byModel = new LinkedHashMap<>();
        List<String> testWeeks = new ArrayList<>();
        List<Double> stepMillis = new ArrayList<>();
        InMemoryRolandMemory memory = new InMemoryRolandMemory();
        try (RolandLiveUpdate live = new RolandLiveUpdate(settings)) {
            for (int i = 0; i < weeks.size(); i++) {
                NetworkWeek week = weeks.get(i);
                WeekUpdate update = live.process(week, memory);
                if (i > 0) {
                    stepMillis.add(update.stepMillis());
                }
                boolean test = i >= split.firstTest();
                if (test) {
                    testWeeks.add(week.week);
                    for (ModelQuality q : update.quality()) {
                        byModel.computeIfAbsent(q.model, m -> new ArrayList<>()).add(q);
                    }
                    List<LinkScorer> trained = new ArrayList<>(gnns);
                    if (node2vec != null) {
                        trained.add(0, new Node2VecLinkScorer(weeks.get(i - 1), node2vec));
                    }
                    if (!trained.isEmpty()) {
                        EvaluationPairs pairs = EvaluationPairs.sample(week, settings.negativeRatio, settings.mrrQueries,
                                settings.mrrCandidates, settings.seed);
                        for (LinkScorer scorer : trained) {
                            ModelQuality q = pairs.quality(scorer);
                            byModel.computeIfAbsent(q.model, m -> new ArrayList<>()).add(q);
                        }
                    }
                }
                progress.accept(String.format(java.util.Locale.ROOT, "%s %s: ROLAND step %.0f ms, %d epochs",
                        test ? "test" : i < split.train() ? "train" : "validation", week.week, update.stepMillis(),
                        update.training().epochs()));
            }
        }
        return new Result(split, testWeeks, byModel, stepMillis);
    }
}
