package io.dexposure.analytics.assets;

import io.dexposure.analytics.network.WeeklyNetwork;
import io.dexposure.analytics.week.NetworkWeek;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Hand-computed fixtures in the real id model: token node {@code UST} held by protocols 1, 2, 3
 * ($100, $200, $300 before); protocol issuer 9 whose two tokens (A9, B9) protocols 1 and 2 hold.
 */
class AssetViewTest {
    /** Holdings of UST by 1, 2, 3 and of issuer 9 by 1, 2 (links; compositions carry the same amounts). */
    static NetworkWeek week(String date, double ust1, double ust2, double ust3, double a9by1, double b9by2) {
        WeeklyNetwork.WeeklyNetworkBuilder b = WeeklyNetwork.builder(LocalDate.parse(date));
        b.addNode("1", 1000, "One", "Lending", composition("UST", ust1, "A9", a9by1, "USDT", 500));
        b.addNode("2", 1000, "Two", "Dexes", composition("UST", ust2, "B9", b9by2));
        b.addNode("3", 1000, "Three", "Yield", composition("UST", ust3, "LP", 50));
        b.addNode("9", 800, "Nine", "CDP", Map.of());
        b.addNode("UST", ust1 + ust2 + ust3, null, null, Map.of("UST", ust1 + ust2 + ust3));
        b.addNode("USDT", 500, null, null, Map.of("USDT", 500.0));
        b.addNode("LP", 50, null, null, Map.of("LP", 50.0));
        link(b, "1", "UST", ust1);
        link(b, "2", "UST", ust2);
        link(b, "3", "UST", ust3);
        link(b, "1", "9", a9by1);
        link(b, "2", "9", b9by2);
        link(b, "1", "USDT", 500);
        link(b, "3", "LP", 50);
        return NetworkWeek.of(b.build(), null);
    }

    private static void link(WeeklyNetwork.WeeklyNetworkBuilder b, String s, String t, double usd) {
        if (usd > 0) {
            b.addLink(s, t, usd);
        }
    }

