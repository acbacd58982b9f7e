package io.dexposure.analytics.gnn;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;

/** One graph convolution: LeakyReLU(Â (X W) + b), Â the {@link NormalisedAdjacency} (sparse). */
public final class GcnLayer {
    /** PyTorch's default negative slope, as DeXposure-FM's LeakyReLU. */
    public static final float LEAKY_SLOPE = 0.01f;

    private GcnLayer() {
    }

    public static NDArray forward(NDArray adjacency, NDArray x, NDArray weight, NDArray bias) {
        return Activation.leakyRelu(adjacency.matMul(x.matMul(weight)).add(bias), LEAKY_SLOPE);
    }
}
