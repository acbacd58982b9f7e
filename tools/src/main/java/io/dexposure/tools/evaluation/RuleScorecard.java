package io.dexposure.tools.evaluation;

import io.dexposure.analytics.alerts.Alert;
import io.dexposure.analytics.alerts.AlertRule;
import io.dexposure.analytics.alerts.AlertSubject;
import io.dexposure.analytics.alerts.AssetCollapseRule;

import io.dexposure.analytics.incidents.Incident;
import io.dexposure.replayer.generate.ScenarioGroundTruth;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Precision and recall of critical records, per rule and for incidents, against the scripted crises of a
 * scenarios.json. A critical record is correct when it falls in a scenario's weeks and names the issuer, a
 * cluster member or one of its largest creditors; a scenario is recalled by a rule when a critical record
 * of that rule in its first collapse week names the issuer. Calm weeks are the weeks outside every
 * scenario; the critical records in them are counted separately (they are wrong by definition).
 */
public final class RuleScorecard {
    public static final String INCIDENTS = "incidents";

    /** One row: critical records, correct ones, scenarios recalled, critical records in calm weeks. */
    public record Row(String name, int critical, int correct, int recalled, int scenarios, int calmCritical, int maxCriticalPerWeek) {
        public double precision() {
            return critical == 0 ? Double.NaN : (double) correct / critical;
        }

        public double recall() {
            return scenarios == 0 ? Double.NaN : (double) recalled / scenarios;
        }
    }

    private final List<ScenarioGroundTruth> scenarios;
    private final List<String> weeks = new ArrayList<>();
    private final List<Alert> alerts = new ArrayList<>();
    private final List<Incident> incidents = new ArrayList<>();

    public RuleScorecard(List<ScenarioGroundTruth> scenarios) {
        this.scenarios = scenarios;
    }

    public void add(String week, List<Alert> weekAlerts, List<Incident> weekIncidents) {
        weeks.add(week);
        alerts.addAll(weekAlerts);
        incidents.addAll(weekIncidents);
    }

    /** One row per rule that raised anything (in a fixed order), then the incidents row. */
    public List<Row> rows() {
        List<ScenarioGroundTruth> covered = scenarios.stream().filter(s -> weeks.contains(s.weeks().get(0).toString())).toList();
        Map<String, List<Named>> byRule = new LinkedHashMap<>();
        for (String rule : List.of(AssetCollapseRule.NAME, AlertRule.CREDITOR_AT_RISK, AlertRule.CONTAGION, AlertRule.ISSUER_COLLAPSE,
                AlertRule.CONTAGION_HYPOTHETICAL, AlertRule.SECTOR_OUTFLOW, AlertRule.CONCENTRATION, AlertRule.REGIME_CHANGE)) {
            byRule.put(rule, new ArrayList<>());
        }
        for (Alert a : alerts) {
            byRule.computeIfAbsent(a.rule, r -> new ArrayList<>()).add(new Named(a.week, a.severity, ids(a.subject, a.subjects)));
        }
        List<Named> inc = new ArrayList<>();
        for (Incident i : incidents) {
            inc.add(new Named(i.week, i.severity, ids(i.subject, i.subjects)));
        }
        List<Row> rows = new ArrayList<>();
        byRule.forEach((rule, named) -> rows.add(row(rule, named, covered)));
        rows.add(row(INCIDENTS, inc, covered));
        return rows;
    }

    private record Named(String week, String severity, Set<String> ids) {
    }

    private Row row(String name, List<Named> records, List<ScenarioGroundTruth> covered) {
        Set<String> eventWeeks = new HashSet<>();
        scenarios.forEach(s -> s.weeks().forEach(w -> eventWeeks.add(w.toString())));
        int critical = 0;
        int correct = 0;
        int calm = 0;
        Map<String, Integer> perWeek = new HashMap<>();
        for (Named r : records) {
            if (!Alert.CRITICAL.equals(r.severity)) {
                continue;
            }
            critical++;
            perWeek.merge(r.week, 1, Integer::sum);
            if (!eventWeeks.contains(r.week)) {
                calm++;
            } else if (namesScenario(r)) {
                correct++;
            }
        }
        int recalled = 0;
        for (ScenarioGroundTruth s : covered) {
            String first = s.weeks().get(0).toString();
            if (records.stream().anyMatch(r -> r.week.equals(first) && Alert.CRITICAL.equals(r.severity) && r.ids.contains(s.issuerId()))) {
                recalled++;
            }
        }
        int max = perWeek.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        return new Row(name, critical, correct, recalled, covered.size(), calm, max);
    }

