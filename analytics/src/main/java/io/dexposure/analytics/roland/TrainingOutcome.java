package io.dexposure.analytics.roland;

/** What one week's fine-tuning did: epochs run, the epoch kept, its train and validation losses, pairs used. */
public record TrainingOutcome(int epochs, int bestEpoch, double trainLoss, double validationLoss, int trainPairs,
                              int validationPairs, String labelWeek) {
    public static TrainingOutcome none() {
        return new TrainingOutcome(0, -1, Double.NaN, Double.NaN, 0, 0, null);
    }
}
