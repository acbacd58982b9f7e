package io.dexposure.analytics.gnn;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;

/** The link decoders' training loss, shared by ROLAND and the static GNN baselines. */
public final class LinkLoss {
    private LinkLoss() {
    }

    /** Mean binary cross-entropy with logits; {@code signs} is +1 for a positive pair, -1 for a negative. */
    public static NDArray binaryCrossEntropy(NDArray logits, NDArray signs) {
        return Activation.softPlus(logits.mul(signs).neg()).mean();
    }
}
