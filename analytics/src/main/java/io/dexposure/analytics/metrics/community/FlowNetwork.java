package io.dexposure.analytics.metrics.community;

import io.dexposure.analytics.network.WeeklyNetwork;

import java.util.Arrays;

/**
 * The input of the map equation: per node its visit rate (flow), the recorded teleportation flow it
 * sends and the share of teleportation it receives, and the flow on each directed link, as out- and
 * in-adjacency arrays. Self-loops carry no flow between modules and are left out.
 *
 * <p>Networks of modules ("aggregated" networks) use the same form: flows add up, links inside a
 * supernode are dropped (they never cross a module boundary again) and {@link #nodeEntropyTerm} stays
 * that of the original nodes, since the map equation codes the original nodes' visits.
 */
final class FlowNetwork {
    final int nodeCount;
    final double[] nodeFlow;
    /** Recorded teleportation flow leaving each node (0 unless {@link FlowModel#DIRECTED_RECORDED}). */
    final double[] teleportOut;
    /** Share of teleportation landing on each node (1/n under {@link FlowModel#DIRECTED_RECORDED}). */
    final double[] teleportIn;
    final double totalTeleport;
    final int[] outOffsets;
    final int[] outTargets;
    final double[] outFlow;
    final int[] inOffsets;
    final int[] inSources;
    final double[] inFlow;
    /** Sum of plogp(node flow) over the original nodes. */
    final double nodeEntropyTerm;

    FlowNetwork(double[] nodeFlow, double[] teleportOut, double[] teleportIn, int[] outOffsets, int[] outTargets,
                double[] outFlow, double nodeEntropyTerm) {
        this.nodeCount = nodeFlow.length;
        this.nodeFlow = nodeFlow;
        this.teleportOut = teleportOut;
        this.teleportIn = teleportIn;
        double teleport = 0;
        for (double t : teleportOut) {
            teleport += t;
        }
        this.totalTeleport = teleport;
        this.outOffsets = outOffsets;
        this.outTargets = outTargets;
        this.outFlow = outFlow;
        this.nodeEntropyTerm = nodeEntropyTerm;
        int n = nodeCount;
        int m = outTargets.length;
        inOffsets = new int[n + 1];
        for (int t : outTargets) {
            inOffsets[t + 1]++;
        }
        for (int i = 0; i < n; i++) {
            inOffsets[i + 1] += inOffsets[i];
        }
        inSources = new int[m];
        inFlow = new double[m];
        int[] fill = Arrays.copyOf(inOffsets, n);
        for (int a = 0; a < n; a++) {
            for (int p = outOffsets[a]; p < outOffsets[a + 1]; p++) {
                int slot = fill[outTargets[p]]++;
                inSources[slot] = a;
                inFlow[slot] = outFlow[p];
            }
        }
    }

    /** A network of original nodes: its entropy term is computed from its own node flows. */
    static FlowNetwork ofNodes(double[] nodeFlow, double[] teleportOut, double[] teleportIn, int[] outOffsets,
                              int[] outTargets, double[] outFlow) {
        double entropy = 0;
        for (double p : nodeFlow) {
            entropy += MapEquation.plogp(p);
        }
        return new FlowNetwork(nodeFlow, teleportOut, teleportIn, outOffsets, outTargets, outFlow, entropy);
    }

    /**
     * The flow of a week's random walk.
     *
     * @param weighted     link weights = exposure USD (else every link weighs 1)
     * @param teleportation tau, for the directed models
     */
    static FlowNetwork of(WeeklyNetwork network, FlowModel model, boolean weighted, double teleportation) {
        int n = network.nodeCount();
        // Link weights, self-loops and non-positive weights left out.
        int[] offsets = new int[n + 1];
        for (int a = 0; a < n; a++) {
            int kept = 0;
            for (int p = network.outStart(a); p < network.outEnd(a); p++) {
                if (network.target(p) != a && network.weight(p) > 0) {
                    kept++;
                }
            }
            offsets[a + 1] = offsets[a] + kept;
        }
        int[] targets = new int[offsets[n]];
        double[] weights = new double[offsets[n]];
        int k = 0;
        for (int a = 0; a < n; a++) {
            for (int p = network.outStart(a); p < network.outEnd(a); p++) {
                if (network.target(p) != a && network.weight(p) > 0) {
                    targets[k] = network.target(p);
                    weights[k] = weighted ? network.weight(p) : 1.0;
                    k++;
                }
            }
        }
        return switch (model) {
            case UNDIRECTED -> undirected(n, offsets, targets, weights);
            case DIRECTED -> directed(n, offsets, targets, weights, teleportation, false);
            case DIRECTED_RECORDED -> directed(n, offsets, targets, weights, teleportation, true);
        };
    }

