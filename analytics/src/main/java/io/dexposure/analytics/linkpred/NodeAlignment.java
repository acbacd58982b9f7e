package io.dexposure.analytics.linkpred;

import io.dexposure.analytics.week.NetworkWeek;

import java.util.Map;

/** Positions of one week's nodes in an earlier week, by protocol id (-1 where the earlier week lacks the node). */
public final class NodeAlignment {
    private NodeAlignment() {
    }

    public static int[] of(NetworkWeek week, Map<String, Integer> earlierIndex) {
        int[] at = new int[week.nodeCount()];
        for (int i = 0; i < at.length; i++) {
            Integer j = earlierIndex.get(week.ids[i]);
            at[i] = j == null ? -1 : j;
        }
        return at;
    }
}
