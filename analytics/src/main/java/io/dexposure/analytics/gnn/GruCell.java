package io.dexposure.analytics.gnn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Activation;

/**
 * PyTorch's GRUCell, hand-written: gates in the order reset, update, candidate;
 * r = σ(x W_ir + b_ir + h W_hr + b_hr), z = σ(x W_iz + b_iz + h W_hz + b_hz),
 * n = tanh(x W_in + b_in + r ⊙ (h W_hn + b_hn)), h' = (1 - z) ⊙ n + z ⊙ h.
 * W_i is (in x 3H), W_h is (H x 3H), the biases 3H.
 */
public final class GruCell {
    private GruCell() {
    }

    public static NDArray forward(NDArray x, NDArray h, NDArray inputWeight, NDArray stateWeight,
                                  NDArray inputBias, NDArray stateBias) {
        long hidden = h.getShape().get(1);
        NDArray gi = x.matMul(inputWeight).add(inputBias);
        NDArray gh = h.matMul(stateWeight).add(stateBias);
        NDArray r = Activation.sigmoid(gate(gi, 0, hidden).add(gate(gh, 0, hidden)));
        NDArray z = Activation.sigmoid(gate(gi, 1, hidden).add(gate(gh, 1, hidden)));
        NDArray n = Activation.tanh(gate(gi, 2, hidden).add(r.mul(gate(gh, 2, hidden))));
        return z.neg().add(1).mul(n).add(z.mul(h));
    }

    private static NDArray gate(NDArray all, int index, long hidden) {
        return all.get(new NDIndex(":, {}:{}", index * hidden, (index + 1) * hidden));
    }
}
