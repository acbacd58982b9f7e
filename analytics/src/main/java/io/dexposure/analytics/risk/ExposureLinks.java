package io.dexposure.analytics.risk;

import io.dexposure.analytics.week.NetworkWeek;

/**
 * A week's links seen from the debtor's side (who holds this node's tokens, and how much), built once
 * per week for the contagion and the rules. Link k: creditor {@code linkSources[k]} holds
 * {@code linkWeights[k]} USD issued by debtor {@code linkTargets[k]}.
 */
public final class ExposureLinks {
    private final int[] creditorOffsets;
    private final int[] creditors;
    private final double[] exposures;
    private final double[] heldByOthers;

    private ExposureLinks(int[] creditorOffsets, int[] creditors, double[] exposures, double[] heldByOthers) {
        this.creditorOffsets = creditorOffsets;
        this.creditors = creditors;
        this.exposures = exposures;
        this.heldByOthers = heldByOthers;
    }

    public static ExposureLinks of(NetworkWeek week) {
        int n = week.nodeCount();
        int m = week.linkCount();
        int[] offsets = new int[n + 1];
        double[] incoming = new double[n];
        for (int k = 0; k < m; k++) {
            offsets[week.linkTargets[k] + 1]++;
            incoming[week.linkTargets[k]] += week.linkWeights[k];
        }
        for (int i = 0; i < n; i++) {
            offsets[i + 1] += offsets[i];
        }
        int[] fill = offsets.clone();
        int[] creditors = new int[m];
        double[] exposures = new double[m];
        // Links arrive sorted by source, so each debtor's creditors come out in ascending order.
        for (int k = 0; k < m; k++) {
            int slot = fill[week.linkTargets[k]]++;
            creditors[slot] = week.linkSources[k];
            exposures[slot] = week.linkWeights[k];
        }
        return new ExposureLinks(offsets, creditors, exposures, incoming);
    }

    public int start(int debtor) {
        return creditorOffsets[debtor];
    }

    public int end(int debtor) {
        return creditorOffsets[debtor + 1];
    }

    public int creditor(int position) {
        return creditors[position];
    }

    public double exposure(int position) {
        return exposures[position];
    }

    /** Total USD of the debtor's tokens held by all its creditors (its incoming exposure). */
    public double heldByOthers(int debtor) {
        return heldByOthers[debtor];
    }
}
