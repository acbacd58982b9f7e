package io.dexposure.analytics.anomaly;

import io.dexposure.analytics.network.WeeklyNetwork;
import io.dexposure.analytics.week.NetworkWeek;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class WeeklyAnomaliesTest {
    /** The large nodes hold each other in one ring, the small ones in another. */
    private static int next(int i) {
        return i < 12 ? (i + 1) % 12 : 12 + (i - 11) % 6;
    }

    /** 12 protocols of $1-12 M and 6 of $1-6 k, each holding the next one's tokens (two rings), sizes scaled by {@code f}. */
    private static NetworkWeek week(String date, double f) {
        WeeklyNetwork.WeeklyNetworkBuilder b = WeeklyNetwork.builder(LocalDate.parse(date));
        for (int i = 0; i < 18; i++) {
            b.addNode("p" + i, (i < 12 ? 1e6 * (i + 1) : 1e3 * (i - 11)) * f, "P" + i, "Lending", Map.of());
        }
        for (int i = 0; i < 18; i++) {
            b.addLink("p" + i, "p" + next(i), (i < 12 ? 2e5 : 2e2) * f * (1 + 0.1 * i));
        }
        return NetworkWeek.of(b.build(), null);
    }

    @Test
    void onlyMaterialNodesAreRankedAndTheirRowsPointAtTheirOwnMetrics() {
        NetworkWeek before = week("2022-05-02", 1);
        NetworkWeek now = week("2022-05-09", 0.9);
        WeeklyAnomalies.Week w = new WeeklyAnomalies(AnomalyEnsemble.Settings.defaults(), false).score(now, before);
        assertThat(w.ranking()).hasSize(12);
        assertThat(w.ranking()).allSatisfy(s -> {
            assertThat(Integer.parseInt(s.id().substring(1))).isLessThan(12);
            assertThat(w.features().metrics().get(s.row()).node).isEqualTo(s.id());
        });
        WeeklyAnomalies.Week all = new WeeklyAnomalies(AnomalyEnsemble.Settings.defaults().withMaterialUsd(0), false).score(now, before);
        assertThat(all.ranking()).hasSize(18);
    }

    @Test
    void aNodeThatWasMaterialLastWeekIsStillScoredAfterItsFall() {
        NetworkWeek before = week("2022-05-02", 1);
        WeeklyNetwork.WeeklyNetworkBuilder b = WeeklyNetwork.builder(LocalDate.parse("2022-05-09"));
        for (int i = 0; i < 18; i++) {
            // p11 ($12 M last week) collapses to $1 k.
            b.addNode("p" + i, i == 11 ? 1e3 : i < 12 ? 1e6 * (i + 1) : 1e3 * (i - 11), "P" + i, "Lending", Map.of());
        }
        for (int i = 0; i < 18; i++) {
            b.addLink("p" + i, "p" + next(i), i == 11 || i == 10 ? 10 : (i < 12 ? 2e5 : 2e2) * (1 + 0.1 * i));
        }
        WeeklyAnomalies.Week w = new WeeklyAnomalies(AnomalyEnsemble.Settings.defaults(), false)
                .score(NetworkWeek.of(b.build(), null), before);
        assertThat(w.rankOf("p11")).isPositive();
        assertThat(w.ranking()).hasSize(12);
    }

    @Test
    void aWeekOfSmallNodesIsScoredWhole() {
        NetworkWeek small = week("2022-05-02", 1e-4);
        assertThat(new WeeklyAnomalies(AnomalyEnsemble.Settings.defaults(), false).score(small, null).ranking()).hasSize(18);
    }
}