    private static Map<String, Double> composition(Object... kv) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            if (((Number) kv[i + 1]).doubleValue() > 0) {
                m.put((String) kv[i], ((Number) kv[i + 1]).doubleValue());
            }
        }
        return m;
    }

    private static final NetworkWeek BEFORE = week("2022-05-02", 100, 200, 300, 40, 60);

    @Test
    void aPriceMoveMovesEveryHolderAndTheMedianSeesIt() {
        // UST: every holder's USD x0.4 -> price move -60 %, nothing withdrawn.
        AssetView v = AssetView.of(BEFORE, week("2022-05-09", 40, 80, 120, 40, 60));
        AssetMove ust = v.issuer("UST");
        assertThat(ust.kind()).isEqualTo(AssetKind.TOKEN);
        assertThat(ust.heldBefore()).isEqualTo(600.0);
        assertThat(ust.heldNow()).isEqualTo(240.0);
        assertThat(ust.holdersBoth()).isEqualTo(3);
        assertThat(ust.priceMove()).isCloseTo(-0.6, within(1e-12));
        assertThat(ust.withdrawnUsd()).isCloseTo(0, within(1e-9));
        assertThat(ust.priceLossUsd()).isCloseTo(360, within(1e-9));
        // The same from the holders' compositions (the token-symbol view).
        assertThat(v.token("UST").priceMove()).isCloseTo(-0.6, within(1e-12));
        assertThat(v.token("UST").heldBefore()).isEqualTo(600.0);
        // Holders, largest first, and their losses: 300*0.6, 200*0.6, 100*0.6.
        assertThat(ust.holders()).containsExactly("3", "2", "1");
        assertThat(new double[]{ust.holderLoss(0), ust.holderLoss(1), ust.holderLoss(2)})
                .containsExactly(new double[]{180, 120, 60}, within(1e-9));
        // Buckets issue nothing; a token node's holding of itself is not counted as held by others.
        assertThat(v.issuers()).doesNotContainKey("LP");
        assertThat(v.tokens()).doesNotContainKeys("LP", "OTHER");
        assertThat(v.token("USDT").heldBefore()).isEqualTo(500.0);
    }

    @Test
    void oneHolderLeavingIsAWithdrawalNotAPriceMove() {
        // Holder 3 sells all its UST; 1 and 2 keep theirs: price move 0, $300 withdrawn, nobody lost anything.
        AssetView v = AssetView.of(BEFORE, week("2022-05-09", 100, 200, 0, 40, 60));
        AssetMove ust = v.issuer("UST");
        assertThat(ust.heldNow()).isEqualTo(300.0);
        assertThat(ust.holdersBoth()).isEqualTo(2);
        assertThat(ust.priceMove()).isCloseTo(0, within(1e-12));
        assertThat(ust.withdrawnUsd()).isCloseTo(300, within(1e-9));
        assertThat(ust.priceLossUsd()).isZero();
        for (int h = 0; h < 3; h++) {
            assertThat(ust.holderLoss(h)).isZero();
        }
        // The TVL-based view would have called this a 50 % fall of what others hold.
        assertThat(1 - ust.heldNow() / ust.heldBefore()).isEqualTo(0.5);
    }

    @Test
    void anIssuerAggregatesItsTokens() {
        // Issuer 9: 1 holds $40 of A9 -> $20 (-50 %), 2 holds $60 of B9 -> $30 (-50 %).
        AssetView v = AssetView.of(BEFORE, week("2022-05-09", 100, 200, 300, 20, 30));
        AssetMove nine = v.issuer("9");
        assertThat(nine.kind()).isEqualTo(AssetKind.PROTOCOL);
        assertThat(nine.heldBefore()).isEqualTo(100.0);
        assertThat(nine.heldNow()).isEqualTo(50.0);
        assertThat(nine.priceMove()).isCloseTo(-0.5, within(1e-12));
        assertThat(v.token("A9").priceMove()).isCloseTo(-0.5, within(1e-12));
        assertThat(v.token("B9").heldBefore()).isEqualTo(60.0);
        assertThat(v.issuer("UST").priceMove()).isZero();
    }

    @Test
    void lossesAreMeasuredFromHoldingsAndBoundedByThePriceMove() {
        // UST: 1 keeps its units (100 -> 40, -60 %), 2 too (200 -> 80), 3 sells half its units first
        // (300 -> 60: half of 300 is withdrawn, the other half falls 60 %). Median -60 %.
        AssetView v = AssetView.of(BEFORE, week("2022-05-09", 40, 80, 60, 40, 60));
        AssetMove ust = v.issuer("UST");
        assertThat(ust.priceMove()).isCloseTo(-0.6, within(1e-12));
        CreditorLosses losses = CreditorLosses.of(List.of(ust));
        // 3's USD fell by 240 but the price explains 300*0.6 = 180 of it: that is its loss.
        assertThat(losses.lossUsd("3")).isCloseTo(180, within(1e-9));
        assertThat(losses.lossUsd("2")).isCloseTo(120, within(1e-9));
        assertThat(losses.lossUsd("1")).isCloseTo(60, within(1e-9));
        assertThat(losses.totalUsd()).isCloseTo(360, within(1e-9));
        assertThat(losses.largest()).extracting(CreditorLosses.Creditor::id).containsExactly("3", "2", "1");
        // A holder that only partly fell: min(fall, before * price fall).
        assertThat(AssetMove.holderLoss(100, 70, 0.6)).isEqualTo(30);
        assertThat(AssetMove.holderLoss(100, 0, 0.6)).isEqualTo(60);
        assertThat(AssetMove.holderLoss(100, 120, 0.6)).isZero();
    }

    @Test
    void assetKindsFollowTheDataContract() {
        assertThat(AssetKind.of("294")).isEqualTo(AssetKind.PROTOCOL);
        assertThat(AssetKind.of("LUNA")).isEqualTo(AssetKind.TOKEN);
        assertThat(AssetKind.of("$PAAL")).isEqualTo(AssetKind.TOKEN);
        assertThat(AssetKind.of("USD0++")).isEqualTo(AssetKind.TOKEN);
        assertThat(AssetKind.of("LP")).isEqualTo(AssetKind.BUCKET);
        assertThat(AssetKind.of("UNKNOWN (bsc:0x9f99)")).isEqualTo(AssetKind.BUCKET);
        assertThat(AssetKind.of("None")).isEqualTo(AssetKind.BUCKET);
        assertThat(AssetKind.of(null)).isEqualTo(AssetKind.BUCKET);
    }
}
