package io.dexposure.analytics.gnn;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RowsTest {
    @Test
    void gatherGivesTheRowsAndTheGradientsOfAdvancedIndexingRepeatedRowsIncluded() {
        Engine engine = GnnEngine.load(1);
        try (NDManager m = engine.newBaseManager()) {
            float[] values = new float[5 * 3];
            for (int i = 0; i < values.length; i++) {
                values[i] = (i * 7 % 11) / 4f;
            }
            long[] picks = {4, 0, 4, 2, 4, 1};
            float[][] grads = new float[2][];
            float[][] rows = new float[2][];
            for (int variant = 0; variant < 2; variant++) {
                NDArray x = m.create(values, new Shape(5, 3));
                x.setRequiresGradient(true);
                NDArray index = m.create(picks);
                try (GradientCollector collector = engine.newGradientCollector()) {
                    NDArray picked = variant == 0 ? x.get(new NDIndex("{}", index)) : Rows.of(x, index);
                    rows[variant] = picked.toFloatArray();
                    // A weighting that differs per row and column, so every gradient entry is checked.
                    NDArray weights = m.arange(0f, 18f).reshape(6, 3);
                    collector.backward(picked.mul(weights).sum());
                }
                grads[variant] = x.getGradient().toFloatArray();
            }
            assertThat(rows[1]).containsExactly(rows[0]);
            assertThat(grads[1]).containsExactly(grads[0]);
            // Row 4 was picked three times: its gradient is the sum of the three weight rows (0+6+12, 1+7+13, 2+8+14).
            assertThat(java.util.Arrays.copyOfRange(grads[1], 12, 15)).containsExactly(18f, 21f, 24f);
        }
    }
}
