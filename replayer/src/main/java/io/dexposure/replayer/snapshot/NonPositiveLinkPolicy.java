package io.dexposure.replayer.snapshot;

/**
 * What {@link SnapshotReader} does with a link whose {@code size} is zero or negative. Either way the
 * link is counted in {@link WeekSnapshot#nonPositiveLinks()}.
 */
public enum NonPositiveLinkPolicy {
    /**
     * Leave the link out (counted in {@link WeekSnapshot#droppedLinks()} too). The default, because the
     * authors' loaders drop {@code size <= 0} (8-10 % of raw links in 2025 weeks), so statistics computed
     * on our reading are comparable with the published ones.
     */
    DROP,
    /**
     * The older sign rule: a negative net exposure of A to B is read as an exposure of B to A for the
     * magnitude (counted in {@link WeekSnapshot#flippedLinks()}); a link of size 0 is kept as it is.
     */
    FLIP
}
