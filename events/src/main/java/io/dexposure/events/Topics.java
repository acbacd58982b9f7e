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

    private Topics() {
    }
}
