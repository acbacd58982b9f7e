package io.dexposure.analytics.gnn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The attention layer against a hand computation and against a dense masked-softmax implementation. */
class GatLayerTest extends io.dexposure.analytics.roland.PyTorchLayerTest {

    @Test
    void attentionOnAPathSumsToOnePerNodeAndMatchesTheHandComputation() {
        // Path 0 -> 1 -> 2, undirected with self-loops: edges (receiver, sender) 00 01 10 11 12 21 22.
        NormalisedAdjacency a = NormalisedAdjacency.of(3, new int[] {0, 1}, new int[] {1, 2});
        try (NDManager m = manager.newSubManager()) {
            GatLayer.Edges edges = GatLayer.Edges.of(a, m);
            assertThat(edges.count()).isEqualTo(7);
            NDArray x = m.create(new float[] {1, 2, 3}, new Shape(3, 1));
            NDArray w = m.create(new float[] {2}, new Shape(1, 1));
            NDArray src = m.create(new float[] {0.5f}, new Shape(1, 1));
            NDArray dst = m.create(new float[] {-1}, new Shape(1, 1));
            float[] alpha = GatLayer.attention(edges, x, w, src, dst, 1).toFloatArray();
            // W x = 2, 4, 6; e_ij = LeakyReLU_0.2(-1 · Wx_i + 0.5 · Wx_j).
            long[] rows = a.rows();
            long[] cols = a.columns();
            double[] wx = {2, 4, 6};
            double[] sums = new double[3];
            for (int e = 0; e < 7; e++) {
                int i = (int) rows[e];
                double norm = 0;
                for (int f = 0; f < 7; f++) {
                    if (rows[f] == i) {
                        norm += Math.exp(leaky(-wx[i] + 0.5 * wx[(int) cols[f]]));
                    }
                }
                double expected = Math.exp(leaky(-wx[i] + 0.5 * wx[(int) cols[e]])) / norm;
                assertThat((double) alpha[e]).isCloseTo(expected, within(1e-6));
                sums[i] += alpha[e];
            }
            assertThat(sums).containsExactly(new double[] {1, 1, 1}, within(1e-6));
            // Node 0: e_00 = LReLU(-1) = -0.2, e_01 = LReLU(0) = 0 -> α_00 = 1 / (1 + e^0.2).
            assertThat((double) alpha[0]).isCloseTo(1 / (1 + Math.exp(0.2)), within(1e-6));
            // The output is the α-weighted sum of W x over the neighbours, plus the bias.
            float[] out = GatLayer.forward(edges, x, w, src, dst, m.create(new float[] {0.25f}, new Shape(1, 1)), 1).toFloatArray();
            assertThat((double) out[0]).isCloseTo(alpha[0] * 2 + alpha[1] * 4 + 0.25, within(1e-5));
        }
    }

    @Test
    void sparseAttentionMatchesTheDenseMaskedSoftmaxInValuesAndGradients() {
        int n = 12;
        int in = 4;
        int heads = 2;
        int d = 3;
        SplittableRandom random = new SplittableRandom(11);
        int[] s = new int[30];
        int[] t = new int[30];
        for (int e = 0; e < s.length; e++) {
            s[e] = random.nextInt(n);
            t[e] = random.nextInt(n);
        }
        NormalisedAdjacency a = NormalisedAdjacency.of(n, s, t);
        float[][] inputs = {gaussian(random, n * in), gaussian(random, in * heads * d), gaussian(random, heads * d),
                gaussian(random, heads * d), gaussian(random, heads * d), gaussian(random, n * heads * d)};
        float[][] sparse = run(inputs, n, in, heads, d, (m, p) -> GatLayer.forward(GatLayer.Edges.of(a, m), p.get(0), p.get(1),
                p.get(2), p.get(3), p.get(4), heads));
        float[][] dense = run(inputs, n, in, heads, d, (m, p) -> dense(m, a, p, n, heads, d));
        for (int k = 0; k < sparse.length; k++) {
            assertThat(sparse[k]).hasSameSizeAs(dense[k]);
            for (int i = 0; i < sparse[k].length; i++) {
                assertThat(sparse[k][i]).as("output/gradient %d[%d]", k, i).isCloseTo(dense[k][i], within(1e-4f));
            }
        }
        // Gradients reach every input: the attention parameters too.
        for (int k = 1; k < sparse.length; k++) {
            double norm = 0;
            for (float g : sparse[k]) {
                norm += Math.abs(g);
            }
            assertThat(norm).isGreaterThan(1e-3);
        }
    }

    /** Output, then d/d(x, W, a_src, a_dst, b) of sum(C ⊙ out). */
    private static float[][] run(float[][] inputs, int n, int in, int heads, int d,
                                 java.util.function.BiFunction<NDManager, NDList, NDArray> layer) {
        try (NDManager m = manager.newSubManager()) {
            NDList p = new NDList(m.create(inputs[0], new Shape(n, in)), m.create(inputs[1], new Shape(in, heads * d)),
                    m.create(inputs[2], new Shape(1, heads * d)), m.create(inputs[3], new Shape(1, heads * d)),
                    m.create(inputs[4], new Shape(1, heads * d)));
            for (NDArray array : p) {
                array.setRequiresGradient(true);
            }
            NDArray c = m.create(inputs[5], new Shape(n, heads * d));
            float[] out;
            try (GradientCollector collector = engine.newGradientCollector()) {
                NDArray y = layer.apply(m, p);
                out = y.toFloatArray();
                collector.backward(y.mul(c).sum());
            }
            float[][] result = new float[6][];
            result[0] = out;
            for (int k = 0; k < 5; k++) {
                result[k + 1] = p.get(k).getGradient().toFloatArray();
            }
            return result;
        }
    }

    /** The same layer with dense n x n scores, masked to the edges, softmax per row. */
    private static NDArray dense(NDManager m, NormalisedAdjacency a, NDList p, int n, int heads, int d) {
        float[] pattern = a.toDense();
        float[] mask = new float[n * n];
        for (int i = 0; i < mask.length; i++) {
            mask[i] = pattern[i] != 0 ? 0 : -1e9f;
        }
        NDArray maskArray = m.create(mask, new Shape(n, n));
        NDArray wx = p.get(0).matMul(p.get(1));
        NDList outputs = new NDList();
        for (int h = 0; h < heads; h++) {
            String columns = ":, " + h * d + ":" + (h + 1) * d;
            NDArray part = wx.get(new NDIndex(columns));
            NDArray source = part.mul(p.get(2).get(new NDIndex(columns))).sum(new int[] {1});
            NDArray target = part.mul(p.get(3).get(new NDIndex(columns))).sum(new int[] {1});
            NDArray scores = Activation.leakyRelu(target.reshape(n, 1).add(source.reshape(1, n)), GatLayer.ATTENTION_SLOPE);
            outputs.add(scores.add(maskArray).softmax(1).matMul(part));
        }
        return NDArrays.concat(outputs, 1).add(p.get(4));
    }

    private static float[] gaussian(SplittableRandom random, int size) {
        float[] v = new float[size];
        for (int i = 0; i < size; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return v;
    }

    private static double leaky(double v) {
        return v >= 0 ? v : 0.2 * v;
    }
}
