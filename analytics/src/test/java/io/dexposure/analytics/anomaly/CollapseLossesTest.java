package io.dexposure.analytics.anomaly;

import io.dexposure.analytics.network.WeeklyNetwork;
import io.dexposure.analytics.week.NetworkWeek;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class CollapseLossesTest {
    /** Nodes A, B, C, D hold tokens T, U, V, W; a link "A>T:100" means A holds $100 of T's tokens. */
    private static NetworkWeek week(String date, String... links) {
        WeeklyNetwork.WeeklyNetworkBuilder b = WeeklyNetwork.builder(LocalDate.parse(date));
        for (String id : List.of("A", "B", "C", "D", "T", "U", "V", "W")) {
            b.addNode(id, 1000, id, "Lending", Map.of());
        }
        for (String link : links) {
            String[] p = link.split("[>:]");
            b.addLink(p[0], p[1], Double.parseDouble(p[2]));
        }
        return NetworkWeek.of(b.build(), null);
    }

    // Last week, total exposure 2000. T: held by A 400, B 200, C 100 (and D 300, which vanishes this week).
    // U: held by A 500, B 300 (rises). V: held by C only, 200 (falls 80 % with one holder). W: D 0 -> new.
    private static final NetworkWeek BEFORE = week("2022-05-02", "A>T:400", "B>T:200", "C>T:100", "D>T:300",
            "A>U:500", "B>U:300", "C>V:200");
    // This week: T's persisting holders hold 40 (x0.1), 30 (x0.15), 80 (x0.8): median ratio 0.15, fall 0.85.
    private static final NetworkWeek AFTER = week("2022-05-09", "A>T:40", "B>T:30", "C>T:80",
            "A>U:550", "B>U:330", "C>V:40", "D>W:500");

    @Test
    void handComputedOwnAndCreditorLosses() {
        CollapseLosses l = CollapseLosses.between(BEFORE, AFTER, CollapseLosses.Settings.defaults());
        // Only T collapses: U rose, V fell 80 % but with one holder, which is a withdrawal as much as a price.
        assertThat(l.collapsingIssuers()).containsOnlyKeys("T");
        assertThat(l.collapsingIssuers().get("T")).isCloseTo(0.85, within(1e-12));
        // T's own loss: all 1000 held last week (D's 300 included) times the fall.
        assertThat(l.ownLossUsd("T")).isCloseTo(850, within(1e-9));
        assertThat(l.ownLossBp("T")).isCloseTo(850 / 2000.0 * 1e4, within(1e-9));
        // Creditors lose last week's holding times T's fall, whatever they did with it since (D sold out).
        assertThat(l.creditorLossUsd("A")).isCloseTo(340, within(1e-9));
        assertThat(l.creditorLossUsd("B")).isCloseTo(170, within(1e-9));
        assertThat(l.creditorLossUsd("C")).isCloseTo(85, within(1e-9));
        assertThat(l.creditorLossUsd("D")).isCloseTo(255, within(1e-9));
        assertThat(l.creditorLossBp("D")).isCloseTo(1275, within(1e-9));
        assertThat(l.creditorLossUsd("T")).isZero();
        assertThat(l.ownLossUsd("V")).isZero();
        assertThat(l.ownLossUsd("A")).isZero();
    }

    @Test
    void oneHolderIsEnoughWhenAskedAndTheThresholdIsInclusive() {
        CollapseLosses l = CollapseLosses.between(BEFORE, AFTER, new CollapseLosses.Settings(0.8, 1));
        assertThat(l.collapsingIssuers()).containsOnlyKeys("T", "V");
        assertThat(l.creditorLossUsd("C")).isCloseTo(85 + 160, within(1e-9));
        assertThat(CollapseLosses.between(BEFORE, AFTER, new CollapseLosses.Settings(0.86, 1)).collapsingIssuers()).isEmpty();
    }

    @Test
    void noPreviousWeekOrNoCollapseMeansNoLossAnywhere() {
        assertThat(CollapseLosses.between(null, AFTER, CollapseLosses.Settings.defaults())).isSameAs(CollapseLosses.NONE);
        CollapseLosses same = CollapseLosses.between(BEFORE, BEFORE, CollapseLosses.Settings.defaults());
        assertThat(same.collapsingIssuers()).isEmpty();
        assertThat(same.creditorLossBp("A")).isZero();
    }

    @Test
    void theFeaturesCarryTheLossesInBasisPointsOnAFixedScale() {
        ProtocolFeatures.Week f = ProtocolFeatures.of(AFTER, BEFORE, CollapseLosses.Settings.defaults());
        int a = f.metrics().stream().map(m -> m.node).toList().indexOf("A");
        int t = f.metrics().stream().map(m -> m.node).toList().indexOf("T");
        assertThat(f.rows()[a][ProtocolFeatures.CREDITOR_LOSS]).isCloseTo(1700, within(1e-9));
        assertThat(f.rows()[t][ProtocolFeatures.COLLAPSE_LOSS]).isCloseTo(4250, within(1e-9));
        assertThat(f.spreads()[ProtocolFeatures.CREDITOR_LOSS]).isEqualTo(1);
        assertThat(f.spreads()[0]).isNaN();
        // Without the links (per-node metrics only) both are 0.
        ProtocolFeatures.Week metricsOnly = ProtocolFeatures.of(ProtocolFeatures.metricsOf(AFTER), ProtocolFeatures.metricsOf(BEFORE));
        assertThat(metricsOnly.rows()[a][ProtocolFeatures.CREDITOR_LOSS]).isZero();
    }
}
