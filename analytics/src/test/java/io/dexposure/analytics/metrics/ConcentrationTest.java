package io.dexposure.analytics.metrics;

import io.dexposure.analytics.network.WeeklyNetwork;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** DeXposure-FM formulas (references.md section 2), checked by hand. */
class ConcentrationTest {
    @Test
    void formulasByHand() {
        double[] x = {4, 1, 3, 2};
        // Sorted 1, 2, 3, 4: (2 * (1 + 4 + 9 + 16) - 5 * 10) / (4 * 10).
        assertThat(Concentration.gini(x)).isCloseTo(0.25, within(1e-15));
        assertThat(Concentration.hhi(x)).isCloseTo(0.3, within(1e-15));
        assertThat(Concentration.topShare(x, 1)).isCloseTo(0.4, within(1e-15));
        assertThat(Concentration.topShare(x, 10)).isCloseTo(1.0, within(1e-15));
        assertThat(x).containsExactly(4, 1, 3, 2);
        assertThat(Concentration.gini(new double[] {5, 5, 5})).isCloseTo(0.0, within(1e-15));
        // All in one of n: (n - 1) / n.
        assertThat(Concentration.gini(new double[] {0, 0, 0, 8})).isCloseTo(0.75, within(1e-15));
        assertThat(Concentration.hhi(new double[] {0, 0, 0, 8})).isCloseTo(1.0, within(1e-15));
    }

    @Test
    void emptyOrZeroTotalsGiveZero() {
        assertThat(Concentration.gini(new double[0])).isZero();
        assertThat(Concentration.hhi(new double[] {0, 0})).isZero();
        assertThat(Concentration.topShare(new double[0], 10)).isZero();
    }

    @Test
    void topTenPercentCount() {
        assertThat(Concentration.topTenPercentCount(0)).isEqualTo(1);
        assertThat(Concentration.topTenPercentCount(9)).isEqualTo(1);
        assertThat(Concentration.topTenPercentCount(34)).isEqualTo(3);
        assertThat(Concentration.topTenPercentCount(11_000)).isEqualTo(1100);
    }

    @Test
    void tvlOverProtocolsOnlyAndExposureOverLinks() {
        WeeklyNetwork net = WeeklyNetwork.builder(LocalDate.of(2022, 11, 7))
                .addNode("1", 60, null, null, null)
                .addNode("2", 30, null, null, null)
                .addNode("USDT", 1000, null, null, null)
                .addNode("parent#x", 10, null, null, null)
                .addLink("1", "2", 20).addLink("1", "USDT", 15).addLink("1", "2", 5).addLink("2", "USDT", 10)
                .build();
        Concentration.Result r = Concentration.compute(net);
        // TVL 60, 30, 10 (the USDT bucket is left out).
        assertThat(r.tvlHhi()).isCloseTo(0.36 + 0.09 + 0.01, within(1e-15));
        assertThat(r.tvlTop10Share()).isCloseTo(1.0, within(1e-15));
        assertThat(r.tvlGini()).isCloseTo(Concentration.gini(new double[] {60, 30, 10}), within(1e-15));
        // Links 25 (merged), 15, 10.
        assertThat(r.exposureHhi()).isCloseTo(0.25 + 0.09 + 0.04, within(1e-15));
        assertThat(r.exposureGini()).isCloseTo(Concentration.gini(new double[] {25, 15, 10}), within(1e-15));
        assertThat(r.exposureTop10Share()).isCloseTo(1.0, within(1e-15));
    }
}
