package io.dexposure.analytics.roland;

import io.dexposure.analytics.gnn.LinkLoss;

import io.dexposure.analytics.gnn.GcnLayer;
import io.dexposure.analytics.gnn.GruCell;

import ai.djl.ndarray.NDArray;
import io.dexposure.analytics.gnn.Rows;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;

import static io.dexposure.analytics.roland.RolandParameters.*;

/**
 * The ROLAND network of DeXposure-FM's baseline, as NDArray operations: preprocessing MLP (features ->
 * 128 -> 64, LeakyReLU), GCN(64) -> GRU cell with the layer's previous state, GCN(32) -> GRU cell, and a
 * Hadamard-product link decoder with the pair's {@link PairFeatures} f(i, j) appended,
 * logit(i, j) = [h_i ⊙ h_j, f(i, j)] · w + b. No dropout (deterministic training).
 */
public final class RolandModel {
    private RolandModel() {
    }

    /** The parameters as NDArrays in {@code manager}, recording gradients when asked. */
    public static NDList parameters(NDManager manager, RolandParameters parameters, boolean gradients) {
        NDList list = new NDList(COUNT);
        for (int p = 0; p < COUNT; p++) {
            int[] shape = parameters.shapes[p];
            NDArray array = manager.create(parameters.values[p], shape[0] == 1 && p != DEC_W
                    ? new Shape(shape[1]) : new Shape(shape[0], shape[1]));
            if (gradients) {
                array.setRequiresGradient(true);
            }
            list.add(array);
        }
        return list;
    }

    /** Both layers' new states {h1, h2} from the features, the propagation matrix and the previous states. */
    public static NDList forward(NDList w, NDArray features, NDArray adjacency, NDArray state1, NDArray state2) {
        NDArray z = Activation.leakyRelu(features.matMul(w.get(PRE1_W)).add(w.get(PRE1_B)), GcnLayer.LEAKY_SLOPE);
        z = Activation.leakyRelu(z.matMul(w.get(PRE2_W)).add(w.get(PRE2_B)), GcnLayer.LEAKY_SLOPE);
        NDArray g1 = GcnLayer.forward(adjacency, z, w.get(GCN1_W), w.get(GCN1_B));
        NDArray h1 = GruCell.forward(g1, state1, w.get(GRU1_IW), w.get(GRU1_SW), w.get(GRU1_IB), w.get(GRU1_SB));
        NDArray g2 = GcnLayer.forward(adjacency, h1, w.get(GCN2_W), w.get(GCN2_B));
        NDArray h2 = GruCell.forward(g2, state2, w.get(GRU2_IW), w.get(GRU2_SW), w.get(GRU2_IB), w.get(GRU2_SB));
        return new NDList(h1, h2);
    }

    /** Link logits of the pairs (sources[k], targets[k]) from the last layer's states (int64 index arrays). */
    public static NDArray logits(NDList w, NDArray embeddings, NDArray sources, NDArray targets) {
        NDArray hs = Rows.of(embeddings, sources);
        NDArray ht = Rows.of(embeddings, targets);
        long d = embeddings.getShape().get(1);
        return hs.mul(ht).matMul(w.get(DEC_W).get(new NDIndex("0:{}", d))).flatten().add(w.get(DEC_B));
    }

    /** As {@link #logits(NDList, NDArray, NDArray, NDArray)}, with the pairs' features (pairs x {@link PairFeatures#COUNT}). */
    public static NDArray logits(NDList w, NDArray embeddings, NDArray sources, NDArray targets, NDArray pairFeatures) {
        NDArray hs = Rows.of(embeddings, sources);
        NDArray ht = Rows.of(embeddings, targets);
        return hs.mul(ht).concat(pairFeatures, 1).matMul(w.get(DEC_W)).flatten().add(w.get(DEC_B));
    }

    /** Mean binary cross-entropy with logits ({@link LinkLoss}); {@code signs} is +1 for a positive pair, -1 for a negative. */
    public static NDArray loss(NDArray logits, NDArray signs) {
        return LinkLoss.binaryCrossEntropy(logits, signs);
    }

    /** Logit of one pair from plain embeddings (what the live scoring and the predictions use). */
    public static double logit(RolandParameters parameters, float[] source, float[] target) {
        return logit(parameters, source, target, null, 0);
    }

    /** As {@link #logit(RolandParameters, float[], float[])}, with the pair's features at {@code pair[offset..]} (null: zeros). */
    public static double logit(RolandParameters parameters, float[] source, float[] target, float[] pair, int offset) {
        float[] w = parameters.values[DEC_W];
        double s = parameters.values[DEC_B][0];
        int h = source.length;
        for (int d = 0; d < h; d++) {
            s += (double) source[d] * target[d] * w[d];
        }
        if (pair != null) {
            for (int f = 0; f < PairFeatures.COUNT; f++) {
                s += (double) pair[offset + f] * w[h + f];
            }
        }
        return s;
    }

    public static double probability(double logit) {
        return 1 / (1 + Math.exp(-logit));
    }
}
