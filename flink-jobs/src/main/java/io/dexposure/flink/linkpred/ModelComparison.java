package io.dexposure.flink.linkpred;

import io.dexposure.flink.roland.InMemoryRolandMemory;
import io.dexposure.flink.roland.ModelQuality;
import io.dexposure.flink.roland.RolandLiveUpdate;
import io.dexposure.flink.roland.RolandSettings;
import io.dexposure.flink.roland.WeekUpdate;
import io.dexposure.flink.sequence.NetworkWeek;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Every model on one history with a chronological split, one week ahead. ROLAND runs its live-update
 * loop over all weeks in order (it never sees week t before predicting it, as in the job); persistence
 * and the neighbourhood heuristics score from the week before; node2vec + LR is refitted on the week
 * before each test week. Only the test weeks are scored, all on the same seeded pairs.
 */
public final class ModelComparison {
    private ModelComparison() {
    }

    /** Quality per model over the test weeks, and ROLAND's cost per week. */
    public record Result(ChronologicalSplit split, List<String> testWeeks, Map<String, List<ModelQuality>> byModel,
                         List<Double> rolandStepMillis) {
    }

    public static Result run(List<NetworkWeek> weeks, ChronologicalSplit split, RolandSettings settings,
                             Node2Vec.Settings node2vec, Consumer<String> progress) throws Exception {
        if (weeks.size() != split.weeks()) {
            throw new IllegalArgumentException(weeks.size() + " weeks, but the split covers " + split.weeks());
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
                    if (node2vec != null) {
                        EvaluationPairs pairs = EvaluationPairs.sample(week, settings.negativeRatio, settings.mrrQueries,
                                settings.mrrCandidates, settings.seed);
                        ModelQuality q = pairs.quality(new Node2VecLinkScorer(weeks.get(i - 1), node2vec));
                        byModel.computeIfAbsent(q.model, m -> new ArrayList<>()).add(q);
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
