package io.dexposure.analytics.alerts;

import io.dexposure.analytics.incidents.Incident;
import io.dexposure.analytics.incidents.IncidentState;
import io.dexposure.analytics.incidents.IncidentTracker;
import io.dexposure.analytics.network.WeeklyNetwork;
import io.dexposure.analytics.week.NetworkWeek;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A Terra-like week in the real id model, computed by hand: token nodes UST and LUNA; protocols 101..106
 * (TVL $2B each) hold $500M of UST and $100M of LUNA each, and $200M each of Lido's (182) stETH; Lido
 * (TVL $3B) holds $1.2B of LUNA. Next week UST is worth 30 % (-70 %), LUNA 20 % (-80 %), stETH unchanged.
 */
class AssetRulesTest {
    private static final double M = 1e6;
    private static final String[] HOLDERS = {"101", "102", "103", "104", "105", "106"};

    static NetworkWeek week(String date, double ustFactor, double lunaFactor) {
        WeeklyNetwork.WeeklyNetworkBuilder b = WeeklyNetwork.builder(LocalDate.parse(date));
        double ust = 500 * M * ustFactor;
        double luna = 100 * M * lunaFactor;
        double lidoLuna = 1200 * M * lunaFactor;
        for (String h : HOLDERS) {
            Map<String, Double> c = new LinkedHashMap<>();
            c.put("UST", ust);
            c.put("LUNA", luna);
            c.put("STETH", 200 * M);
            c.put("USDC", 2000 * M - 800 * M);
            b.addNode(h, ust + luna + 200 * M + 1200 * M, "Protocol " + h, "Lending", c);
        }
        b.addNode("182", 1800 * M + lidoLuna, "Lido", "Liquid Staking", Map.of("ETH", 1800 * M, "LUNA", lidoLuna));
        b.addNode("UST", 6 * ust, null, null, Map.of("UST", 6 * ust));
        b.addNode("LUNA", 6 * luna + lidoLuna, null, null, Map.of("LUNA", 6 * luna + lidoLuna));
        for (String h : HOLDERS) {
            b.addLink(h, "UST", ust);
            b.addLink(h, "LUNA", luna);
            b.addLink(h, "182", 200 * M);
        }
        b.addLink("182", "LUNA", lidoLuna);
        return NetworkWeek.of(b.build(), null);
    }

    private static final NetworkWeek BEFORE = week("2022-05-02", 1, 1);
    private static final NetworkWeek CRASH = week("2022-05-09", 0.3, 0.2);

    private static ShockDetector.Assessment assess(NetworkWeek current, NetworkWeek previous) {
        return new ShockDetector(AlertThresholds.defaults()).assess(current, previous, null, new HashMap<>());
    }

    private static Alert find(List<Alert> alerts, String id) {
        return alerts.stream().filter(a -> a.id.equals(id)).findFirst().orElse(null);
    }

    @Test
    void tokenNodesCollapseAndTheirHoldersAreCreditorsWithMeasuredLosses() {
        List<Alert> alerts = assess(CRASH, BEFORE).alerts();
        Alert ust = find(alerts, "2022-05-09:asset-collapse:UST");
        assertThat(ust.severity).isEqualTo(Alert.CRITICAL);
        assertThat(ust.value).isCloseTo(-0.7, within(1e-9));
        assertThat(ust.usdAtRisk).isCloseTo(2100 * M, within(1.0));
        assertThat(ust.subjects[0].id).isEqualTo("UST");
        assertThat(ust.subjects[0].role).isEqualTo("asset");
        assertThat(ust.subjects[1].role).isEqualTo("creditor");
        assertThat(ust.subjects[1].usd).isCloseTo(350 * M, within(1.0));
        Alert luna = find(alerts, "2022-05-09:asset-collapse:LUNA");
        assertThat(luna.severity).isEqualTo(Alert.CRITICAL);
        // Lido is LUNA's largest creditor: 1.2B * 0.8.
        assertThat(luna.subjects[1].id).isEqualTo("182");
        assertThat(luna.subjects[1].usd).isCloseTo(960 * M, within(1.0));

        // Lido's TVL fell 32 % because of what it held: a creditor in distress, not a collapsing issuer,
        // and the holders of its stETH lost nothing.
        assertThat(find(alerts, "2022-05-09:asset-collapse:182")).isNull();
        assertThat(find(alerts, "2022-05-09:issuer-collapse:182")).isNull();
        Alert lido = find(alerts, "2022-05-09:creditor-at-risk:182");
        assertThat(lido.severity).isEqualTo(Alert.CRITICAL);
        assertThat(lido.usdAtRisk).isCloseTo(960 * M, within(1.0));
        assertThat(lido.value).isCloseTo(0.32, within(1e-9));
        // 101: 500M * 0.7 + 100M * 0.8 = 430M of its $2B TVL = 21.5 %.
        Alert p101 = find(alerts, "2022-05-09:creditor-at-risk:101");
        assertThat(p101.severity).isEqualTo(Alert.CRITICAL);
        assertThat(p101.usdAtRisk).isCloseTo(430 * M, within(1.0));
        assertThat(p101.value).isCloseTo(0.215, within(1e-9));

        // Contagion seeded by the measured losses: 6 x 430M + 960M seeded; Lido's loss passes to the stETH
        // holders pro rata (160M each): 4.5B of a 19.8B system.
        Alert contagion = alerts.stream().filter(a -> a.rule.equals(AlertRule.CONTAGION)).findFirst().orElseThrow();
        assertThat(contagion.usdAtRisk).isCloseTo(4500 * M, within(1.0));
        assertThat(contagion.value).isCloseTo(4500.0 / 19800, within(1e-9));
        assertThat(contagion.severity).isEqualTo(Alert.CRITICAL);
        assertThat(contagion.subject).isEqualTo("UST");
    }

