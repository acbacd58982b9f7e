package io.dexposure.analytics.roland;

import io.dexposure.analytics.gnn.NodeFeatures;
import io.dexposure.analytics.week.NetworkWeek;

/**
 * One advance of the model: the week's network, its features (n x {@link NodeFeatures#COUNT}) and the
 * states the nodes entered it with (n x (H1 + H2), zeros for new protocols). Fine-tuning replays this
 * step with next week's links as labels.
 */
public record RolandStep(NetworkWeek week, float[] features, float[] inputStates) {
}
