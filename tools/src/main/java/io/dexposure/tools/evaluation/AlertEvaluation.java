package io.dexposure.tools.evaluation;

import io.dexposure.analytics.alerts.AssetCollapseRule;

import io.dexposure.analytics.alerts.Alert;
import io.dexposure.analytics.alerts.AlertRule;

import io.dexposure.replayer.generate.ScenarioGroundTruth;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Scores alerts against the generator's scripted crises (scenarios.json). A scripted event is a
 * scenario's collapse week (its first week); it is detected when a critical alert that week names the
 * collapsing issuer. A critical alert is correct when it falls in a scenario's weeks and names the
 * issuer, a cluster member or one of the largest creditors. Calm weeks are the weeks outside every
 * scenario's weeks; the brief allows at most one critical alert per 13 of them.
 */
public final class AlertEvaluation {
    private final List<ScenarioGroundTruth> scenarios;
    private final List<String> weeks = new ArrayList<>();
    private final List<Alert> alerts = new ArrayList<>();

    public AlertEvaluation(List<ScenarioGroundTruth> scenarios) {
        this.scenarios = scenarios;
    }

    public void add(String week, List<Alert> weekAlerts) {
        weeks.add(week);
        alerts.addAll(weekAlerts);
    }

    public record Event(String scenario, String week, String issuer, boolean detected, int creditorsNamed, int creditors) {
    }

    public record Summary(List<Event> events, int critical, int correctCritical, int calmWeeks, int calmCritical) {
        public double precision() {
            return critical == 0 ? Double.NaN : (double) correctCritical / critical;
        }

        public double recall() {
            return events.isEmpty() ? Double.NaN : events.stream().filter(Event::detected).count() / (double) events.size();
        }

        /** Critical alerts per 13 calm weeks. */
        public double calmRate() {
            return calmWeeks == 0 ? 0 : 13.0 * calmCritical / calmWeeks;
        }
    }

    /** Every week of every scenario: the complement, within the file, is the calm weeks. */
    private Set<String> eventWeeks() {
        Set<String> eventWeeks = new HashSet<>();
        scenarios.forEach(s -> s.weeks().forEach(w -> eventWeeks.add(w.toString())));
        return eventWeeks;
    }

    public Summary summary() {
        Set<String> eventWeeks = eventWeeks();
        List<Event> events = new ArrayList<>();
        for (ScenarioGroundTruth s : scenarios) {
            String week = s.weeks().get(0).toString();
            if (!weeks.contains(week)) {
                continue; // the file (or --from/--to) does not cover this scenario
            }
            boolean detected = false;
            Set<String> named = new HashSet<>();
            for (Alert a : alerts) {
                if (a.week.equals(week) && Alert.CRITICAL.equals(a.severity)) {
                    Set<String> ids = ids(a);
                    detected |= ids.contains(s.issuerId());
                    for (String c : s.largestCreditorIds()) {
                        if (ids.contains(c)) {
                            named.add(c);
                        }
                    }
                }
            }
            events.add(new Event(s.name(), week, s.issuerName() + " (" + s.issuerId() + ")", detected, named.size(),
                    s.largestCreditorIds().size()));
        }
        int critical = 0;
        int correct = 0;
        int calmCritical = 0;
        for (Alert a : alerts) {
            if (!Alert.CRITICAL.equals(a.severity)) {
                continue;
            }
            critical++;
            if (!eventWeeks.contains(a.week)) {
                calmCritical++;
            } else if (namesScenario(a)) {
                correct++;
            }
        }
        int calm = (int) weeks.stream().filter(w -> !eventWeeks.contains(w)).count();
        return new Summary(events, critical, correct, calm, calmCritical);
    }

    private boolean namesScenario(Alert a) {
        Set<String> ids = ids(a);
        for (ScenarioGroundTruth s : scenarios) {
            if (!s.weeks().contains(LocalDate.parse(a.week))) {
                continue;
            }
            List<String> involved = new ArrayList<>(s.clusterIds());
            involved.addAll(s.largestCreditorIds());
            involved.add(s.issuerId());
            if (involved.stream().anyMatch(ids::contains)) {
                return true;
            }
        }
        return false;
    }

    private static Set<String> ids(Alert a) {
        Set<String> ids = new HashSet<>();
        ids.add(a.subject);
        if (a.subjects != null) {
            Arrays.stream(a.subjects).forEach(s -> ids.add(s.id));
        }
        return ids;
    }

    /** The table printed by the evaluation command and quoted in the README. */
    public String table() {
        Summary s = summary();
        Set<String> eventWeeks = eventWeeks();
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.US, "%-24s %10s %10s %10s %10s%n", "rule", "critical", "warning", "info", "in calm wks"));
        Map<String, int[]> byRule = new LinkedHashMap<>();
        for (String rule : List.of(AssetCollapseRule.NAME, AlertRule.ISSUER_COLLAPSE, AlertRule.CREDITOR_AT_RISK, AlertRule.CONTAGION,
                AlertRule.CONTAGION_HYPOTHETICAL, AlertRule.REGIME_CHANGE, AlertRule.SECTOR_OUTFLOW, AlertRule.CONCENTRATION)) {
            byRule.put(rule, new int[4]);
        }
        for (Alert a : alerts) {
            int[] c = byRule.computeIfAbsent(a.rule, r -> new int[4]);
            c[Alert.CRITICAL.equals(a.severity) ? 0 : Alert.WARNING.equals(a.severity) ? 1 : 2]++;
            if (!eventWeeks.contains(a.week)) {
                c[3]++;
            }
        }
        byRule.forEach((rule, c) -> out.append(String.format(Locale.US, "%-24s %10d %10d %10d %10d%n", rule, c[0], c[1], c[2], c[3])));
        out.append('\n');
        out.append(String.format(Locale.US, "%-12s %-11s %-34s %-9s %s%n", "scenario", "week", "issuer", "detected", "largest creditors named"));
        for (Event e : s.events()) {
            out.append(String.format(Locale.US, "%-12s %-11s %-34s %-9s %d of %d%n", e.scenario(), e.week(), e.issuer(),
                    e.detected() ? "yes" : "NO", e.creditorsNamed(), e.creditors()));
        }
        out.append('\n');
        out.append(String.format(Locale.US, "critical alerts: %d, in scenario weeks naming the scenario: %d -> precision %.2f%n",
                s.critical(), s.correctCritical(), s.precision()));
        out.append(String.format(Locale.US, "scripted collapses detected: %d of %d -> recall %.2f%n",
                s.events().stream().filter(Event::detected).count(), s.events().size(), s.recall()));
        out.append(String.format(Locale.US, "calm weeks: %d, critical alerts in them: %d -> %.2f per 13 weeks (allowed: 1)%n",
                s.calmWeeks(), s.calmCritical(), s.calmRate()));
        return out.toString();
    }
}
