package io.dexposure.events;

/** Kafka topic names shared by the replayer, the job and consumers. Each can be overridden by a flag. */
public final class Topics {
    /** Input: node, link and week-closed records; key = week (YYYY-MM-DD), so a week stays in one partition, in order. */
    public static final String SNAPSHOT_EVENTS = "dexposure.snapshot-events";
    /** Output: one WeekMetrics JSON record per completed week; key = week. */
    public static final String NETWORK_METRICS = "dexposure.network-metrics";
    /** Output: one record per node per completed week (PageRank, strengths, closeness, ...); key = node id. */
    public static final String PROTOCOL_METRICS = "dexposure.protocol-metrics";
    /** Output: weeks whose records did not add up to their week-closed counts; key = week. */
    public static final String DATA_QUALITY = "dexposure.data-quality";

    /** Output: shock alerts; key = the alert's subject (protocol id, sector or metric), id = week:rule:subject. */
    public static final String ALERTS = "dexposure.alerts";
    /** Output: the week's top-N systemic protocols (Systemic Importance Score); key = protocol id. */
    public static final String PROTOCOL_RISK = "dexposure.protocol-risk";
    /** Output: one record per open incident per week (alerts about one event grouped); key = the incident id. */
    public static final String INCIDENTS = "dexposure.incidents";
    /** Output: one contagion / sector-spillover summary per week; key = week. */
    public static final String WEEK_RISK = "dexposure.week-risk";
    /** Output: ROLAND's predictions for next week's exposures; key = source protocol id. */
    public static final String LINK_PREDICTIONS = "dexposure.link-predictions";
    /** Output: link-prediction quality per week and model (ROLAND and baselines); key = model. */
    public static final String MODEL_QUALITY = "dexposure.model-quality";

    private Topics() {
    }
}
