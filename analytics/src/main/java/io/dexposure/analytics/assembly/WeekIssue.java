package io.dexposure.analytics.assembly;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A week that could not be computed, on the data-quality topic (key = week). The week is reported,
 * never silently computed from partial data.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"id", "week", "problem", "expectedNodes", "receivedNodes", "expectedLinks", "receivedLinks",
        "duplicateRecords", "message"})
public class WeekIssue {
    /** The marker never arrived before the watermark passed the week. */
    public static final String MARKER_MISSING = "marker-missing";
    /** The marker arrived, but the records of the week do not add up to its counts. */
    public static final String COUNTS_MISMATCH = "counts-mismatch";
    /** The records add up but are contradictory (a link to an unknown node, conflicting duplicates...). */
    public static final String INCONSISTENT = "inconsistent";
    /** Records that arrived after their week had been closed; they were not counted. */
    public static final String LATE_RECORDS = "late-records";
    /** The week was already computed; a second copy of it arrived and was not counted. */
    public static final String DUPLICATE_WEEK = "duplicate-week";
    /** A record on the input topic that is not a readable snapshot event. */
    public static final String UNREADABLE_RECORD = "unreadable-record";

    /** Deterministic: week + ":" + problem, so consumers can deduplicate. */
    public String id;
    public String week;
    public String problem;
    public Integer expectedNodes;
    public Integer receivedNodes;
    public Integer expectedLinks;
    public Integer receivedLinks;
    public Integer duplicateRecords;
    /** One sentence for a person. */
    public String message;

    public WeekIssue() {
    }

    public static WeekIssue of(String week, String problem, String message) {
        WeekIssue issue = new WeekIssue();
        issue.id = week + ":" + problem;
        issue.week = week;
        issue.problem = problem;
        issue.message = message;
        return issue;
    }

    @Override
    public String toString() {
        return id + " " + message;
    }
}