    private static FlowNetwork undirected(int n, int[] offsets, int[] targets, double[] weights) {
        // Each link a -> b adds its weight to the pair {a, b}; store both directions, merged.
        long[] keys = new long[2 * targets.length];
        double[] pairWeights = new double[2 * targets.length];
        int k = 0;
        double total = 0;
        for (int a = 0; a < n; a++) {
            for (int p = offsets[a]; p < offsets[a + 1]; p++) {
                int b = targets[p];
                keys[k] = ((long) a << 32) | b;
                pairWeights[k++] = weights[p];
                keys[k] = ((long) b << 32) | a;
                pairWeights[k++] = weights[p];
                total += weights[p];
            }
        }
        int[] merged = mergeSorted(keys, pairWeights, k);
        int m = merged[0];
        int[] outOffsets = new int[n + 1];
        int[] outTargets = new int[m];
        double[] outFlow = new double[m];
        double[] nodeFlow = new double[n];
        for (int i = 0; i < m; i++) {
            int a = (int) (keys[i] >>> 32);
            outTargets[i] = (int) keys[i];
            outFlow[i] = pairWeights[i] / (2 * total);
            outOffsets[a + 1]++;
            nodeFlow[a] += outFlow[i];
        }
        for (int a = 0; a < n; a++) {
            outOffsets[a + 1] += outOffsets[a];
        }
        return ofNodes(nodeFlow, new double[n], new double[n], outOffsets, outTargets, outFlow);
    }

    /** Sorts (key, weight) pairs by key and sums equal keys in place; returns {distinct count}. */
    private static int[] mergeSorted(long[] keys, double[] values, int count) {
        Integer[] order = new Integer[count];
        for (int i = 0; i < count; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> Long.compare(keys[x], keys[y]));
        long[] sortedKeys = new long[count];
        double[] sortedValues = new double[count];
        int distinct = 0;
        for (int i = 0; i < count; i++) {
            int j = order[i];
            if (distinct > 0 && sortedKeys[distinct - 1] == keys[j]) {
                sortedValues[distinct - 1] += values[j];
            } else {
                sortedKeys[distinct] = keys[j];
                sortedValues[distinct] = values[j];
                distinct++;
            }
        }
        System.arraycopy(sortedKeys, 0, keys, 0, distinct);
        System.arraycopy(sortedValues, 0, values, 0, distinct);
        return new int[] {distinct};
    }

    private static FlowNetwork directed(int n, int[] offsets, int[] targets, double[] weights, double tau,
                                        boolean recorded) {
        double[] strength = new double[n];
        double totalStrength = 0;
        for (int a = 0; a < n; a++) {
            for (int p = offsets[a]; p < offsets[a + 1]; p++) {
                strength[a] += weights[p];
            }
            totalStrength += strength[a];
        }
        double[] preference = new double[n];
        for (int a = 0; a < n; a++) {
            // Recorded: to every node alike. Unrecorded: to links, i.e. to their sources by out-strength.
            preference[a] = recorded ? 1.0 / n : (totalStrength > 0 ? strength[a] / totalStrength : 1.0 / n);
        }
        double[] rank = pageRank(n, offsets, targets, weights, strength, preference, tau);
        int m = targets.length;
        double[] linkFlow = new double[m];
        double[] nodeFlow;
        double[] teleportOut = new double[n];
        double[] teleportIn = new double[n];
        if (recorded) {
            nodeFlow = rank;
            for (int a = 0; a < n; a++) {
                boolean dangling = strength[a] == 0;
                teleportOut[a] = dangling ? rank[a] : tau * rank[a];
                teleportIn[a] = 1.0 / n;
                for (int p = offsets[a]; p < offsets[a + 1]; p++) {
                    linkFlow[p] = (1 - tau) * rank[a] * weights[p] / strength[a];
                }
            }
        } else {
            double total = 0;
            for (int a = 0; a < n; a++) {
                for (int p = offsets[a]; p < offsets[a + 1]; p++) {
                    linkFlow[p] = rank[a] * weights[p] / strength[a];
                    total += linkFlow[p];
                }
            }
            nodeFlow = new double[n];
            for (int p = 0; p < m; p++) {
                linkFlow[p] = total > 0 ? linkFlow[p] / total : 0;
                nodeFlow[targets[p]] += linkFlow[p];
            }
        }
        return ofNodes(nodeFlow, teleportOut, teleportIn, offsets, targets, linkFlow);
    }

    /**
     * Power iteration: rank = (1 - tau) * (follow a link) + (tau * non-dangling rank + dangling rank) *
     * preference, to an L1 change below 1e-15 (at most 1000 iterations).
     */
    static double[] pageRank(int n, int[] offsets, int[] targets, double[] weights, double[] strength,
                             double[] preference, double tau) {
        double[] rank = new double[n];
        Arrays.fill(rank, 1.0 / n);
        double[] next = new double[n];
        for (int iteration = 0; iteration < 1000; iteration++) {
            Arrays.fill(next, 0);
            double teleported = 0;
            for (int a = 0; a < n; a++) {
                if (strength[a] == 0) {
                    teleported += rank[a];
                    continue;
                }
                teleported += tau * rank[a];
                double share = (1 - tau) * rank[a] / strength[a];
                for (int p = offsets[a]; p < offsets[a + 1]; p++) {
                    next[targets[p]] += share * weights[p];
                }
            }
            double sum = 0;
            for (int a = 0; a < n; a++) {
                next[a] += teleported * preference[a];
                sum += next[a];
            }
            double change = 0;
            for (int a = 0; a < n; a++) {
                next[a] /= sum;
                change += Math.abs(next[a] - rank[a]);
            }
            double[] swap = rank;
            rank = next;
            next = swap;
            if (change < 1e-15) {
                break;
            }
        }
        return rank;
    }
}
