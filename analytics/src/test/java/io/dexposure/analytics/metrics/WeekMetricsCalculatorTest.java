package io.dexposure.analytics.metrics;

import io.dexposure.analytics.network.WeeklyNetwork;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A toy week computed by hand: protocols 1 (TVL 100), 2 (50), 3 (30) and the USDT bucket (40);
 * links 1->2 (20, plus a parallel 5), 1->USDT 15, 2->3 10, 3->1 5, 2->USDT 25, and an isolated
 * protocol 4 (TVL 10).
 */
class WeekMetricsCalculatorTest {
    private static WeeklyNetwork toy() {
        return WeeklyNetwork.builder(LocalDate.of(2022, 11, 7))
                .addNode("1", 100, "Alpha", "Lending", null)
                .addNode("2", 50, "Beta", "Dexes", null)
                .addNode("3", 30, "Gamma", "CDP", null)
                .addNode("USDT", 40, null, null, null)
                .addNode("4", 10, "Delta", "Yield", null)
                .addLink("1", "2", 20).addLink("1", "USDT", 15).addLink("2", "3", 10)
                .addLink("3", "1", 5).addLink("2", "USDT", 25).addLink("1", "2", 5)
                .droppedLinks(2).flippedLinks(1)
                .build();
    }

    @Test
    void sizesValuesAndDegreesMatchHandComputation() {
        WeekMetrics m = new WeekMetricsCalculator(0.85, 100, 1e-12).compute(toy());

        assertThat(m.id).isEqualTo("2022-11-07:network-metrics");
        assertThat(m.nodes).isEqualTo(5);
        assertThat(m.protocols).isEqualTo(4);
        assertThat(m.tokenBuckets).isEqualTo(1);
        assertThat(m.links).isEqualTo(5);
        assertThat(m.mergedParallelLinks).isEqualTo(1);
        assertThat(m.droppedLinks).isEqualTo(2);
        assertThat(m.flippedLinks).isEqualTo(1);
        assertThat(m.isolatedNodes).isEqualTo(1);
        assertThat(m.selfLoops).isZero();
        assertThat(m.totalTvlUsd).isEqualTo(190.0);
        assertThat(m.tokenBucketSizeUsd).isEqualTo(40.0);
        assertThat(m.totalExposureUsd).isEqualTo(80.0);
        assertThat(m.protocolExposureUsd).isEqualTo(40.0);
        assertThat(m.density).isCloseTo(5.0 / 20.0, within(1e-15));
        assertThat(m.meanDegree).isCloseTo(1.0, within(1e-15));
        // in-degrees 1,1,1,2,0 ; out-degrees 2,2,1,0,0
        assertThat(m.inDegreeMax).isEqualTo(2);
        assertThat(m.outDegreeMax).isEqualTo(2);
        assertThat(m.inDegreeStd).isCloseTo(Math.sqrt(2.0 / 5.0), within(1e-12));
        assertThat(m.outDegreeStd).isCloseTo(Math.sqrt(4.0 / 5.0), within(1e-12));
        assertThat(m.inDegreeMedian).isEqualTo(1.0);
        assertThat(m.outDegreeMedian).isEqualTo(1.0);
    }

    @Test
    void pageRankTopListIsOrderedAndNamed() {
        WeekMetrics m = new WeekMetricsCalculator(0.85, 100, 1e-12).compute(toy());

        assertThat(m.pageRankTop10).hasSize(5);
        assertThat(m.pageRankTop10).extracting(r -> r.rank).containsExactly(1, 2, 3, 4, 5);
        assertThat(m.pageRankTop10).isSortedAccordingTo((a, b) -> Double.compare(b.score, a.score));
        assertThat(m.pageRankTop10.stream().mapToDouble(r -> r.score).sum()).isCloseTo(1.0, within(1e-9));
        RankedNode usdt = m.pageRankTop10.stream().filter(r -> r.id.equals("USDT")).findFirst().orElseThrow();
        assertThat(usdt.kind).isEqualTo("token_bucket");
        RankedNode alpha = m.pageRankTop10.stream().filter(r -> r.id.equals("1")).findFirst().orElseThrow();
        assertThat(alpha.name).isEqualTo("Alpha");
        assertThat(alpha.category).isEqualTo("Lending");
        // The isolated protocol only gets teleport mass: last.
        assertThat(m.pageRankTop10.get(4).id).isEqualTo("4");
    }

    @Test
    void emptyWeekGivesZeros() {
        WeekMetrics m = new WeekMetricsCalculator(0.85, 100, 1e-12)
                .compute(WeeklyNetwork.builder(LocalDate.of(2020, 3, 23)).build());
        assertThat(m.nodes).isZero();
        assertThat(m.density).isZero();
        assertThat(m.pageRankTop10).isEmpty();
    }
}
