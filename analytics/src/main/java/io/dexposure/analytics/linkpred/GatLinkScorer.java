package io.dexposure.analytics.linkpred;

import io.dexposure.analytics.gnn.GatLayer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;
import io.dexposure.analytics.gnn.GcnLayer;
import io.dexposure.analytics.week.NetworkWeek;

import java.util.List;

/**
 * GAT link predictor: preprocessing MLP, a {@link GatLayer} with {@code heads} heads (concatenated, the first
 * hidden width in all) -> a one-head {@link GatLayer} (the second width), LeakyReLU after each, Hadamard decoder;
 * trained once on the training weeks (see {@link StaticGnnLinkScorer}).
 */
public final class GatLinkScorer extends StaticGnnLinkScorer {
    public static final String NAME = "gat";

    /** Trained on {@code history}'s training weeks, early-stopped on its validation weeks. */
    public GatLinkScorer(List<NetworkWeek> history, ChronologicalSplit split, Settings settings) {
        super(NAME, history, settings);
        if (settings.heads() < 1 || settings.hidden()[0] % settings.heads() != 0) {
            throw new IllegalArgumentException("GAT: the first width " + settings.hidden()[0] + " must split into "
                    + settings.heads() + " heads");
        }
        train(split);
    }

    @Override
    protected List<Parameter> layerParameters(int in) {
        int h1 = settings.hidden()[0];
        int h2 = settings.hidden()[1];
        int perHead = h1 / settings.heads();
        // Attention vectors: every head's part Glorot-uniform as a 1 x d vector.
        Parameter attention1 = new Parameter(1, h1, Parameter.glorot(1, perHead).limit());
        Parameter attention2 = new Parameter(1, h2, Parameter.glorot(1, h2).limit());
        return List.of(Parameter.glorot(in, h1), attention1, attention1, Parameter.zeros(1, h1),
                Parameter.glorot(h1, h2), attention2, attention2, Parameter.zeros(1, h2));
    }

    @Override
    protected NDArray layers(NDList w, Graph graph, NDArray z) {
        GatLayer.Edges edges = graph.edges();
        NDArray h1 = Activation.leakyRelu(GatLayer.forward(edges, z, w.get(0), w.get(1), w.get(2), w.get(3),
                settings.heads()), GcnLayer.LEAKY_SLOPE);
        return Activation.leakyRelu(GatLayer.forward(edges, h1, w.get(4), w.get(5), w.get(6), w.get(7), 1),
                GcnLayer.LEAKY_SLOPE);
    }
}
