package io.dexposure.tools.compare;

import io.dexposure.analytics.linkpred.GatLinkScorer;
import io.dexposure.analytics.linkpred.LinkScorer;
import io.dexposure.analytics.linkpred.NeighbourhoodScorer;
import io.dexposure.analytics.linkpred.Node2VecLinkScorer;
import io.dexposure.analytics.linkpred.PersistenceScorer;
import io.dexposure.analytics.linkpred.StaticGcnLinkScorer;
import io.dexposure.analytics.roland.FrozenRolandScorer;

import io.dexposure.analytics.linkpred.ChronologicalSplit;
import io.dexposure.analytics.linkpred.HorizonPairs;
import io.dexposure.analytics.linkpred.Node2Vec;
import io.dexposure.analytics.linkpred.StaticGnnLinkScorer;

import io.dexposure.analytics.roland.InMemoryRolandMemory;
import io.dexposure.analytics.roland.RolandLiveUpdate;
import io.dexposure.analytics.roland.RolandSettings;
import io.dexposure.analytics.roland.WeekUpdate;
import io.dexposure.analytics.week.NetworkWeek;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * DeXposure-FM's published link-prediction protocol (Table 3) on one history with a chronological split:
 * for every test week T and horizon h, every model predicts T from week T-h (what it knew then) and is
 * scored on {@link HorizonPairs} (T's links between nodes present at T-h against 5 uniform non-links each).
 * ROLAND runs its live-update loop over all weeks in order and is frozen right after advancing on each week
 * T-h ({@link FrozenRolandScorer}): it never trains on a week before predicting it. Persistence, the
 * neighbourhood heuristics and node2vec + LR are built on week T-h; the static GCN and GAT, trained once on the
 * training weeks, embed week T-h.
 */
public final class HorizonComparison {
    private HorizonComparison() {
    }

    /** What to run besides ROLAND, persistence and the heuristics (null leaves a model out). */
    public record Baselines(Node2Vec.Settings node2vec, StaticGnnLinkScorer.Settings staticGcn, StaticGnnLinkScorer.Settings gat) {
    }

    /** Scores per model, per horizon, one per test week; ROLAND's live-update step per week (ms). */
    public record Result(ChronologicalSplit split, List<Integer> horizons, Map<String, Map<Integer, List<HorizonPairs.Score>>> byModel,
                         List<Double> rolandStepMillis, Map<Integer, List<Double>> rolandWeightMae) {
    }

    public static Result run(List<NetworkWeek> weeks, ChronologicalSplit split, RolandSettings settings, double negativeRatio,
                             List<Integer> horizons, Baselines baselines, Consumer<String> progress) throws Exception {
        if (weeks.size() != split.weeks()) {
            throw new IllegalArgumentException(weeks.size() + " weeks, but the split covers " + split.weeks());
        }
        for (int h : horizons) {
            if (h < 1) {
                throw new IllegalArgumentException("a horizon is at least 1 week, got " + h);
            }
        }
        // The weeks predictions are made from: T - h for every test week T and horizon h.
        TreeSet<Integer> sources = new TreeSet<>();
        for (int t = split.firstTest(); t < weeks.size(); t++) {
            for (int h : horizons) {
                if (t - h >= 0) {
                    sources.add(t - h);
                }
            }
        }
        List<StaticGnnLinkScorer> gnns = new ArrayList<>();
        if (baselines.staticGcn() != null) {
            gnns.add(new StaticGcnLinkScorer(weeks, split, baselines.staticGcn()));
        }
        if (baselines.gat() != null) {
            gnns.add(new GatLinkScorer(weeks, split, baselines.gat()));
        }
        for (StaticGnnLinkScorer gnn : gnns) {
            StaticGnnLinkScorer.Training t = gnn.training();
            progress.accept(String.format(Locale.ROOT, "%s: trained on %d weeks, %d epochs (kept %d), %.1f s", gnn.name(),
                    t.trainWeeks(), t.epochs(), t.bestEpoch() + 1, t.millis() / 1000));
        }
        Map<Integer, FrozenRolandScorer> frozen = new TreeMap<>();
        List<Double> stepMillis = new ArrayList<>();
        InMemoryRolandMemory memory = new InMemoryRolandMemory();
        try (RolandLiveUpdate live = new RolandLiveUpdate(settings)) {
            for (int i = 0; i < weeks.size() && i <= sources.last(); i++) {
                WeekUpdate update = live.process(weeks.get(i), memory);
                if (i > 0) {
                    stepMillis.add(update.stepMillis());
                }
                if (sources.contains(i)) {
                    frozen.put(i, FrozenRolandScorer.freeze(memory, weeks.get(i), settings.pairFeatures));
                }
                progress.accept(String.format(Locale.ROOT, "ROLAND %s: step %.0f ms, %d epochs", weeks.get(i).week,
                        update.stepMillis(), update.training().epochs()));
            }
        }
        Map<String, Map<Integer, List<HorizonPairs.Score>>> byModel = new LinkedHashMap<>();
        Map<Integer, List<Double>> weightMae = new TreeMap<>();
        for (int s : sources) {
            NetworkWeek from = weeks.get(s);
            List<LinkScorer> scorers = new ArrayList<>();
            scorers.add(frozen.get(s));
            scorers.add(new PersistenceScorer(from));
            scorers.addAll(List.of(NeighbourhoodScorer.all(from)));
            if (baselines.node2vec() != null) {
                scorers.add(new Node2VecLinkScorer(from, baselines.node2vec()));
            }
            for (StaticGnnLinkScorer gnn : gnns) {
                scorers.add(new FromWeek(gnn, s));
            }
            for (int h : horizons) {
                int t = s + h;
                if (t < split.firstTest() || t >= weeks.size()) {
                    continue;
                }
                HorizonPairs pairs = HorizonPairs.sample(from, weeks.get(t), h, negativeRatio, settings.mrrQueries,
                        settings.mrrCandidates, settings.seed);
                if (pairs.positives() == 0) {
                    continue;
                }
                double mae = frozen.get(s).weightMae(pairs);
                if (!Double.isNaN(mae)) {
                    weightMae.computeIfAbsent(h, x -> new ArrayList<>()).add(mae);
                }
                for (LinkScorer scorer : scorers) {
                    byModel.computeIfAbsent(scorer.name(), m -> new TreeMap<>()).computeIfAbsent(h, x -> new ArrayList<>())
                            .add(pairs.score(scorer));
                }
            }
            frozen.remove(s);
            progress.accept("scored the predictions made at " + from.week);
        }
        return new Result(split, List.copyOf(horizons), byModel, stepMillis, weightMae);
    }

    /** A static GNN scoring from a given history week instead of the week before. */
    private record FromWeek(StaticGnnLinkScorer gnn, int from) implements LinkScorer {
        @Override
        public String name() {
            return gnn.name();
        }

        @Override
        public double[] score(NetworkWeek week, int[] sources, int[] targets) {
            return gnn.scoreFrom(from, week, sources, targets);
        }
    }
}