    @Test
    void aCalmWeekRaisesNoAssetAlert() {
        List<Alert> alerts = assess(week("2022-05-09", 1.02, 0.98), BEFORE).alerts();
        assertThat(alerts).noneMatch(a -> Alert.CRITICAL.equals(a.severity));
        assertThat(alerts).noneMatch(a -> a.rule.equals(AssetCollapseRule.NAME) || a.rule.equals(AlertRule.CREDITOR_AT_RISK));
    }

    @Test
    void incidentOpensAtTheFirstCriticalKeepsItsIdAndResolvesAfterQuietWeeks() {
        IncidentTracker tracker = new IncidentTracker(AlertThresholds.defaults());
        IncidentState state = new IncidentState();
        // Weeks in order, each with the previous week's risk record, as the job runs them.
        ShockDetector detector = new ShockDetector(AlertThresholds.defaults());
        Map<String, ChangePointDetector> detectors = new HashMap<>();
        NetworkWeek w0 = BEFORE;
        ShockDetector.Assessment start = detector.assess(w0, null, null, detectors);
        assertThat(tracker.update(w0.week, start.alerts(), null, state)).isEmpty();

        ShockDetector.Assessment crash = detector.assess(CRASH, w0, start.weekRisk(), detectors);
        List<Incident> first = tracker.update(CRASH.week, crash.alerts(), crash.assets(), state);
        assertThat(first).hasSize(1);
        Incident i = first.get(0);
        assertThat(i.incident).isEqualTo("incident:2022-05-09:UST");
        assertThat(i.id).isEqualTo("incident:2022-05-09:UST@2022-05-09");
        assertThat(i.status).isEqualTo(Incident.OPEN);
        assertThat(i.severity).isEqualTo(Alert.CRITICAL);
        assertThat(i.record).isEqualTo("incident");
        // Assets: LUNA (held $1.8B) and UST ($3B); creditors: Lido first with its measured loss.
        assertThat(i.subjects).filteredOn(s -> "asset".equals(s.role)).extracting(s -> s.id).containsExactly("LUNA", "UST");
        assertThat(i.usdHeld).isCloseTo(4800 * M, within(1.0));
        assertThat(i.usdLost).isCloseTo(6 * 430 * M + 960 * M, within(1.0));
        assertThat(java.util.Arrays.stream(i.subjects).filter(s -> "creditor".equals(s.role)).findFirst().orElseThrow().id)
                .isEqualTo("182");
        assertThat(i.contagionLossUsd).isCloseTo(4500 * M, within(1.0));
        // Every warning / critical alert of the week is a member and carries the incident id.
        assertThat(crash.alerts()).filteredOn(a -> !Alert.INFO.equals(a.severity))
                .allMatch(a -> i.incident.equals(a.incident));
        assertThat(i.memberAlertIds).contains("2022-05-09:asset-collapse:UST", "2022-05-09:creditor-at-risk:182");

        // Two quiet weeks: still open (info), then resolved; the id never changes.
        NetworkWeek quiet1 = week("2022-05-16", 0.3, 0.2);
        ShockDetector.Assessment q1 = detector.assess(quiet1, CRASH, crash.weekRisk(), detectors);
        Incident second = tracker.update(quiet1.week, q1.alerts(), q1.assets(), state).get(0);
        assertThat(second.incident).isEqualTo(i.incident);
        assertThat(second.status).isEqualTo(Incident.ONGOING);
        assertThat(second.severity).isEqualTo(Alert.INFO);
        assertThat(second.quietWeeks).isEqualTo(1);
        NetworkWeek quiet2 = week("2022-05-23", 0.3, 0.2);
        ShockDetector.Assessment q2 = detector.assess(quiet2, quiet1, q1.weekRisk(), detectors);
        Incident third = tracker.update(quiet2.week, q2.alerts(), q2.assets(), state).get(0);
        assertThat(third.status).isEqualTo(Incident.RESOLVED);
        assertThat(third.incident).isEqualTo(i.incident);
        assertThat(state.open).isEmpty();
    }

    @Test
    void criticalIncidentRecordsAreCappedPerWeek() {
        IncidentTracker tracker = new IncidentTracker(2, 0, 10);
        ShockDetector.Assessment crash = assess(CRASH, BEFORE);
        List<Incident> records = tracker.update(CRASH.week, crash.alerts(), crash.assets(), new IncidentState());
        assertThat(records).hasSize(1);
        assertThat(records.get(0).severity).isEqualTo(Alert.WARNING);
    }
}
