package io.dexposure.analytics.alerts;

import java.util.List;

/** One alert rule: reads a week's change, returns its alerts (none on a calm week). */
public interface AlertRule {
    String ISSUER_COLLAPSE = "issuer-collapse";
    String CREDITOR_AT_RISK = "creditor-at-risk";
    String CONTAGION = "contagion";
    String CONTAGION_HYPOTHETICAL = "contagion-hypothetical";
    String REGIME_CHANGE = "regime-change";
    String SECTOR_OUTFLOW = "sector-outflow";
    String CONCENTRATION = "concentration";

    List<Alert> evaluate(WeekChange change);

    /** An alert with its deterministic id filled in. */
    static Alert alert(String week, String rule, String severity, String subject, double value, double threshold,
                       Double usdAtRisk, AlertSubject[] subjects, String message) {
        Alert a = new Alert();
        a.id = Alert.id(week, rule, subject);
        a.week = week;
        a.rule = rule;
        a.severity = severity;
        a.subject = subject;
        if (subjects != null && subjects.length > 0 && subject.equals(subjects[0].id)) {
            a.subjectName = subjects[0].name;
            a.subjectCategory = subjects[0].category;
        }
        a.value = value;
        a.threshold = threshold;
        a.usdAtRisk = usdAtRisk;
        a.subjects = subjects;
        a.message = message;
        return a;
    }

    static String percent(double fraction) {
        return String.format(java.util.Locale.US, "%.1f %%", 100 * fraction);
    }
}
