package io.dexposure.analytics.anomaly;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class PcaReconstructionTest {
    @Test
    void reconstructionErrorsMatchScikitLearn() {
        double[] ours = PcaReconstruction.errors(AnomalyFixture.X, 3);
        double[] sklearn = AnomalyFixture.column("pca3_error");
        for (int i = 0; i < ours.length; i++) {
            assertThat(ours[i]).as("row %d", i).isCloseTo(sklearn[i], within(1e-9 * Math.max(1, sklearn[i])));
        }
    }

    @Test
    void allComponentsReconstructExactly() {
        for (double e : PcaReconstruction.errors(AnomalyFixture.X, 6)) {
            assertThat(e).isCloseTo(0, within(1e-18 + 1e-9));
        }
    }
}
