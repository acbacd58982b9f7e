package io.dexposure.analytics.gnn;

import io.dexposure.events.NodeKind;
import io.dexposure.analytics.week.NetworkWeek;

/**
 * ROLAND's node features (DeXposure-FM's set plus what the issue adds), one row per node:
 * log1p(TVL)/10, log1p(number of tokens)/3, max token share, composition entropy (nat)/3, last week's
 * log-TVL change (clipped to ±5, 0 for a protocol seen for the first time), in- and out-degree as
 * log1p(d)/log1p(max d), token-bucket flag, and the category one-hot over {@link #CATEGORY_SLOTS} slots
 * (slot 0 = no category; a category's slot is its name's hash, so the width never changes).
 */
public final class NodeFeatures {
    public static final int CATEGORY_SLOTS = 16;
    public static final int COUNT = 8 + CATEGORY_SLOTS;

    private NodeFeatures() {
    }

    /**
     * Features of {@code week}; {@code lastLogTvl[i]} is node i's log1p(TVL) when last seen, NaN if never.
     */
    public static float[] of(NetworkWeek week, float[] lastLogTvl) {
        int n = week.nodeCount();
        int[] in = new int[n];
        int[] out = new int[n];
        for (int k = 0; k < week.linkCount(); k++) {
            out[week.linkSources[k]]++;
            in[week.linkTargets[k]]++;
        }
        int maxIn = 0;
        int maxOut = 0;
        for (int i = 0; i < n; i++) {
            maxIn = Math.max(maxIn, in[i]);
            maxOut = Math.max(maxOut, out[i]);
        }
        float[] x = new float[n * COUNT];
        for (int i = 0; i < n; i++) {
            int row = i * COUNT;
            double logTvl = logTvl(week.tvlUsd[i]);
            int from = week.compositionOffsets[i];
            int to = week.compositionOffsets[i + 1];
            double total = 0;
            double max = 0;
            for (int c = from; c < to; c++) {
                double usd = Math.max(0, week.compositionUsd[c]);
                total += usd;
                max = Math.max(max, usd);
            }
            double entropy = 0;
            if (total > 0) {
                for (int c = from; c < to; c++) {
                    double share = Math.max(0, week.compositionUsd[c]) / total;
                    if (share > 0) {
                        entropy -= share * Math.log(share);
                    }
                }
            }
            x[row] = (float) (logTvl / 10);
            x[row + 1] = (float) (Math.log1p(to - from) / 3);
            x[row + 2] = (float) (total > 0 ? max / total : 0);
            x[row + 3] = (float) (entropy / 3);
            x[row + 4] = Float.isNaN(lastLogTvl[i]) ? 0f : (float) Math.max(-5, Math.min(5, logTvl - lastLogTvl[i]));
            x[row + 5] = maxIn == 0 ? 0f : (float) (Math.log1p(in[i]) / Math.log1p(maxIn));
            x[row + 6] = maxOut == 0 ? 0f : (float) (Math.log1p(out[i]) / Math.log1p(maxOut));
            x[row + 7] = NodeKind.classify(week.ids[i]) == NodeKind.TOKEN_BUCKET ? 1f : 0f;
            x[row + 8 + categorySlot(week.categories[i])] = 1f;
        }
        return x;
    }

    public static float logTvl(double tvlUsd) {
        return (float) Math.log1p(Math.max(0, tvlUsd));
    }

    static int categorySlot(String category) {
        if (category == null || category.isEmpty()) {
            return 0;
        }
        return 1 + Math.floorMod(category.hashCode(), CATEGORY_SLOTS - 1);
    }
}
