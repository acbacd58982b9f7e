package io.dexposure.analytics.linkpred;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import io.dexposure.analytics.gnn.GcnLayer;
import io.dexposure.analytics.week.NetworkWeek;

import java.util.List;

/**
 * Static GCN link predictor: ROLAND without the GRU cells. Preprocessing MLP, GCN -> GCN (ROLAND's
 * {@link GcnLayer}, a sparse matmul with D^-1/2 (A + I) D^-1/2), Hadamard decoder; trained once on the training
 * weeks (see {@link StaticGnnLinkScorer}).
 */
public final class StaticGcnLinkScorer extends StaticGnnLinkScorer {
    public static final String NAME = "static-gcn";

    /** Trained on {@code history}'s training weeks, early-stopped on its validation weeks. */
    public StaticGcnLinkScorer(List<NetworkWeek> history, ChronologicalSplit split, Settings settings) {
        super(NAME, history, settings);
        train(split);
    }

    @Override
    protected List<Parameter> layerParameters(int in) {
        int h1 = settings.hidden()[0];
        int h2 = settings.hidden()[1];
        return List.of(Parameter.glorot(in, h1), Parameter.zeros(1, h1), Parameter.glorot(h1, h2), Parameter.zeros(1, h2));
    }

    @Override
    protected NDArray layers(NDList w, Graph graph, NDArray z) {
        NDArray h1 = GcnLayer.forward(graph.adjacency(), z, w.get(0), w.get(1));
        return GcnLayer.forward(graph.adjacency(), h1, w.get(2), w.get(3));
    }
}
