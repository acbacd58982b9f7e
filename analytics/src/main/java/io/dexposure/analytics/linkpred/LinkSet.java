package io.dexposure.analytics.linkpred;

import io.dexposure.analytics.week.NetworkWeek;

import java.util.Arrays;

/** A week's directed links as sorted long keys (source * n + target), for membership tests. */
public final class LinkSet {
    private final long[] keys;
    private final int nodes;

    private LinkSet(long[] keys, int nodes) {
        this.keys = keys;
        this.nodes = nodes;
    }

    public static LinkSet of(NetworkWeek week) {
        return of(week.nodeCount(), week.linkSources, week.linkTargets);
    }

    /** Links (sources[k], targets[k]) among {@code nodes} nodes. */
    public static LinkSet of(int nodes, int[] sources, int[] targets) {
        long[] keys = new long[sources.length];
        for (int k = 0; k < keys.length; k++) {
            keys[k] = (long) sources[k] * nodes + targets[k];
        }
        Arrays.sort(keys);
        return new LinkSet(keys, nodes);
    }

    public boolean contains(int source, int target) {
        return Arrays.binarySearch(keys, (long) source * nodes + target) >= 0;
    }

    public int size() {
        return keys.length;
    }
}
