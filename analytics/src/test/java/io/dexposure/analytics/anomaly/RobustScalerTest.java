package io.dexposure.analytics.anomaly;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class RobustScalerTest {
    @Test
    void continuousColumnIsScaledByItsMad() {
        // median 3, absolute deviations 2 1 0 1 7 -> the non-zero ones 1 1 2 7, median 1.5 (the plain MAD is 1).
        double[][] x = {{1}, {2}, {3}, {4}, {10}};
        double[][] z = RobustScaler.scale(x, 100);
        assertThat(z[0][0]).isCloseTo(-2 / (1.4826 * 1.5), within(1e-12));
        assertThat(z[4][0]).isCloseTo(7 / (1.4826 * 1.5), within(1e-12));
    }

    @Test
    void zeroInflatedColumnIsScaledByTheMovesThatHappen() {
        // Eight nodes did not move, four did by 0.1, 0.2, -0.3 and 2: the plain MAD is 0, which would send
        // every move to the clip. The spread of the moves (median of 0.1 0.2 0.3 2 = 0.25) keeps them apart.
        double[][] x = {{0}, {0}, {0}, {0}, {0}, {0}, {0}, {0}, {0.1}, {0.2}, {-0.3}, {2}};
        double[][] z = RobustScaler.scale(x, 10);
        double spread = 1.4826 * 0.25;
        assertThat(z[8][0]).isCloseTo(0.1 / spread, within(1e-12));
        assertThat(z[10][0]).isCloseTo(-0.3 / spread, within(1e-12));
        assertThat(z[11][0]).isCloseTo(2 / spread, within(1e-12));
        assertThat(RobustScaler.scale(new double[][]{{0}, {0}, {0}, {0.1}, {0.1}, {0.2}, {50}}, 10)[6][0]).as("clipped").isEqualTo(10);
        assertThat(z[0][0]).isZero();
    }

    @Test
    void givenSpreadsOverrideAndConstantColumnsVanish() {
        double[][] x = {{5, 0}, {5, 30}, {5, 0}, {5, 0}};
        double[][] z = RobustScaler.scale(x, 10, new double[]{Double.NaN, 4});
        assertThat(z[1][0]).isZero();
        assertThat(z[1][1]).isCloseTo(7.5, within(1e-12));
    }
}
