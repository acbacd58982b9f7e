package io.dexposure.analytics.incidents;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.dexposure.analytics.alerts.AlertSubject;

/**
 * One week's record of an incident on {@code dexposure.incidents} (key = {@link #incident}): the alerts
 * about one event grouped under a stable id, re-published every week while it is open. {@link #id} is
 * deterministic (incident id + "@" + week), so a consumer that sees a record twice can drop the copy.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"record", "id", "incident", "week", "status", "severity", "subject", "subjectName", "openedWeek",
        "quietWeeks", "usdHeld", "usdLost", "contagionLossUsd", "contagionLossShare", "subjects", "memberAlertIds",
        "weekAlerts", "message"})
public class Incident {
    public static final String RECORD = "incident";
    public static final String OPEN = "open";
    public static final String ONGOING = "ongoing";
    public static final String RESOLVED = "resolved";

    /** Always "incident": names the stream in mixed outputs (detect --json). */
    public String record = RECORD;
    /** incident + "@" + week. */
    public String id;
    /** The stable incident id: "incident:" + opened week + ":" + the subject it opened on. */
    public String incident;
    public String week;
    /** open (its first week), ongoing, resolved (its last record). */
    public String status;
    /** The most severe of this week's member alerts (info in a quiet week); critical records are capped per week. */
    public String severity;
    /** The asset (or, without one, the alert subject) the incident opened on. */
    public String subject;
    public String subjectName;
    public String openedWeek;
    /** Weeks in a row without a warning or critical member alert. */
    public int quietWeeks;
    /** USD others held of the incident's assets, the week before each first collapsed. */
    public double usdHeld;
    /** Creditors' measured losses on the incident's assets, summed over the incident's weeks. */
    public double usdLost;
    /** The largest DebtRank loss (seeded by measured losses) reported by a member alert, USD and share of system TVL. */
    public Double contagionLossUsd;
    public Double contagionLossShare;
    /** The assets (role asset, usd = held by others) then the top creditors (role creditor, usd = loss). */
    public AlertSubject[] subjects;
    /** Every member alert id so far, in order. */
    public String[] memberAlertIds;
    /** How many member alerts this week. */
    public int weekAlerts;
    public String message;

    public Incident() {
    }
}
