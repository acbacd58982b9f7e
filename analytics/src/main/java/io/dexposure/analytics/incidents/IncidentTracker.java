package io.dexposure.analytics.incidents;

import io.dexposure.analytics.assets.CreditorLosses;
import io.dexposure.analytics.alerts.Alert;
import io.dexposure.analytics.alerts.AlertRule;
import io.dexposure.analytics.alerts.AlertSubject;
import io.dexposure.analytics.alerts.AlertThresholds;
import io.dexposure.analytics.alerts.AssetCollapseRule;
import io.dexposure.analytics.alerts.AssetWeek;
import io.dexposure.events.UsdAmount;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Groups a week's alerts into incidents, so a consumer sees one record per event and week instead of a
 * flood. Rules, in week order:
 * <ul>
 *   <li>a warning or critical alert belongs to the open incident that already involves one of the ids it
 *   names (assets, creditors, subjects of earlier members); info alerts belong to none;</li>
 *   <li>alerts left over join the open incident with most members this week (one event spreads within a
 *   week); if no open incident has members this week and a left-over alert is critical, they open one new
 *   incident together, named after its largest collapsing asset (else the first critical subject);</li>
 *   <li>every open incident publishes one record a week (assets, USD held, creditors' measured losses so
 *   far, contagion estimate, member alert ids); after N weeks without a warning or critical member it is
 *   resolved (its last record) and forgotten;</li>
 *   <li>at most M critical records a week: beyond them (smallest losses first) records go out as warnings.</li>
 * </ul>
 * Plain and deterministic; the state is passed in and updated.
 */
public final class IncidentTracker {
    private final int quietWeeksToResolve;
    private final int maxCriticalPerWeek;
    private final int creditorsNamed;

    public IncidentTracker(AlertThresholds t) {
        this(t.integer("incident.quiet-weeks-to-resolve"), t.integer("incident.max-critical-per-week"),
                t.integer("incident.creditors-named"));
    }

    public IncidentTracker(int quietWeeksToResolve, int maxCriticalPerWeek, int creditorsNamed) {
        this.quietWeeksToResolve = quietWeeksToResolve;
        this.maxCriticalPerWeek = maxCriticalPerWeek;
        this.creditorsNamed = creditorsNamed;
    }

    /**
     * @param alerts the week's alerts; members get their {@code incident} set
     * @param assets the week's asset view and measured losses (null for the first week)
     * @return this week's incident records
     */
    public List<Incident> update(String week, List<Alert> alerts, AssetWeek assets, IncidentState state) {
        Map<IncidentState.Open, List<Alert>> members = new LinkedHashMap<>();
        state.open.forEach(o -> members.put(o, new ArrayList<>()));
        List<Alert> leftOver = new ArrayList<>();
        for (Alert a : alerts) {
            if (!Alert.WARNING.equals(a.severity) && !Alert.CRITICAL.equals(a.severity)) {
                continue;
            }
            IncidentState.Open match = null;
            for (IncidentState.Open o : state.open) {
                if (names(a).stream().anyMatch(o.involved::contains)) {
                    match = o;
                    break;
                }
            }
            if (match != null) {
                members.get(match).add(a);
            } else {
                leftOver.add(a);
            }
        }
        if (!leftOver.isEmpty()) {
            IncidentState.Open busiest = state.open.stream().filter(o -> !members.get(o).isEmpty())
                    .max(Comparator.comparingInt(o -> members.get(o).size())).orElse(null);
            if (busiest != null) {
                members.get(busiest).addAll(leftOver);
            } else if (leftOver.stream().anyMatch(a -> Alert.CRITICAL.equals(a.severity))) {
                IncidentState.Open opened = open(week, leftOver);
                state.open.add(opened);
                members.put(opened, new ArrayList<>(leftOver));
            }
        }

        List<Incident> records = new ArrayList<>();
        List<IncidentState.Open> resolved = new ArrayList<>();
        for (IncidentState.Open o : state.open) {
            List<Alert> mine = members.get(o);
            for (Alert a : mine) {
                a.incident = o.incident;
                o.memberAlertIds.add(a.id);
                o.involved.addAll(names(a));
                if (AssetCollapseRule.NAME.equals(a.rule) && !o.assets.containsKey(a.subject)) {
                    o.assets.put(a.subject, party(a.subjects[0]));
                }
                if (AlertRule.CONTAGION.equals(a.rule) && (o.contagionLossUsd == null || a.usdAtRisk > o.contagionLossUsd)) {
                    o.contagionLossUsd = a.usdAtRisk;
                    o.contagionLossShare = a.value;
                }
            }
            addLosses(o, assets);
            o.quietWeeks = mine.isEmpty() ? o.quietWeeks + 1 : 0;
            String status = mine.size() > 0 && o.openedWeek.equals(week) ? Incident.OPEN
                    : o.quietWeeks >= quietWeeksToResolve ? Incident.RESOLVED : Incident.ONGOING;
            if (Incident.RESOLVED.equals(status)) {
                resolved.add(o);
            }
            records.add(record(week, o, mine, status));
        }
        state.open.removeAll(resolved);
        capCritical(records);
        return records;
    }

    /** Every node id an alert names (its subject and the ids of its subjects). */
    static Set<String> names(Alert a) {
        Set<String> ids = new TreeSet<>();
        ids.add(a.subject);
        if (a.subjects != null) {
            for (AlertSubject s : a.subjects) {
                if (s.id != null && !"sector".equals(s.role) && !"metric".equals(s.role)) {
                    ids.add(s.id);
                }
            }
        }
        return ids;
    }

