package io.dexposure.analytics.alerts;

import io.dexposure.analytics.metrics.WeekMetrics;
import io.dexposure.analytics.network.WeeklyNetwork;
import io.dexposure.analytics.week.NetworkWeek;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class AlertRulesTest {
    private static final AlertThresholds T = AlertThresholds.defaults();
    private static final double B = 1e9;
    private static final double M = 1e6;

    /** Issuer 1 (Stable, TVL $10B) held by 2 ($3B of a $6B TVL), 3 ($0.5B of $20B), 4 ($50M of $100M); token bucket ETH. */
    private static NetworkWeek before() {
        return week("2022-05-02", Map.of("1", 10 * B, "2", 6 * B, "3", 20 * B, "4", 100 * M),
                "2>1:3e9", "3>1:5e8", "4>1:5e7", "1>2:1e8");
    }

    private static NetworkWeek week(String date, Map<String, Double> tvl, String... links) {
        WeeklyNetwork.WeeklyNetworkBuilder b = WeeklyNetwork.builder(LocalDate.parse(date));
        Map<String, String> category = Map.of("1", "Algo-Stables", "2", "Lending", "3", "Dexes", "4", "Lending");
        tvl.keySet().stream().sorted().forEach(id -> b.addNode(id, tvl.get(id), "P" + id, category.get(id), Map.of()));
        b.addNode("ETH", 1 * B, null, null, Map.of());
        for (String link : links) {
            String[] p = link.split("[>:]");
            b.addLink(p[0], p[1], Double.parseDouble(p[2]));
        }
        NetworkWeek w = NetworkWeek.of(b.build(), null);
        java.util.Arrays.fill(w.pageRank, 1.0 / w.nodeCount());
        return w;
    }

    private static List<Alert> run(AlertRule rule, NetworkWeek previous, NetworkWeek current) {
        return rule.evaluate(new WeekChange(current, previous, riskOf(current, previous), null));
    }

    private static io.dexposure.analytics.risk.WeekRiskCalculator.Assessment riskOf(NetworkWeek current, NetworkWeek previous) {
        return new io.dexposure.analytics.risk.WeekRiskCalculator(io.dexposure.analytics.risk.SystemicImportance.equalWeights(),
                io.dexposure.analytics.risk.Contagion.defaults(), 20, 5, 0.2, 1e7).assess(current, previous);
    }

    @Test
    void issuerCollapseIsCriticalAndNamesTheLargestCreditors() {
        NetworkWeek after = week("2022-05-09", Map.of("1", 2.5 * B, "2", 5 * B, "3", 20 * B, "4", 95 * M),
                "2>1:7e8", "3>1:1e8", "4>1:1e7");
        List<Alert> alerts = run(new IssuerCollapseRule(T), before(), after);
        assertThat(alerts).hasSize(1);
        Alert a = alerts.get(0);
        assertThat(a.id).isEqualTo("2022-05-09:issuer-collapse:1");
        assertThat(a.severity).isEqualTo(Alert.CRITICAL);
        assertThat(a.value).isCloseTo(0.75, within(1e-12));
        assertThat(a.usdAtRisk).isCloseTo(3.55 * B * 0.75, within(1.0));
        assertThat(a.subjectName).isEqualTo("P1");
        assertThat(a.subjectCategory).isEqualTo("Algo-Stables");
        assertThat(a.subjects).extracting(s -> s.id + ":" + s.role).containsExactly("1:issuer", "2:creditor", "3:creditor", "4:creditor");
        assertThat(a.message).contains("P1 (1, Algo-Stables) lost 75.0 % of its TVL ($10.00B -> $2.50B)", "$3.55B", "P2 $3.00B");
    }

    @Test
    void issuerCollapseSeverityFollowsTheThresholds() {
        // A 40 % fall with $3.55B held: warning (critical needs 50 %).
        NetworkWeek after = week("2022-05-09", Map.of("1", 6 * B, "2", 6 * B, "3", 20 * B, "4", 100 * M), "2>1:3e9");
        assertThat(run(new IssuerCollapseRule(T), before(), after)).extracting(a -> a.severity).containsExactly(Alert.WARNING);
        // A 20 % fall: nothing. A vanished issuer (gone from the week): a 100 % fall.
        NetworkWeek calm = week("2022-05-09", Map.of("1", 8 * B, "2", 6 * B, "3", 20 * B, "4", 100 * M), "2>1:3e9");
        assertThat(run(new IssuerCollapseRule(T), before(), calm)).isEmpty();
        NetworkWeek gone = week("2022-05-09", Map.of("2", 6 * B, "3", 20 * B, "4", 100 * M));
        assertThat(run(new IssuerCollapseRule(T), before(), gone)).extracting(a -> a.value).containsExactly(1.0);
        // The first week of a run has nothing to compare with.
        assertThat(run(new IssuerCollapseRule(T), null, before())).isEmpty();
    }

    @Test
    void creditorAtRiskMeasuresExposureToDistressedIssuersAgainstOwnTvl() {
        NetworkWeek after = week("2022-05-09", Map.of("1", 2.5 * B, "2", 5 * B, "3", 20 * B, "4", 95 * M));
        List<Alert> alerts = run(new CreditorAtRiskRule(T), before(), after);
        // 2: $3B of $6B = 50 % -> critical; 3: $0.5B of $20B = 2.5 % -> none; 4: $50M of $100M = 50 % -> critical.
        assertThat(alerts).extracting(a -> a.subject + ":" + a.severity).containsExactly("2:critical", "4:critical");
        assertThat(alerts.get(0).value).isCloseTo(0.5, within(1e-12));
        assertThat(alerts.get(0).subjects).extracting(s -> s.id + ":" + s.role).containsExactly("2:creditor", "1:issuer");
        // Under the minimum exposure, no alert whatever the share.
        AlertThresholds high = T.with("creditor-at-risk.min-exposure-usd", "1e9");
        assertThat(run(new CreditorAtRiskRule(high), before(), after)).extracting(a -> a.subject).containsExactly("2");
    }

    @Test
    void contagionRuleReportsTheObservedShockSpread() {
        NetworkWeek after = week("2022-05-09", Map.of("1", 2.5 * B, "2", 5 * B, "3", 20 * B, "4", 95 * M));
        List<Alert> alerts = run(new ContagionRule(T), before(), after);
        // Observed: 1 loses 75 % = $7.5B, spreads $7.5B * 3/3.55 capped at... 2 loses min(6B, 6.34B) = 6B etc.
        Alert a = alerts.stream().filter(x -> x.rule.equals(AlertRule.CONTAGION)).findFirst().orElseThrow();
        assertThat(a.subject).isEqualTo("1");
        assertThat(a.severity).isEqualTo(Alert.CRITICAL);
        assertThat(a.usdAtRisk).isGreaterThan(7.5 * B);
        assertThat(a.subjects[0].role).isEqualTo("shocked");
    }

    @Test
    void sectorOutflowAndConcentrationCrossings() {
        NetworkWeek after = week("2022-05-09", Map.of("1", 2.5 * B, "2", 6 * B, "3", 20 * B, "4", 100 * M));
        List<Alert> outflow = run(new SectorOutflowRule(T), before(), after);
        assertThat(outflow).extracting(a -> a.subject + ":" + a.severity).containsExactly("Algo-Stables:critical");
        assertThat(outflow.get(0).usdAtRisk).isCloseTo(7.5 * B, within(1.0));

        NetworkWeek previous = before();
        NetworkWeek current = before();
        previous.metrics = new WeekMetrics();
        current.metrics = new WeekMetrics();
        previous.metrics.tvlHhi = 0.20;
        current.metrics.tvlHhi = 0.30;
        previous.metrics.tvlTop10Share = 0.95;
        current.metrics.tvlTop10Share = 0.85;
        List<Alert> crossings = run(new ConcentrationRule(T), previous, current);
        assertThat(crossings).extracting(a -> a.subject + ":" + a.severity).containsExactly("tvlHhi:warning", "tvlTop10Share:info");
    }

    @Test
    void changePointDetectorIgnoresNoiseAndFiresOnAStep() {
        ChangePointDetector d = new ChangePointDetector();
        java.util.Random random = new java.util.Random(3);
        double level = 100;
        for (int week = 0; week < 200; week++) {
            level += random.nextGaussian();
            assertThat(d.update(level, 8, 0.5, 8.0)).as("week %d", week).isNull();
        }
        // A sustained fall of 4 sd a week: the CUSUM crosses 8 within a few weeks, then a new regime starts.
        ChangePointDetector.Alarm alarm = null;
        int weeks = 0;
        while (alarm == null && weeks < 5) {
            level -= 4;
            alarm = d.update(level, 8, 0.5, 8.0);
            weeks++;
        }
        assertThat(alarm).isNotNull();
        assertThat(alarm.up()).isFalse();
        assertThat(weeks).isLessThanOrEqualTo(3);
        assertThat(d.count).isEqualTo(1);
    }

    @Test
    void regimeChangeRuleKeepsOneDetectorPerMetric() {
        RegimeChangeRule rule = new RegimeChangeRule(T.with("regime-change.warmup-weeks", "3"));
        Map<String, ChangePointDetector> state = new HashMap<>();
        NetworkWeek previous = null;
        List<Alert> all = new java.util.ArrayList<>();
        double[] density = {0.010, 0.011, 0.010, 0.011, 0.010, 0.011, 0.010, 0.050};
        for (int i = 0; i < density.length; i++) {
            NetworkWeek w = before();
            w.week = LocalDate.parse("2022-01-03").plusWeeks(i).toString();
            w.metrics = new WeekMetrics();
            w.metrics.density = density[i];
            all.addAll(rule.evaluate(new WeekChange(w, previous, riskOf(w, previous), null), state));
            previous = w;
        }
        assertThat(state).containsOnlyKeys(rule.metrics().toArray(new String[0]));
        assertThat(all).extracting(a -> a.id).containsExactly("2022-02-21:regime-change:density");
        assertThat(all.get(0).message).startsWith("density shifted up");
    }

    @Test
    void thresholdsFileOverridesKeysAndNamesBadOnes(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path file = dir.resolve("mine.properties");
        Files.writeString(file, "issuer-collapse.critical.tvl-drop = 0.8\n");
        AlertThresholds t = AlertThresholds.load(file);
        assertThat(t.number("issuer-collapse.critical.tvl-drop")).isEqualTo(0.8);
        assertThat(t.number("issuer-collapse.warning.tvl-drop")).isEqualTo(0.30);
        Files.writeString(file, "issuer-colapse.critical.tvl-drop = 0.8\n");
        assertThatThrownBy(() -> AlertThresholds.load(file)).hasMessageContaining("mine.properties")
                .hasMessageContaining("unknown key 'issuer-colapse.critical.tvl-drop'");
        Files.writeString(file, "contagion.max-rounds = ten\n");
        assertThatThrownBy(() -> AlertThresholds.load(file)).hasMessageContaining("'contagion.max-rounds' must be a number, not 'ten'");
        assertThatThrownBy(() -> new RegimeChangeRule(T.with("regime-change.metrics", "density,week")))
                .hasMessageContaining("'week' is not a numeric weekly metric");
    }
}
