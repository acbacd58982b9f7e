package io.dexposure.analytics.roland;

import io.dexposure.analytics.week.NetworkWeek;

import java.util.Arrays;
import java.util.Map;

/**
 * What the decoder knows of a pair besides the two node states, from the week the prediction is made at:
 * whether holder -> issuer is a link of that week (1/0) and its size as log1p(USD)/25. Where only about
 * half of next week's links existed this week, the node states alone cannot say which existing exposure
 * stays and which is replaced; these two numbers let the decoder weigh "already exposed, and by how much"
 * against the learnt affinity of the two nodes. A new exposure (not a link of the week) has both zero.
 */
public final class PairFeatures {
    public static final int COUNT = 2;
    /** log1p of a link's USD size divided by this lands in [0, ~1] for sizes up to $70B. */
    static final double LOG_SCALE = 25;

    private final long[] keys;
    private final float[] logSizes;
    private final int nodes;
    private final Map<String, Integer> index;
    /** False when the settings switch the pair features off: every pair reads zeros. */
    private final boolean enabled;

    private PairFeatures(long[] keys, float[] logSizes, int nodes, Map<String, Integer> index, boolean enabled) {
        this.keys = keys;
        this.logSizes = logSizes;
        this.nodes = nodes;
        this.index = index;
        this.enabled = enabled;
    }

    /** The links of {@code week}; parallel links of one pair keep the largest size. */
    public static PairFeatures of(NetworkWeek week, boolean enabled) {
        int n = week.nodeCount();
        int m = week.linkCount();
        // Sorted distinct pair keys (a primitive sort: this runs on every real-scale week, several times), then
        // each link's size merged into its key's slot.
        long[] sorted = new long[m];
        for (int k = 0; k < m; k++) {
            sorted[k] = (long) week.linkSources[k] * n + week.linkTargets[k];
        }
        Arrays.sort(sorted);
        int u = 0;
        for (int i = 0; i < m; i++) {
            if (u == 0 || sorted[u - 1] != sorted[i]) {
                sorted[u++] = sorted[i];
            }
        }
        long[] keys = Arrays.copyOf(sorted, u);
        float[] sizes = new float[u];
        Arrays.fill(sizes, Float.NEGATIVE_INFINITY);
        for (int k = 0; k < m; k++) {
            int at = Arrays.binarySearch(keys, (long) week.linkSources[k] * n + week.linkTargets[k]);
            float size = (float) (Math.log1p(Math.max(0, week.linkWeights == null ? 0 : week.linkWeights[k])) / LOG_SCALE);
            sizes[at] = Math.max(sizes[at], size);
        }
        return new PairFeatures(keys, sizes, n, null, enabled);
    }

    /** As {@link #of}, looked up by node id (for pairs given in another week's positions). */
    public static PairFeatures byId(NetworkWeek week, boolean enabled) {
        PairFeatures f = of(week, enabled);
        return new PairFeatures(f.keys, f.logSizes, f.nodes, week.indexById(), enabled);
    }

    /** Writes the pair's features at {@code out[offset..offset+COUNT)}; positions in this week. */
    public void write(int source, int target, float[] out, int offset) {
        out[offset] = 0f;
        out[offset + 1] = 0f;
        if (!enabled || source < 0 || target < 0) {
            return;
        }
        int at = Arrays.binarySearch(keys, (long) source * nodes + target);
        if (at >= 0) {
            out[offset] = 1f;
            out[offset + 1] = logSizes[at];
        }
    }

    /** Positions in this week (-1: absent) of another week's nodes, by id (needs {@link #byId}). */
    public int[] positionsOf(NetworkWeek other) {
        return io.dexposure.analytics.linkpred.NodeAlignment.of(other, index);
    }

    /** As {@link #write}, with the ends given by id (needs {@link #byId}). */
    public void write(String source, String target, float[] out, int offset) {
        Integer s = index.get(source);
        Integer t = index.get(target);
        write(s == null ? -1 : s, t == null ? -1 : t, out, offset);
    }

    /** Features of many pairs, row-major (pairs x COUNT). */
    public float[] of(long[] sources, long[] targets) {
        float[] out = new float[sources.length * COUNT];
        for (int k = 0; k < sources.length; k++) {
            write((int) sources[k], (int) targets[k], out, k * COUNT);
        }
        return out;
    }
}