    private boolean namesScenario(Named r) {
        for (ScenarioGroundTruth s : scenarios) {
            if (!s.weeks().contains(LocalDate.parse(r.week))) {
                continue;
            }
            List<String> involved = new ArrayList<>(s.clusterIds());
            involved.addAll(s.largestCreditorIds());
            involved.add(s.issuerId());
            if (involved.stream().anyMatch(r.ids::contains)) {
                return true;
            }
        }
        return false;
    }

    private static Set<String> ids(String subject, AlertSubject[] subjects) {
        Set<String> ids = new TreeSet<>();
        ids.add(subject);
        if (subjects != null) {
            Arrays.stream(subjects).forEach(s -> ids.add(s.id));
        }
        return ids;
    }

    /** Per v2 crisis: how many of its expected-critical ids a critical alert or incident record named in its weeks. */
    public record ExpectedRow(String name, int named, int expected, List<String> missed) {
    }

    /** Per v2 decoy: the most severe record (alert or incident) naming its ids in its week. */
    public record DecoyRow(String name, String week, String worstSeverity, long criticalRecords) {
    }

    public List<ExpectedRow> expected(ManifestExpectations v2) {
        List<ExpectedRow> rows = new ArrayList<>();
        for (ManifestExpectations.Expected e : v2.crises()) {
            if (e.weeks().isEmpty() || !weeks.contains(e.weeks().get(0))) {
                continue;
            }
            Set<String> named = new TreeSet<>();
            for (Named r : all()) {
                if (Alert.CRITICAL.equals(r.severity) && e.weeks().contains(r.week)) {
                    named.addAll(r.ids);
                }
            }
            List<String> missed = e.critical().stream().filter(id -> !named.contains(id)).toList();
            rows.add(new ExpectedRow(e.name(), e.critical().size() - missed.size(), e.critical().size(), missed));
        }
        return rows;
    }

    public List<DecoyRow> decoys(ManifestExpectations v2) {
        List<DecoyRow> rows = new ArrayList<>();
        for (ManifestExpectations.Decoy d : v2.decoys()) {
            if (!weeks.contains(d.week())) {
                continue;
            }
            List<Named> hits = all().stream().filter(r -> r.week.equals(d.week())
                    && (d.ids().isEmpty() || d.ids().stream().anyMatch(r.ids::contains))).toList();
            String worst = hits.stream().map(Named::severity).reduce(null, (a, b) -> severityRank(b) > severityRank(a) ? b : a);
            rows.add(new DecoyRow(d.name(), d.week(), worst == null ? "none" : worst,
                    hits.stream().filter(r -> Alert.CRITICAL.equals(r.severity)).count()));
        }
        return rows;
    }

    private List<Named> all() {
        List<Named> out = new ArrayList<>();
        alerts.forEach(a -> out.add(new Named(a.week, a.severity, ids(a.subject, a.subjects))));
        incidents.forEach(i -> out.add(new Named(i.week, i.severity, ids(i.subject, i.subjects))));
        return out;
    }

    private static int severityRank(String s) {
        return s == null ? -1 : Alert.CRITICAL.equals(s) ? 2 : Alert.WARNING.equals(s) ? 1 : 0;
    }

    /** The v2 part of the table: expected-critical ids named per crisis, worst severity per decoy. */
    public String v2Table(ManifestExpectations v2) {
        StringBuilder out = new StringBuilder();
        out.append("| crisis | expected critical ids named | missed |\n|---|---|---|\n");
        for (ExpectedRow r : expected(v2)) {
            out.append(String.format(Locale.US, "| %s | %d of %d | %s |%n", r.name(), r.named(), r.expected(),
                    r.missed().isEmpty() ? "-" : String.join(", ", r.missed())));
        }
        out.append("\n| decoy | week | worst severity naming it | critical records |\n|---|---|---|---|\n");
        for (DecoyRow r : decoys(v2)) {
            out.append(String.format(Locale.US, "| %s | %s | %s | %d |%n", r.name(), r.week(), r.worstSeverity(), r.criticalRecords()));
        }
        return out.toString();
    }

    /** The table printed by alert-eval and quoted in docs/alerts.md. */
    public String table() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.US, "| %-22s | %8s | %7s | %9s | %8s | %6s | %11s | %14s |%n", "rule", "critical", "correct",
                "precision", "recalled", "recall", "calm crit.", "max crit./week"));
        out.append("|------------------------|----------|---------|-----------|----------|--------|-------------|----------------|\n");
        for (Row r : rows()) {
            out.append(String.format(Locale.US, "| %-22s | %8d | %7d | %9s | %4d / %d | %6s | %11d | %14d |%n", r.name(), r.critical(),
                    r.correct(), fmt(r.precision()), r.recalled(), r.scenarios(), fmt(r.recall()), r.calmCritical(), r.maxCriticalPerWeek()));
        }
        return out.toString();
    }

    private static String fmt(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.US, "%.2f", v);
    }
}
