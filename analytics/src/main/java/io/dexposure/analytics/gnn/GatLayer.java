package io.dexposure.analytics.gnn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;

import java.util.Arrays;

/**
 * One graph attention layer (Veličković et al. 2018) with {@code heads} heads, concatenated:
 * for each edge j -> i of the graph (the network made undirected, self-loops included, as
 * {@link NormalisedAdjacency}), e_ij = LeakyReLU_0.2(a_dst · W x_i + a_src · W x_j), α_ij = softmax of e_ij
 * over i's neighbours j, and out_i = Σ_j α_ij W x_j + b, per head.
 * <p>DJL has no scatter_add, so the neighbourhood sums are sparse matmuls with the constant incidence
 * matrix (n x m, 1 at (receiver of edge e, e)): numerator = incidence × (exp(e) ⊙ W x_source), normaliser
 * = incidence × exp(e). Gradients flow through the dense operands only (the sparse-matmul gradient the
 * GCN already relies on). For stability each score is shifted by its receiver's largest score, computed
 * outside the graph: softmax is invariant to that constant, so values and gradients are unchanged.
 */
public final class GatLayer {
    /** The attention scores' LeakyReLU slope (the GAT paper's 0.2). */
    public static final float ATTENTION_SLOPE = 0.2f;

    private GatLayer() {
    }

    /** A week's edges as the layer needs them, built once per graph in {@code manager}. */
    public static final class Edges {
        final int nodes;
        final int[] receivers;
        final NDArray receiverIndex;
        final NDArray senderIndex;
        final NDArray incidence;

        private Edges(int nodes, long[] receivers, long[] senders, NDManager manager) {
            this.nodes = nodes;
            this.receivers = Arrays.stream(receivers).mapToInt(r -> (int) r).toArray();
            this.receiverIndex = manager.create(receivers);
            this.senderIndex = manager.create(senders);
            long[] edges = new long[receivers.length];
            Arrays.setAll(edges, e -> e);
            float[] ones = new float[receivers.length];
            Arrays.fill(ones, 1f);
            this.incidence = NormalisedAdjacency.sparse(manager, receivers, edges, ones, new Shape(nodes, receivers.length));
        }

        /** The edges of {@code adjacency}'s pattern (receiver = row, sender = column). */
        public static Edges of(NormalisedAdjacency adjacency, NDManager manager) {
            return new Edges(adjacency.nodeCount(), adjacency.rows(), adjacency.columns(), manager);
        }

        public int count() {
            return receivers.length;
        }
    }

    /**
     * The layer's output (n x heads·d, before any activation): {@code x} n x in, {@code weight} in x heads·d,
     * {@code attentionSource}, {@code attentionTarget} and {@code bias} 1 x heads·d (head h's part is columns
     * h·d .. (h+1)·d - 1).
     */
    public static NDArray forward(Edges g, NDArray x, NDArray weight, NDArray attentionSource, NDArray attentionTarget,
                                  NDArray bias, int heads) {
        NDArray wx = x.matMul(weight);
        long width = wx.getShape().get(1);
        long m = g.count();
        NDArray exp = unnormalisedAttention(g, wx, attentionSource, attentionTarget, heads);
        NDArray messages = Rows.of(wx, g.senderIndex).reshape(m, heads, width / heads)
                .mul(exp.reshape(m, heads, 1)).reshape(m, width);
        NDArray numerator = g.incidence.matMul(messages).reshape(g.nodes, heads, width / heads);
        NDArray normaliser = g.incidence.matMul(exp).reshape(g.nodes, heads, 1);
        return numerator.div(normaliser).reshape(g.nodes, width).add(bias);
    }

    /** α per edge and head (m x heads), in the order of the edges: each receiver's weights sum to 1 per head. */
    public static NDArray attention(Edges g, NDArray x, NDArray weight, NDArray attentionSource, NDArray attentionTarget,
                                    int heads) {
        NDArray exp = unnormalisedAttention(g, x.matMul(weight), attentionSource, attentionTarget, heads);
        NDArray normaliser = g.incidence.matMul(exp);
        return exp.div(Rows.of(normaliser, g.receiverIndex));
    }

    /** exp(e_ij - max_j e_ij) per edge and head, m x heads. */
    private static NDArray unnormalisedAttention(Edges g, NDArray wx, NDArray attentionSource, NDArray attentionTarget,
                                                 int heads) {
        long width = wx.getShape().get(1);
        NDArray perHead = wx.reshape(g.nodes, heads, width / heads);
        NDArray source = perHead.mul(attentionSource.reshape(1, heads, width / heads)).sum(new int[] {2});
        NDArray target = perHead.mul(attentionTarget.reshape(1, heads, width / heads)).sum(new int[] {2});
        NDArray scores = Activation.leakyRelu(Rows.of(target, g.receiverIndex)
                .add(Rows.of(source, g.senderIndex)), ATTENTION_SLOPE);
        return scores.sub(receiverMaxima(g, scores.toFloatArray(), heads, scores.getManager())).exp();
    }

    /** Each edge's receiver's largest score per head (a constant: no gradient). */
    private static NDArray receiverMaxima(Edges g, float[] scores, int heads, NDManager manager) {
        float[] max = new float[g.nodes * heads];
        Arrays.fill(max, Float.NEGATIVE_INFINITY);
        for (int e = 0; e < g.receivers.length; e++) {
            for (int h = 0; h < heads; h++) {
                int at = g.receivers[e] * heads + h;
                max[at] = Math.max(max[at], scores[e * heads + h]);
            }
        }
        float[] shift = new float[scores.length];
        for (int e = 0; e < g.receivers.length; e++) {
            System.arraycopy(max, g.receivers[e] * heads, shift, e * heads, heads);
        }
        return manager.create(shift, new Shape(g.receivers.length, heads));
    }
}
