package io.dexposure.analytics.roland;

import io.dexposure.analytics.linkpred.ModelQuality;

import java.util.List;

/**
 * One week of the live-update loop: the quality of last week's predictions (ROLAND and the live
 * baselines), the predictions for next week, what fine-tuning did, and where the time went: wall milliseconds
 * per phase ({@code scoreMillis}: the calling thread's scoring and its wait for the reference models;
 * {@code baselineMillis}: the worker thread's time for persistence and the heuristics, which overlaps the training) and the CPU time
 * the updating thread spent on the whole update, which a loaded machine inflates far less than the wall time
 * (PyTorch runs on the calling thread at one intra-op thread).
 */
public record WeekUpdate(String week, boolean skipped, String skipReason, List<ModelQuality> quality,
                         List<LinkPrediction> predictions, TrainingOutcome training, double scoreMillis,
                         double trainMillis, double advanceMillis, double predictMillis, double baselineMillis,
                         double cpuMillis) {

    public static WeekUpdate skipped(String week, String reason) {
        return new WeekUpdate(week, true, reason, List.of(), List.of(), TrainingOutcome.none(), 0, 0, 0, 0, 0, 0);
    }

    /** Fine-tune + state update + predict: the per-week cost of the model itself. */
    public double stepMillis() {
        return trainMillis + advanceMillis + predictMillis;
    }
}
