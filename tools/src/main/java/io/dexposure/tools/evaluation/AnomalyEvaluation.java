package io.dexposure.tools.evaluation;

import io.dexposure.analytics.anomaly.AnomalyEnsemble;
import io.dexposure.analytics.anomaly.WeeklyAnomalies;
import io.dexposure.replayer.generate.ScenarioGroundTruth;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The anomaly ensemble against the generator's scripted shocks, week by week. A scenario's involved nodes
 * are its issuer (and issuer tokens), its cluster and its largest creditors. In a crisis week,
 * precision@k = involved nodes in the week's top k / k, recall@k = involved nodes in the top k / involved
 * nodes. Outside the crises the same precision counts false alarms on the crisis nodes (they should not
 * lead a calm week); and an absolute alarm rule, a top-k node whose Isolation Forest score is at least
 * {@code alarmScore} (the forest's score is on a fixed scale, 0.5 ordinary, near 1 isolated at once,
 * unlike the ensemble's rank percentile, which always has a top), counts alarms per week in every kind of
 * week. Weeks are "crisis" (a scenario's weeks), "baseline" (the week before one), "decoy" (a decoy's week)
 * or "calm" (the rest).
 */
public final class AnomalyEvaluation {
    private final List<ScenarioGroundTruth> scenarios;
    private final List<ManifestExpectations.Decoy> decoys;
    private final int k;
    private final double alarmScore;
    private final List<Row> rows = new ArrayList<>();

    /**
     * @param k          the top k evaluated (the stream's --anomaly-top, 20 by default)
     * @param alarmScore Isolation Forest score from which a top-k node is an alarm
     */
    public AnomalyEvaluation(List<ScenarioGroundTruth> scenarios, List<ManifestExpectations.Decoy> decoys, int k, double alarmScore) {
        this.scenarios = scenarios;
        this.decoys = decoys;
        this.k = k;
        this.alarmScore = alarmScore;
    }

    /**
     * One week's evaluation.
     *
     * @param kind           crisis, baseline, decoy or calm
     * @param scenario       the crisis or decoy of the week (null for calm weeks)
     * @param involvedInTopK involved nodes (of the week's scenario; of every scenario outside crises) in the top k
     * @param involved       involved nodes present in the week
     * @param atTen          involved nodes in the top 10
     * @param alarms         top-k nodes at or above the alarm score
     */
    public record Row(String week, String kind, String scenario, int involvedInTopK, int involved, int atTen, int alarms) {
    }

    public void add(WeeklyAnomalies.Week week) {
        LocalDate date = LocalDate.parse(week.week());
        String kind = "calm";
        String scenario = null;
        Set<String> involved = new LinkedHashSet<>();
        for (ScenarioGroundTruth s : scenarios) {
            if (s.weeks().contains(date)) {
                kind = "crisis";
                scenario = s.name();
                involved = involved(s);
                break;
            }
        }
        if (scenario == null) {
            for (ScenarioGroundTruth s : scenarios) {
                involved.addAll(involved(s));
                if (s.baselineWeek().equals(date)) {
                    kind = "baseline";
                    scenario = s.name();
                }
            }
            for (ManifestExpectations.Decoy d : decoys) {
                if (d.week().equals(week.week()) && scenario == null) {
                    kind = "decoy";
                    scenario = d.name();
                }
            }
        }
        Set<String> present = new LinkedHashSet<>();
        week.ranking().forEach(s -> present.add(s.id()));
        present.retainAll(involved);
        int inTopK = 0;
        int atTen = 0;
        int alarms = 0;
        List<AnomalyEnsemble.Scored> top = week.top(k);
        for (int r = 0; r < top.size(); r++) {
            AnomalyEnsemble.Scored s = top.get(r);
            if (involved.contains(s.id())) {
                inTopK++;
                atTen += r < 10 ? 1 : 0;
            }
            alarms += s.scores()[0] >= alarmScore ? 1 : 0;
        }
        rows.add(new Row(week.week(), kind, scenario, inTopK, present.size(), atTen, alarms));
    }

    private static Set<String> involved(ScenarioGroundTruth s) {
        Set<String> ids = new LinkedHashSet<>();
        ids.add(s.issuerId());
        ids.addAll(s.issuerTokens());
        ids.addAll(s.clusterIds());
        ids.addAll(s.largestCreditorIds());
        return ids;
    }

    public List<Row> rows() {
        return List.copyOf(rows);
    }

    /** Means over the weeks of one kind: precision@10, precision@k, recall@k, alarms per week. */
    public record Summary(String kind, int weeks, double precisionAt10, double precisionAtK, double recallAtK, double alarmsPerWeek) {
    }

    public List<Summary> summaries() {
        List<Summary> out = new ArrayList<>();
        for (String kind : List.of("crisis", "baseline", "decoy", "calm")) {
            List<Row> of = rows.stream().filter(r -> r.kind().equals(kind)).toList();
            if (of.isEmpty()) {
                continue;
            }
            out.add(new Summary(kind, of.size(), of.stream().mapToDouble(r -> r.atTen() / 10.0).average().orElse(0),
                    of.stream().mapToDouble(r -> (double) r.involvedInTopK() / k).average().orElse(0),
                    of.stream().mapToDouble(r -> r.involved() == 0 ? 0 : (double) r.involvedInTopK() / r.involved()).average().orElse(0),
                    of.stream().mapToDouble(Row::alarms).average().orElse(0)));
        }
        return out;
    }

    /** The per-week rows of the crisis, baseline and decoy weeks, then the means per kind of week. */
    public String table() {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.US, "%nAnomaly ensemble against the scripted shocks (top %d; alarm = Isolation Forest score >= %.2f)%n", k, alarmScore));
        b.append(String.format(Locale.US, "%-11s %-9s %-20s %6s %6s %6s %7s%n", "week", "kind", "scenario", "P@10", "P@" + k, "R@" + k, "alarms"));
        for (Row r : rows) {
            if (!r.kind().equals("calm")) {
                b.append(String.format(Locale.US, "%-11s %-9s %-20s %6.2f %6.2f %6.2f %7d%n", r.week(), r.kind(), r.scenario(),
                        r.atTen() / 10.0, (double) r.involvedInTopK() / k, r.involved() == 0 ? 0 : (double) r.involvedInTopK() / r.involved(), r.alarms()));
            }
        }
        b.append(String.format(Locale.US, "%-21s %6s %6s %6s %6s %13s%n", "means by kind of week", "weeks", "P@10", "P@" + k, "R@" + k, "alarms/week"));
        for (Summary s : summaries()) {
            b.append(String.format(Locale.US, "%-21s %6d %6.2f %6.2f %6.2f %13.2f%n", s.kind(), s.weeks(), s.precisionAt10(),
                    s.precisionAtK(), s.recallAtK(), s.alarmsPerWeek()));
        }
        return b.toString();
    }
}
