package io.dexposure.analytics.risk;

import io.dexposure.analytics.network.WeeklyNetwork;
import io.dexposure.analytics.week.NetworkWeek;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ContagionTest {
    private static final double EPS = 1e-12;

    /** Node ids are protocol ids; sizes in USD; a link c -> d of w means c holds w of d's tokens. */
    static NetworkWeek week(Map<String, Double> tvl, String... links) {
        WeeklyNetwork.WeeklyNetworkBuilder b = WeeklyNetwork.builder(LocalDate.parse("2022-05-09"));
        tvl.keySet().stream().sorted().forEach(id -> b.addNode(id, tvl.get(id), "P" + id, "Lending", Map.of()));
        for (String link : links) {
            String[] p = link.split("[ >:]+");
            b.addLink(p[0], p[1], Double.parseDouble(p[2]));
        }
        return NetworkWeek.of(b.build(), null);
    }

    private static double[] shock(NetworkWeek w, String id, double fraction) {
        double[] s = new double[w.nodeCount()];
        s[w.indexById().get(id)] = fraction;
        return s;
    }

    @Test
    void handComputedCascadeWithDistressThresholdAndZeroTvlCreditor() {
        // 1 fails; 2 (TVL 50) held 30 of its 50 held tokens, 3 (TVL 400) held 10, 4 (TVL 0) held 10.
        // Round 1: 2 loses min(50, 100*30/50 = 60) = 50 -> distressed; 3 loses 100*10/50 = 20 (5 % < 10 %);
        //          4 has no TVL: takes nothing, but its 10 stays in the denominator.
        // Round 2: 2 passes its 50 to 3 (the only holder of 2's tokens): 3 at 70 > 40 -> distressed.
        // Round 3: 3 has no creditors: nothing new, stop. Loss 100 + 50 + 70 = 220 of 550.
        NetworkWeek w = week(Map.of("1", 100.0, "2", 50.0, "3", 400.0, "4", 0.0),
                "2>1:30", "3>1:10", "4>1:10", "3>2:20");
        ContagionResult r = Contagion.defaults().simulate(w.tvlUsd, ExposureLinks.of(w), shock(w, "1", 1.0));
        assertThat(r.lossUsd()).isCloseTo(220, within(EPS));
        assertThat(r.lossShare()).isCloseTo(220.0 / 550, within(EPS));
        assertThat(r.rounds()).isEqualTo(3);
        assertThat(r.distressedPerRound()).containsExactly(1, 1, 0);
        assertThat(r.distressed()).containsExactly(0, 1, 2);
        assertThat(r.lossByNode()).containsExactly(new double[]{100, 50, 70, 0}, within(EPS));
    }

    @Test
    void partialShockAndRoundCap() {
        NetworkWeek w = week(Map.of("1", 100.0, "2", 50.0, "3", 400.0, "4", 0.0),
                "2>1:30", "3>1:10", "4>1:10", "3>2:20");
        // A 40 % shock: 1 loses 40; 2 gets 40*30/50 = 24 (> 5: distressed); 3 gets 8 (2 %).
        ContagionResult one = new Contagion(0.1, 1).simulate(w.tvlUsd, ExposureLinks.of(w), shock(w, "1", 0.4));
        assertThat(one.rounds()).isEqualTo(1);
        assertThat(one.lossByNode()).containsExactly(new double[]{40, 24, 8, 0}, within(EPS));
        // Without the cap, round 2 passes 2's 24 to 3: 32, still under 40, so the cascade stops there.
        ContagionResult all = Contagion.defaults().simulate(w.tvlUsd, ExposureLinks.of(w), shock(w, "1", 0.4));
        assertThat(all.lossByNode()).containsExactly(new double[]{40, 24, 32, 0}, within(EPS));
        assertThat(all.distressed()).containsExactly(0, 1);
    }

    @Test
    void linearDebtRankReproducesTheNetworkRiskMeasuresEngineByHand() {
        // NetworkRiskMeasures' documentation example: assets a->b 1, b->a 10, b->c 3, c->a 3, c->b 2;
        // buffers a 2, b 5, c 2 (ids 1, 2, 3). Initial stress 0.2 on a. Iterating its engine by hand:
        // stress (0.2,0,0) -> (0.2,0.4,0.3) -> (0.4,0.58,0.7) -> (0.49,1.22,1.18) -> (0.70,1.58,1.735) -> (0.70,2.0,2.05),
        // then nothing moves; capped at 1: (0.70, 1, 1).
        NetworkWeek w = week(Map.of("1", 2.0, "2", 5.0, "3", 2.0), "1>2:1", "2>1:10", "2>3:3", "3>1:3", "3>2:2");
        double[] stress = LinearDebtRank.stress(w.tvlUsd, ExposureLinks.of(w), new double[]{0.2, 0, 0}, 30);
        assertThat(stress).containsExactly(new double[]{0.70, 1, 1}, within(1e-12));
    }

    @Test
    void agreesWithLinearDebtRankWhereTheModelsCoincide() {
        // Every debtor's TVL equals what others hold of it, every hit is above 10 %, nobody is hit twice:
        // a creditor then loses (debtor's loss) * (its share of the debtor's tokens) in both models.
        NetworkWeek w = week(Map.of("1", 100.0, "2", 200.0, "3", 300.0, "4", 1000.0, "5", 500.0),
                "2>1:60", "3>1:40", "4>2:150", "5>2:50", "5>3:300");
        double[] shock = shock(w, "1", 1.0);
        ContagionResult dexposure = Contagion.defaults().simulate(w.tvlUsd, ExposureLinks.of(w), shock);
        double[] stress = LinearDebtRank.stress(w.tvlUsd, ExposureLinks.of(w), shock, 50);
        for (int i = 0; i < w.nodeCount(); i++) {
            assertThat(dexposure.lossByNode()[i]).as("node %s", w.ids[i]).isCloseTo(stress[i] * w.tvlUsd[i], within(1e-9));
        }
        assertThat(dexposure.lossUsd()).isGreaterThan(100);
    }
}
