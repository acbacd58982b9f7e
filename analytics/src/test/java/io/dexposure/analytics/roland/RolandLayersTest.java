package io.dexposure.analytics.roland;

import io.dexposure.analytics.gnn.GcnLayer;
import io.dexposure.analytics.gnn.GruCell;
import io.dexposure.analytics.gnn.NormalisedAdjacency;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The model's building blocks against hand-computed values, and the sparse matmul's gradient against a dense one. */
class RolandLayersTest extends PyTorchLayerTest {

    @Test
    void gruCellMatchesHandComputedValues() {
        try (NDManager m = manager.newSubManager()) {
            // One input, one hidden unit; gates r, z, n. Row 0: x = 1, h = 0.5. Row 1: x = -2, h = 0.
            NDArray x = m.create(new float[] {1, -2}, new Shape(2, 1));
            NDArray h = m.create(new float[] {0.5f, 0}, new Shape(2, 1));
            NDArray wi = m.create(new float[] {0.1f, 0.2f, 0.3f}, new Shape(1, 3));
            NDArray wh = m.create(new float[] {0.4f, 0.5f, 0.6f}, new Shape(1, 3));
            NDArray bi = m.create(new float[] {0.01f, 0.02f, 0.03f});
            NDArray bh = m.create(new float[] {0.04f, 0.05f, 0.06f});
            float[] out = GruCell.forward(x, h, wi, wh, bi, bh).toFloatArray();
            // r = σ(0.35), z = σ(0.52), n = tanh(0.33 + 0.36 r), h' = (1 - z) n + 0.5 z
            assertThat(out[0]).isCloseTo(0.4977190479758463f, within(1e-6f));
            // r = σ(-0.15), z = σ(-0.33), n = tanh(-0.57 + 0.06 r), h' = (1 - z) n
            assertThat(out[1]).isCloseTo(-0.2877882562977902f, within(1e-6f));
        }
    }

    @Test
    void gcnLayerMatchesHandComputedValues() {
        try (NDManager m = manager.newSubManager()) {
            // Path 0 -> 1 -> 2, made undirected with self-loops: degrees 2, 3, 2.
            NormalisedAdjacency a = NormalisedAdjacency.of(3, new int[] {0, 1}, new int[] {1, 2});
            float[] dense = a.toDense();
            assertThat(dense[0]).isCloseTo(0.5f, within(1e-7f));
            assertThat(dense[1]).isCloseTo((float) (1 / Math.sqrt(6)), within(1e-7f));
            assertThat(dense[4]).isCloseTo(1f / 3, within(1e-7f));
            assertThat(dense[2]).isZero();
            NDArray x = m.create(new float[] {1, 2, 3}, new Shape(3, 1));
            float[] out = GcnLayer.forward(a.toSparse(m), x, m.create(new float[] {2}, new Shape(1, 1)),
                    m.create(new float[] {-3})).toFloatArray();
            // Â (X W) + b = [1 + 4/√6, 8/√6 + 4/3, 4/√6 + 3] - 3; LeakyReLU(0.01) on the negative one.
            assertThat(out[0]).isCloseTo(0.01f * -0.3670068381445475f, within(1e-6f));
            assertThat(out[1]).isCloseTo(1.599319657044238f, within(1e-5f));
            assertThat(out[2]).isCloseTo(1.6329931618554525f, within(1e-5f));
        }
    }

    @Test
    void sparseMatMulGradientsEqualTheDenseOnes() {
        int n = 40;
        int d = 5;
        SplittableRandom random = new SplittableRandom(7);
        int[] s = new int[120];
        int[] t = new int[120];
        for (int e = 0; e < s.length; e++) {
            s[e] = random.nextInt(n);
            t[e] = random.nextInt(n);
        }
        NormalisedAdjacency a = NormalisedAdjacency.of(n, s, t);
        float[] x0 = new float[n * d];
        float[] c0 = new float[n * d];
        for (int i = 0; i < x0.length; i++) {
            x0[i] = (float) random.nextGaussian();
            c0[i] = (float) random.nextGaussian();
        }
        float[] sparseGrad = gradient(x0, c0, n, d, m -> a.toSparse(m));
        float[] denseGrad = gradient(x0, c0, n, d, m -> m.create(a.toDense(), new Shape(n, n)));
        assertThat(sparseGrad).hasSize(n * d);
        for (int i = 0; i < sparseGrad.length; i++) {
            assertThat(sparseGrad[i]).isCloseTo(denseGrad[i], within(1e-5f));
        }
    }

    @Test
    void sparseMatrixOwnsItsMemoryAcrossGarbageCollections() throws Exception {
        NormalisedAdjacency a = NormalisedAdjacency.of(3, new int[] {0, 1}, new int[] {1, 2});
        try (NDManager m = manager.newSubManager()) {
            NDArray sparse = a.toSparse(m);
            for (int i = 0; i < 5; i++) {
                byte[][] garbage = new byte[64][];
                for (int j = 0; j < garbage.length; j++) {
                    garbage[j] = new byte[1 << 16];
                    java.nio.ByteBuffer.allocateDirect(1 << 16);
                }
                System.gc();
                Thread.sleep(20);
            }
            float[] product = sparse.matMul(m.create(new float[] {1, 2, 3}, new Shape(3, 1))).toFloatArray();
            float[] dense = a.toDense();
            for (int r = 0; r < 3; r++) {
                assertThat(product[r]).isCloseTo(dense[3 * r] + 2 * dense[3 * r + 1] + 3 * dense[3 * r + 2], within(1e-6f));
            }
        }
    }

    @Test
    void gatheredRowsPassGradientsBackToTheirRows() {
        try (NDManager m = manager.newSubManager()) {
            NDArray h = m.create(new float[] {1, 2, 3, 4, 5, 6}, new Shape(3, 2));
            h.setRequiresGradient(true);
            try (GradientCollector c = engine.newGradientCollector()) {
                NDArray rows = h.get(new NDIndex("{}", m.create(new long[] {2, 0, 2})));
                c.backward(rows.sum());
            }
            assertThat(h.getGradient().toFloatArray()).containsExactly(1, 1, 0, 0, 2, 2);
        }
    }

    /** d/dX of sum(C ⊙ (A X)^2): 2 A^T (C ⊙ A X). */
    private static float[] gradient(float[] x0, float[] c0, int n, int d,
                                    java.util.function.Function<NDManager, NDArray> matrix) {
        try (NDManager m = manager.newSubManager()) {
            NDArray a = matrix.apply(m);
            NDArray x = m.create(x0, new Shape(n, d));
            x.setRequiresGradient(true);
            NDArray c = m.create(c0, new Shape(n, d));
            try (GradientCollector collector = engine.newGradientCollector()) {
                NDArray y = a.matMul(x);
                collector.backward(y.mul(y).mul(c).sum());
            }
            return x.getGradient().toFloatArray();
        }
    }
}
