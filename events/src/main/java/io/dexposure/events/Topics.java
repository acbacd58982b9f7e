package io.dexposure.events;

/**
 * The input topic's default name, shared by the replayer and the job. The result streams' topics are
 * described once, in the job's catalogue ({@code io.dexposure.job.streams.ResultStreams}); every name can be
 * overridden by a flag.
 */
public final class Topics {
    /** Input: node, link and week-closed records; key = week (YYYY-MM-DD), so a week stays in one partition, in order. */
    public static final String SNAPSHOT_EVENTS = "dexposure.snapshot-events";

    private Topics() {
    }
}
