package io.dexposure.analytics.sectors;

import io.dexposure.analytics.network.WeeklyNetwork;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** A toy pair of weeks whose flows are worked out by hand in the comments. */
class SectorFlowsTest {
    private static final LocalDate W1 = LocalDate.parse("2022-01-03");
    private static final LocalDate W2 = LocalDate.parse("2022-01-10");

    private static WeeklyNetwork week1() {
        return WeeklyNetwork.builder(W1)
                .addNode("1", 100, "Lender", "Lending", Map.of("ETH", 60.0, "USDC", 40.0))
                .addNode("2", 50, "Dex", "Dexes", Map.of("ETH", 50.0))
                .addNode("3", 10, null, null, Map.of("USDC", 10.0))          // no category: "other"
                .addNode("USDC", 50, null, null, Map.of("USDC", 50.0))       // token node: no TVL of its own
                .addLink("1", "2", 30).addLink("2", "1", 5).addLink("1", "USDC", 40).addLink("3", "USDC", 10)
                .build();
    }

    private static WeeklyNetwork week2() {
        return WeeklyNetwork.builder(W2)
                .addNode("1", 70, "Lender", "Lending", Map.of("ETH", 40.0, "USDC", 30.0))
                .addNode("2", 80, "Dex", "Dexes", Map.of("ETH", 80.0))
                .addNode("4", 20, "Lender2", "Lending", Map.of("USDC", 20.0))   // "3" left, "4" entered
                .addNode("USDC", 50, null, null, Map.of("USDC", 50.0))
                .addLink("1", "2", 10).addLink("2", "1", 5).addLink("1", "USDC", 30).addLink("4", "USDC", 20)
                .addLink("2", "4", 15)
                .build();
    }

    @Test
    void firstWeekHasNothingToCompareWith() {
        assertThat(new SectorFlows(TokenPriceMoves.none()).next(week1())).isNull();
    }

    @Test
    void withoutPricesNetInflowIsTheTvlChange() {
        SectorFlows flows = new SectorFlows(TokenPriceMoves.none());
        flows.next(week1());
        SectorFlowWeek w = flows.next(week2());
        assertThat(w.week()).isEqualTo("2022-01-10");
        assertThat(w.previous()).isEqualTo("2022-01-03");
        assertThat(w.priced()).isFalse();
        // Lending 100 -> 70 + 20 = 90; Dexes 50 -> 80; other: protocol 3 (10) left, the token node never counts.
        assertThat(w.sector("Lending")).isEqualTo(new SectorFlowWeek.Sector("Lending", 90, -10, 0, -10));
        assertThat(w.sector("Dexes")).isEqualTo(new SectorFlowWeek.Sector("Dexes", 80, 30, 0, 30));
        assertThat(w.sector("other")).isEqualTo(new SectorFlowWeek.Sector("other", 0, -10, 0, -10));
        assertThat(w.sectors()).hasSize(3);
    }

    @Test
    void priceMovesAreTakenOutOfTheTvlChange() {
        // ETH 2000 -> 1500 (ratio 0.75), USDC 1 -> 1; WBTC priced in one week only: no move known.
        TokenPriceMoves prices = TokenPriceMoves.of(Map.of(
                W1, Map.of("ETH", 2000.0, "USDC", 1.0, "WBTC", 30000.0),
                W2, Map.of("ETH", 1500.0, "USDC", 1.0)));
        SectorFlows flows = new SectorFlows(prices);
        flows.next(week1());
        SectorFlowWeek w = flows.next(week2());
        assertThat(w.priced()).isTrue();
        // Lending held ETH 60 -> price effect 60 * (0.75 - 1) = -15; TVL change -10; net inflow -10 - (-15) = +5.
        SectorFlowWeek.Sector lending = w.sector("Lending");
        assertThat(lending.priceEffectUsd()).isCloseTo(-15, within(1e-12));
        assertThat(lending.netInflowUsd()).isCloseTo(5, within(1e-12));
        // Dexes held ETH 50 -> -12.5; TVL change +30; net inflow 42.5.
        assertThat(w.sector("Dexes").priceEffectUsd()).isCloseTo(-12.5, within(1e-12));
        assertThat(w.sector("Dexes").netInflowUsd()).isCloseTo(42.5, within(1e-12));
        // other held USDC only (no move): all of its -10 is outflow.
        assertThat(w.sector("other").netInflowUsd()).isCloseTo(-10, within(1e-12));
    }

    @Test
    void crossSectorFlowsAreTheChangeOfExposureBetweenSectors() {
        SectorFlows flows = new SectorFlows(TokenPriceMoves.none());
        flows.next(week1());
        SectorFlowWeek w = flows.next(week2());
        // Lending -> Dexes: 30 -> 10; Dexes -> Lending: 5 -> 5 + 15 (2 -> 4); Lending -> other (USDC): 40 -> 30 + 20.
        assertThat(w.crossFlow("Lending", "Dexes")).isEqualTo(new SectorFlowWeek.CrossFlow("Lending", "Dexes", 10, -20));
        assertThat(w.crossFlow("Dexes", "Lending")).isEqualTo(new SectorFlowWeek.CrossFlow("Dexes", "Lending", 20, 15));
        assertThat(w.crossFlow("Lending", "other")).isEqualTo(new SectorFlowWeek.CrossFlow("Lending", "other", 50, 10));
        // other -> other (3 -> USDC) is within one sector: left out.
        assertThat(w.crossFlow("other", "other")).isNull();
        assertThat(w.crossFlows()).hasSize(3);
    }

    @Test
    void aTokenSectorCountsTheTokenNodesHeldValue() {
        SectorFlows flows = new SectorFlows(TokenPriceMoves.none(), "tokens");
        flows.next(week1());
        SectorFlowWeek w = flows.next(week2());
        // USDC's size is 50 both weeks: no flow; protocol 3 (no category) is still "other".
        assertThat(w.sector("tokens")).isEqualTo(new SectorFlowWeek.Sector("tokens", 50, 0, 0, 0));
        assertThat(w.sector("other")).isEqualTo(new SectorFlowWeek.Sector("other", 0, -10, 0, -10));
        // Holders' exposure to USDC is now to "tokens": Lending -> tokens 40 -> 50; other -> tokens 10 -> 0.
        assertThat(w.crossFlow("Lending", "tokens")).isEqualTo(new SectorFlowWeek.CrossFlow("Lending", "tokens", 50, 10));
        assertThat(w.crossFlow("other", "tokens")).isEqualTo(new SectorFlowWeek.CrossFlow("other", "tokens", 0, -10));
        assertThat(w.crossFlow("Lending", "other")).isNull();
    }
}