    private static IncidentState.Open open(String week, List<Alert> alerts) {
        Alert first = alerts.stream().filter(a -> AssetCollapseRule.NAME.equals(a.rule) && Alert.CRITICAL.equals(a.severity))
                .max(Comparator.<Alert>comparingDouble(a -> a.usdAtRisk == null ? 0 : a.usdAtRisk).thenComparing(a -> a.subject, Comparator.reverseOrder()))
                .orElse(alerts.stream().filter(a -> Alert.CRITICAL.equals(a.severity)).findFirst().orElseThrow());
        IncidentState.Open o = new IncidentState.Open();
        o.openedWeek = week;
        o.subject = first.subject;
        o.subjectName = first.subjectName;
        o.incident = "incident:" + week + ":" + first.subject;
        return o;
    }

    private static IncidentState.Party party(AlertSubject s) {
        IncidentState.Party p = new IncidentState.Party();
        p.name = s.name;
        p.category = s.category;
        p.usd = s.usd == null ? 0 : s.usd;
        return p;
    }

    /** Adds this week's measured losses on the incident's assets to its creditors. */
    private static void addLosses(IncidentState.Open o, AssetWeek assets) {
        if (assets == null || o.assets.isEmpty()) {
            return;
        }
        for (CreditorLosses.Creditor c : assets.losses.byId().values()) {
            double loss = 0;
            for (var e : c.byAsset().entrySet()) {
                if (o.assets.containsKey(e.getKey())) {
                    loss += e.getValue();
                }
            }
            if (loss > 0) {
                IncidentState.Party p = o.creditors.computeIfAbsent(c.id(), k -> new IncidentState.Party());
                p.usd += loss;
            }
        }
    }

    private Incident record(String week, IncidentState.Open o, List<Alert> mine, String status) {
        Incident r = new Incident();
        r.incident = o.incident;
        r.id = o.incident + "@" + week;
        r.week = week;
        r.status = status;
        r.severity = mine.stream().anyMatch(a -> Alert.CRITICAL.equals(a.severity)) ? Alert.CRITICAL
                : mine.isEmpty() ? Alert.INFO : Alert.WARNING;
        r.subject = o.subject;
        r.subjectName = o.subjectName;
        r.openedWeek = o.openedWeek;
        r.quietWeeks = o.quietWeeks;
        r.usdHeld = o.assets.values().stream().mapToDouble(p -> p.usd).sum();
        r.usdLost = o.creditors.values().stream().mapToDouble(p -> p.usd).sum();
        r.contagionLossUsd = o.contagionLossUsd;
        r.contagionLossShare = o.contagionLossShare;
        List<AlertSubject> subjects = new ArrayList<>();
        o.assets.forEach((id, p) -> subjects.add(AlertSubject.of(id, p.name, p.category, "asset", p.usd)));
        List<Map.Entry<String, IncidentState.Party>> creditors = new ArrayList<>(o.creditors.entrySet());
        creditors.sort(Comparator.<Map.Entry<String, IncidentState.Party>>comparingDouble(e -> -e.getValue().usd).thenComparing(Map.Entry::getKey));
        StringBuilder top = new StringBuilder();
        for (var e : creditors.subList(0, Math.min(creditorsNamed, creditors.size()))) {
            // Names come from the member alerts that named the creditor (the asset view carries ids only).
            String name = e.getValue().name != null ? e.getValue().name : nameFrom(mine, e.getKey());
            e.getValue().name = name;
            subjects.add(AlertSubject.of(e.getKey(), name, e.getValue().category, "creditor", e.getValue().usd));
            if (top.length() < 200) {
                top.append(top.length() == 0 ? "" : ", ").append(name == null ? e.getKey() : name).append(' ')
                        .append(UsdAmount.format(e.getValue().usd));
            }
        }
        r.subjects = subjects.toArray(new AlertSubject[0]);
        r.memberAlertIds = o.memberAlertIds.toArray(new String[0]);
        r.weekAlerts = mine.size();
        r.message = "Incident " + o.incident + " (" + status + ", " + mine.size() + " alert(s) this week): assets "
                + String.join(", ", o.assets.keySet()) + ", held by others " + UsdAmount.format(r.usdHeld)
                + ", measured losses " + UsdAmount.format(r.usdLost)
                + (r.contagionLossUsd == null ? "" : ", contagion up to " + UsdAmount.format(r.contagionLossUsd))
                + (top.length() == 0 ? "." : "; largest creditors: " + top + ".");
        return r;
    }

    private static String nameFrom(List<Alert> alerts, String id) {
        for (Alert a : alerts) {
            if (a.subjects != null) {
                for (AlertSubject s : a.subjects) {
                    if (id.equals(s.id) && s.name != null) {
                        return s.name;
                    }
                }
            }
        }
        return null;
    }

    /** At most maxCriticalPerWeek critical records: the rest (smallest losses first) go out as warnings. */
    private void capCritical(List<Incident> records) {
        List<Incident> critical = new ArrayList<>(records.stream().filter(r -> Alert.CRITICAL.equals(r.severity)).toList());
        critical.sort(Comparator.<Incident>comparingDouble(r -> -r.usdLost).thenComparing(r -> r.incident));
        for (Incident r : critical.subList(Math.min(maxCriticalPerWeek, critical.size()), critical.size())) {
            r.severity = Alert.WARNING;
        }
    }
}
