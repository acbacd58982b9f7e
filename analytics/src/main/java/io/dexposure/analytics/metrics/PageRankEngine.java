package io.dexposure.analytics.metrics;

/** Which engine computes the unweighted PageRank of the weekly record; both give the same values (tested). */
public enum PageRankEngine {
    /** Gelly's library PageRank on a CollectionEnvironment (the walking skeleton's engine). */
    GELLY,
    /** Power iteration on the network's CSR arrays: same semantics, about 300x faster at real scale. */
    CSR
}
