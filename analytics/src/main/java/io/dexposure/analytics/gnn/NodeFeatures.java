package io.dexposure.analytics.gnn;

import io.dexposure.events.NodeKind;
import io.dexposure.analytics.week.NetworkWeek;

/**
 * ROLAND's node features (DeXposure-FM's set plus what the issue adds), one row per node:
 * log1p(TVL)/10, log1p(number of tokens)/3, max token share, composition entropy (nat)/3, last week's
 * log-TVL change (clipped to ±5, 0 for a protocol seen for the first time), in- and out-degree as
 * log1p(d)/log1p(max d), token-bucket flag, the category one-hot over {@link #CATEGORY_SLOTS} slots
 * (slot 0 = no category; a category's slot is its name's hash, so the width never changes), and last the
 * node's churn since the previous week ({@link #CHURN}: shares of its out-links opened and closed, of its
 * in-links opened and closed; zeros without a previous week): where links churn, a node that replaced
 * many of its links last week tends to keep doing so.
 */
public final class NodeFeatures {
    public static final int CATEGORY_SLOTS = 16;
    public static final int CHURN = 4;
    public static final int COUNT = 8 + CATEGORY_SLOTS + CHURN;

    private NodeFeatures() {
    }

    /**
     * Features of {@code week}; {@code lastLogTvl[i]} is node i's log1p(TVL) when last seen, NaN if never.
     */
    public static float[] of(NetworkWeek week, float[] lastLogTvl) {
        return of(week, lastLogTvl, null);
    }

    /** As {@link #of(NetworkWeek, float[])}, with the churn features against {@code previous} (null: zeros). */
    public static float[] of(NetworkWeek week, float[] lastLogTvl, NetworkWeek previous) {
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
        if (previous != null) {
            churn(week, previous, x);
        }
        return x;
    }

    /** Per node: opened out-links / out-links now, closed / out-links before, the same for in-links. */
    private static void churn(NetworkWeek week, NetworkWeek previous, float[] x) {
        int n = week.nodeCount();
        int[] at = io.dexposure.analytics.linkpred.NodeAlignment.of(week, previous.indexById());
        io.dexposure.analytics.linkpred.LinkSet before = io.dexposure.analytics.linkpred.LinkSet.of(previous);
        io.dexposure.analytics.linkpred.LinkSet now = io.dexposure.analytics.linkpred.LinkSet.of(week);
        Integer[] back = new Integer[previous.nodeCount()];
        for (int i = 0; i < n; i++) {
            if (at[i] >= 0) {
                back[at[i]] = i;
            }
        }
        int[] outNow = new int[n];
        int[] inNow = new int[n];
        int[] opened = new int[2 * n];
        for (int k = 0; k < week.linkCount(); k++) {
            int s = week.linkSources[k];
            int t = week.linkTargets[k];
            outNow[s]++;
            inNow[t]++;
            if (at[s] < 0 || at[t] < 0 || !before.contains(at[s], at[t])) {
                opened[2 * s]++;
                opened[2 * t + 1]++;
            }
        }
        int[] outBefore = new int[n];
        int[] inBefore = new int[n];
        int[] closed = new int[2 * n];
        for (int k = 0; k < previous.linkCount(); k++) {
            Integer s = back[previous.linkSources[k]];
            Integer t = back[previous.linkTargets[k]];
            if (s != null) {
                outBefore[s]++;
            }
            if (t != null) {
                inBefore[t]++;
            }
            if (s == null || t == null || !now.contains(s, t)) {
                if (s != null) {
                    closed[2 * s]++;
                }
                if (t != null) {
                    closed[2 * t + 1]++;
                }
            }
        }
        int base = 8 + CATEGORY_SLOTS;
        for (int i = 0; i < n; i++) {
            int row = i * COUNT + base;
            x[row] = outNow[i] == 0 ? 0f : opened[2 * i] / (float) outNow[i];
            x[row + 1] = outBefore[i] == 0 ? 0f : closed[2 * i] / (float) outBefore[i];
            x[row + 2] = inNow[i] == 0 ? 0f : opened[2 * i + 1] / (float) inNow[i];
            x[row + 3] = inBefore[i] == 0 ? 0f : closed[2 * i + 1] / (float) inBefore[i];
        }
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
