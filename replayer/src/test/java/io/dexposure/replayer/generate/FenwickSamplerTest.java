package io.dexposure.replayer.generate;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class FenwickSamplerTest {
    @Test
    void drawsInProportionToTheCurrentWeights() {
        FenwickSampler sampler = new FenwickSampler(new double[]{1, 0, 3, 0, 0}, 5);
        SplitMix64Random random = new SplitMix64Random(1);
        int[] counts = new int[5];
        for (int i = 0; i < 40_000; i++) {
            counts[sampler.sample(random)]++;
        }
        assertThat(counts[1]).isZero();
        assertThat(counts[0] / 40_000.0).isCloseTo(0.25, within(0.01));
        sampler.set(2, 0);
        sampler.set(4, 1);
        counts = new int[5];
        for (int i = 0; i < 40_000; i++) {
            counts[sampler.sample(random)]++;
        }
        assertThat(counts[2]).isZero();
        assertThat(counts[4] / 40_000.0).isCloseTo(0.5, within(0.01));
        sampler.set(0, 0);
        sampler.set(4, 0);
        assertThat(sampler.sample(random)).isEqualTo(-1);
    }
}
