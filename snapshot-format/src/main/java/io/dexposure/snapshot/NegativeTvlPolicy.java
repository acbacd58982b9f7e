package io.dexposure.snapshot;

/** What {@link SnapshotReader} does with a node whose {@code size} (TVL) is negative. */
public enum NegativeTvlPolicy {
    /** The week is malformed: throw {@link SnapshotFormatException}. */
    REJECT,
    /** Read the node's TVL as 0 (its composition is kept as given); counted and logged once per week. */
    CLAMP_TO_ZERO
}
