package io.dexposure.analytics.alerts;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One shock alert on the alerts topic (key = {@link #subject}). {@link #id} is deterministic
 * (week:rule:subject), so a consumer that sees a record twice can drop the copy. Schema in the README.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"record", "id", "incident", "week", "rule", "severity", "subject", "subjectName", "subjectCategory", "value",
        "threshold", "usdAtRisk", "subjects", "message"})
public class Alert {
    public static final String INFO = "info";
    public static final String WARNING = "warning";
    public static final String CRITICAL = "critical";

    /** Always "alert": names the stream in mixed outputs (detect --json). */
    public String record = "alert";
    /** week + ":" + rule + ":" + subject. */
    public String id;
    /** The incident this alert belongs to (null when it belongs to none). */
    public String incident;
    public String week;
    /** asset-collapse, issuer-collapse, creditor-at-risk, contagion, regime-change, sector-outflow, concentration. */
    public String rule;
    /** info, warning or critical. */
    public String severity;
    /** What the alert is about: a protocol id, a category, or a metric name; the Kafka key. */
    public String subject;
    public String subjectName;
    public String subjectCategory;
    /** The measured value the rule compared (a fraction for percentages: 0.35 = 35 %). */
    public double value;
    public double threshold;
    /** USD at risk, where the rule has one. */
    public Double usdAtRisk;
    /** The protocols involved: the subject first, then (for example) its largest creditors. */
    public AlertSubject[] subjects;
    /** One sentence for a person. */
    public String message;

    public Alert() {
    }

    public static String id(String week, String rule, String subject) {
        return week + ":" + rule + ":" + subject;
    }

    @Override
    public String toString() {
        return id + " [" + severity + "] " + message;
    }
}
