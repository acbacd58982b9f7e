package io.dexposure.analytics.metrics.community;

/**
 * The two-level map equation (Rosvall and Bergstrom 2008), computed from scratch for a partition:
 *
 * <pre>
 *   L(M) = q H(Q) + sum_i p_i H(P_i)
 *        = plogp(sum_i enter_i) - sum_i plogp(enter_i) - sum_i plogp(exit_i)
 *          - sum_a plogp(p_a) + sum_i plogp(exit_i + p_i)            (bits; plogp(x) = x log2 x)
 * </pre>
 * with enter_i / exit_i the rate at which the walk enters / leaves module i (link flow crossing its
 * boundary, plus recorded teleportation landing in / outside it) and p_i the flow of its nodes. The
 * index codebook codes module entries, each module codebook its nodes and its exit; for balanced flows
 * (undirected, recorded teleportation) enter_i = exit_i and this is the paper's eq. 4.
 *
 * <p>{@link MapEquationOptimizer} tracks the same quantity incrementally; this is the independent
 * recomputation it is tested against.
 */
final class MapEquation {
    private static final double INVERSE_LOG2 = 1.0 / Math.log(2);

    private MapEquation() {
    }

    static double plogp(double p) {
        return p > 0 ? p * Math.log(p) * INVERSE_LOG2 : 0.0;
    }

    /** Codelength in bits of the partition {@code module} (any non-negative ids) of the network's nodes. */
    static double codelength(FlowNetwork network, int[] module) {
        int n = network.nodeCount;
        int modules = 0;
        for (int a = 0; a < n; a++) {
            modules = Math.max(modules, module[a] + 1);
        }
        double[] flow = new double[modules];
        double[] teleportOut = new double[modules];
        double[] teleportIn = new double[modules];
        double[] linkExit = new double[modules];
        double[] linkEnter = new double[modules];
        for (int a = 0; a < n; a++) {
            int i = module[a];
            flow[i] += network.nodeFlow[a];
            teleportOut[i] += network.teleportOut[a];
            teleportIn[i] += network.teleportIn[a];
            for (int p = network.outOffsets[a]; p < network.outOffsets[a + 1]; p++) {
                int j = module[network.outTargets[p]];
                if (j != i) {
                    linkExit[i] += network.outFlow[p];
                    linkEnter[j] += network.outFlow[p];
                }
            }
        }
        double sumEnter = 0;
        double enterTerm = 0;
        double exitTerm = 0;
        double moduleTerm = 0;
        for (int i = 0; i < modules; i++) {
            double exit = exit(teleportOut[i], teleportIn[i], linkExit[i]);
            double enter = enter(network.totalTeleport, teleportOut[i], teleportIn[i], linkEnter[i]);
            sumEnter += enter;
            enterTerm += plogp(enter);
            exitTerm += plogp(exit);
            moduleTerm += plogp(exit + flow[i]);
        }
        return plogp(sumEnter) - enterTerm - exitTerm - network.nodeEntropyTerm + moduleTerm;
    }

    /** Leaving module i: its link flow out, plus its recorded teleportation that lands outside it. */
    static double exit(double teleportOut, double teleportIn, double linkExit) {
        return teleportOut * (1 - teleportIn) + linkExit;
    }

    /** Entering module i: link flow in, plus the other modules' teleportation that lands in it. */
    static double enter(double totalTeleport, double teleportOut, double teleportIn, double linkEnter) {
        return (totalTeleport - teleportOut) * teleportIn + linkEnter;
    }
}
