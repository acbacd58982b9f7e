package io.dexposure.analytics.risk;

/**
 * Linear DebtRank as NetworkRiskMeasures' contagion engine runs it ({@code method = "debtrank"}): stress
 * h in [0, 1] per node (fraction of its buffer lost); a node passes each increase of its stress once,
 * through the impact matrix (creditor c's stress rises by debtor d's increase times E[c][d] / buffer[c]);
 * stress stops rising at 1; iterate until the stress vector moves less than the engine's tolerance.
 * Here the buffer is the node's TVL and E[c][d] the exposure of link c -> d. Kept as an independent
 * reference for {@link Contagion}: on networks where they must agree (every debtor's TVL equals what
 * others hold of it, losses above the distress threshold, no node hit twice), tests assert they do.
 */
public final class LinearDebtRank {
    /** NetworkRiskMeasures' default: .Machine$double.eps ^ 0.2. */
    public static final double TOLERANCE = Math.pow(Math.ulp(1.0), 0.2);

    private LinearDebtRank() {
    }

    /**
     * @param buffer        node buffers (TVL); nodes with buffer <= 0 take no stress
     * @param links         the week's links by debtor
     * @param initialStress stress at the start (1 = default)
     * @param maxIterations iteration cap (NetworkRiskMeasures: min(1000, 10 n))
     * @return final stress per node, capped at 1
     */
    public static double[] stress(double[] buffer, ExposureLinks links, double[] initialStress, int maxIterations) {
        int n = buffer.length;
        double[] previous = initialStress.clone();
        double[] spent = new double[n];
        double[] pass = propagation(previous, spent);
        for (int iteration = 0; iteration < maxIterations; iteration++) {
            double[] current = previous.clone();
            for (int i = 0; i < n; i++) {
                spent[i] += pass[i];
            }
            for (int debtor = 0; debtor < n; debtor++) {
                if (pass[debtor] == 0) {
                    continue;
                }
                for (int p = links.start(debtor); p < links.end(debtor); p++) {
                    int creditor = links.creditor(p);
                    if (buffer[creditor] > 0) {
                        current[creditor] += pass[debtor] * links.exposure(p) / buffer[creditor];
                    }
                }
            }
            double moved = 0;
            for (int i = 0; i < n; i++) {
                moved += (current[i] - previous[i]) * (current[i] - previous[i]);
            }
            pass = propagation(current, spent);
            previous = current;
            if (Math.sqrt(moved) < TOLERANCE) {
                break;
            }
        }
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = Math.min(1.0, previous[i]);
        }
        return out;
    }

    /** What each node passes on now: its capped stress not yet passed on. */
    private static double[] propagation(double[] stress, double[] spent) {
        double[] p = new double[stress.length];
        for (int i = 0; i < stress.length; i++) {
            double capped = Math.min(1.0, stress[i]);
            p[i] = (capped < 0 || spent[i] > 1) ? 0 : capped - spent[i];
        }
        return p;
    }
}
