package io.dexposure.analytics.metrics.community;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * One Infomap trial: minimises the two-level map equation over partitions of a {@link FlowNetwork}
 * by the greedy search of Rosvall and Bergstrom, restated from the papers.
 *
 * <ol>
 *   <li>Core: every node starts in its own module (or in a given partition); in passes over the nodes
 *   in random order each node moves to the neighbouring module (or an empty one) that lowers the
 *   codelength most, until a pass no longer helps. The modules then become the nodes of an aggregated
 *   network and the moves repeat on it, until an aggregated level moves nothing.</li>
 *   <li>Fine-tuning: the core again on the original nodes, starting from the partition found, so single
 *   nodes can leave the modules they were merged into.</li>
 *   <li>Coarse-tuning: each module is split into submodules by the core run on it alone; the core then
 *   moves the submodules, starting from their modules, so parts of modules can change module
 *   together.</li>
 * </ol>
 * Tuning rounds repeat while they improve the codelength. The codelength is tracked incrementally
 * (per-module enter, exit and flow, and the four sums of the map equation) and each move is chosen by
 * the exact new value, not an approximation of it.
 */
final class MapEquationOptimizer {
    /** A move, pass or tuning round must shorten the code by more than this (bits) to count. */
    static final double MIN_IMPROVEMENT = 1e-10;
    private static final int MAX_PASSES = 50;
    private static final int MAX_TUNING_ROUNDS = 20;

    /** Sees every move: the tracked codelength and the partition of the original nodes after it. */
    interface MoveObserver {
        void afterMove(double trackedCodelength, int[] leafModules);
    }

    private final FlowNetwork leaves;
    private final SplittableRandom random;
    private final MoveObserver observer;

    MapEquationOptimizer(FlowNetwork leaves, SplittableRandom random, MoveObserver observer) {
        this.leaves = leaves;
        this.random = random;
        this.observer = observer;
    }

    /** The best partition found (module ids 0..k-1) and its codelength. */
    record Partition(int[] modules, double codelength) {
    }

    Partition run() {
        int[] modules = core(leaves, null, identity(leaves.nodeCount), true);
        double codelength = MapEquation.codelength(leaves, modules);
        for (int round = 0; round < MAX_TUNING_ROUNDS; round++) {
            boolean improved = false;
            int[] fine = core(leaves, modules, identity(leaves.nodeCount), true);
            double fineLength = MapEquation.codelength(leaves, fine);
            if (fineLength < codelength - MIN_IMPROVEMENT) {
                modules = fine;
                codelength = fineLength;
                improved = true;
            }
            int[] coarse = coarseTune(modules);
            double coarseLength = MapEquation.codelength(leaves, coarse);
            if (coarseLength < codelength - MIN_IMPROVEMENT) {
                modules = coarse;
                codelength = coarseLength;
                improved = true;
            }
            if (!improved) {
                break;
            }
        }
        return new Partition(modules, codelength);
    }

    /**
     * Moves and aggregation on {@code network} from {@code initial} (null: singletons); returns the
     * partition of its nodes, ids 0..k-1.
     *
     * @param leafOfNetwork for the observer: which network node each original node is in
     * @param observed      whether moves are reported (only when the network is the original one or
     *                      a network of its modules, not a module's subnetwork)
     */
    private int[] core(FlowNetwork network, int[] initial, int[] leafOfNetwork, boolean observed) {
        int n = network.nodeCount;
        int[] result = initial == null ? identity(n) : compact(initial, new int[1]);
        FlowNetwork level = network;
        int[] nodeOfNetworkNode = identity(n);
        int[] moduleOfLevelNode = result.clone();
        boolean first = true;
        while (true) {
            int[] leafToLevel = null;
            if (observed && observer != null) {
                leafToLevel = new int[leafOfNetwork.length];
                for (int leaf = 0; leaf < leafOfNetwork.length; leaf++) {
                    leafToLevel[leaf] = nodeOfNetworkNode[leafOfNetwork[leaf]];
                }
            }
            ModuleState state = new ModuleState(level, moduleOfLevelNode, leafToLevel);
            boolean moved = state.optimise();
            int[] count = new int[1];
            int[] compactModule = compact(state.module, count);
            for (int v = 0; v < n; v++) {
                result[v] = compactModule[nodeOfNetworkNode[v]];
            }
            if ((!first && !moved) || count[0] == level.nodeCount || count[0] == 1) {
                return result;
            }
            level = aggregate(level, compactModule, count[0]);
            for (int v = 0; v < n; v++) {
                nodeOfNetworkNode[v] = compactModule[nodeOfNetworkNode[v]];
            }
            moduleOfLevelNode = identity(count[0]);
            first = false;
        }
    }

    private int[] coarseTune(int[] modules) {
        int n = leaves.nodeCount;
        int[] moduleCount = new int[1];
        int[] module = compact(modules, moduleCount);
        int k = moduleCount[0];
        int[] start = new int[k + 1];
        for (int v = 0; v < n; v++) {
            start[module[v] + 1]++;
        }
        for (int i = 0; i < k; i++) {
            start[i + 1] += start[i];
        }
        int[] members = new int[n];
        int[] fill = Arrays.copyOf(start, k);
        for (int v = 0; v < n; v++) {
            members[fill[module[v]]++] = v;
        }
        int[] submodule = new int[n];
        int[] parentOfSubmodule = new int[n];
        int submodules = 0;
        int[] localIndex = new int[n];
        for (int i = 0; i < k; i++) {
            int size = start[i + 1] - start[i];
            if (size <= 2) {
                for (int q = start[i]; q < start[i + 1]; q++) {
                    submodule[members[q]] = submodules;
                }
                parentOfSubmodule[submodules++] = i;
                continue;
            }
            FlowNetwork inside = subnetwork(members, start[i], start[i + 1], module, i, localIndex);
            int[] parts = core(inside, null, null, false);
            int partCount = 0;
            for (int q = start[i]; q < start[i + 1]; q++) {
                int part = parts[q - start[i]];
                submodule[members[q]] = submodules + part;
                partCount = Math.max(partCount, part + 1);
            }
            for (int part = 0; part < partCount; part++) {
                parentOfSubmodule[submodules + part] = i;
            }
            submodules += partCount;
        }
        if (submodules == k) {
            return modules;
        }
        FlowNetwork ofSubmodules = aggregate(leaves, submodule, submodules);
        int[] partition = core(ofSubmodules, Arrays.copyOf(parentOfSubmodule, submodules), submodule, true);
        int[] result = new int[n];
        for (int v = 0; v < n; v++) {
            result[v] = partition[submodule[v]];
        }
        return result;
    }

    /** The module's nodes and the links among them, flows unchanged. */
    private FlowNetwork subnetwork(int[] members, int from, int to, int[] module, int moduleId, int[] localIndex) {
        int size = to - from;
        for (int q = from; q < to; q++) {
            localIndex[members[q]] = q - from;
        }
        double[] flow = new double[size];
        double[] teleportOut = new double[size];
        double[] teleportIn = new double[size];
        int[] offsets = new int[size + 1];
        for (int q = from; q < to; q++) {
            int v = members[q];
            int local = q - from;
            flow[local] = leaves.nodeFlow[v];
            teleportOut[local] = leaves.teleportOut[v];
            teleportIn[local] = leaves.teleportIn[v];
            int kept = 0;
            for (int p = leaves.outOffsets[v]; p < leaves.outOffsets[v + 1]; p++) {
                if (module[leaves.outTargets[p]] == moduleId) {
                    kept++;
                }
            }
            offsets[local + 1] = offsets[local] + kept;
        }
        int[] targets = new int[offsets[size]];
        double[] linkFlow = new double[offsets[size]];
        int k = 0;
        for (int q = from; q < to; q++) {
            int v = members[q];
            for (int p = leaves.outOffsets[v]; p < leaves.outOffsets[v + 1]; p++) {
                int t = leaves.outTargets[p];
                if (module[t] == moduleId) {
                    targets[k] = localIndex[t];
                    linkFlow[k++] = leaves.outFlow[p];
                }
            }
        }
        return FlowNetwork.ofNodes(flow, teleportOut, teleportIn, offsets, targets, linkFlow);
    }

    /** The network whose nodes are the modules: flows summed, links between modules merged. */
    static FlowNetwork aggregate(FlowNetwork level, int[] module, int modules) {
        int n = level.nodeCount;
        double[] flow = new double[modules];
        double[] teleportOut = new double[modules];
        double[] teleportIn = new double[modules];
        int[] start = new int[modules + 1];
        for (int v = 0; v < n; v++) {
            int i = module[v];
            flow[i] += level.nodeFlow[v];
            teleportOut[i] += level.teleportOut[v];
            teleportIn[i] += level.teleportIn[v];
            start[i + 1]++;
        }
        for (int i = 0; i < modules; i++) {
            start[i + 1] += start[i];
        }
        int[] members = new int[n];
        int[] fill = Arrays.copyOf(start, modules);
        for (int v = 0; v < n; v++) {
            members[fill[module[v]]++] = v;
        }
        double[] accumulated = new double[modules];
        int[] touchedStamp = new int[modules];
        Arrays.fill(touchedStamp, -1);
        int[] touched = new int[modules];
        int[] offsets = new int[modules + 1];
        int[] targets = new int[Math.max(16, level.outTargets.length)];
        double[] linkFlow = new double[targets.length];
        int k = 0;
        for (int i = 0; i < modules; i++) {
            int touchedCount = 0;
            for (int q = start[i]; q < start[i + 1]; q++) {
                int v = members[q];
                for (int p = level.outOffsets[v]; p < level.outOffsets[v + 1]; p++) {
                    int j = module[level.outTargets[p]];
                    if (j == i) {
                        continue;
                    }
                    if (touchedStamp[j] != i) {
                        touchedStamp[j] = i;
                        accumulated[j] = 0;
                        touched[touchedCount++] = j;
                    }
                    accumulated[j] += level.outFlow[p];
                }
            }
            Arrays.sort(touched, 0, touchedCount);
            for (int t = 0; t < touchedCount; t++) {
                targets[k] = touched[t];
                linkFlow[k++] = accumulated[touched[t]];
            }
            offsets[i + 1] = k;
        }
        return new FlowNetwork(flow, teleportOut, teleportIn, offsets, Arrays.copyOf(targets, k),
                Arrays.copyOf(linkFlow, k), level.nodeEntropyTerm);
    }

    static int[] identity(int n) {
        int[] ids = new int[n];
        for (int i = 0; i < n; i++) {
            ids[i] = i;
        }
        return ids;
    }

    /** Renumbers module ids to 0..k-1 in order of first appearance; k into count[0]. */
    static int[] compact(int[] module, int[] count) {
        int max = 0;
        for (int m : module) {
            max = Math.max(max, m);
        }
        int[] newId = new int[max + 1];
        Arrays.fill(newId, -1);
        int[] result = new int[module.length];
        int k = 0;
        for (int v = 0; v < module.length; v++) {
            int m = module[v];
            if (newId[m] < 0) {
                newId[m] = k++;
            }
            result[v] = newId[m];
        }
        count[0] = k;
        return result;
    }

    /** Module bookkeeping on one level, with the map equation's sums kept up to date move by move. */
    private final class ModuleState {
        private final FlowNetwork net;
        final int[] module;
        private final int[] leafToLevel;
        private final double[] flow;
        private final double[] teleportOut;
        private final double[] teleportIn;
        private final double[] linkExit;
        private final double[] linkEnter;
        private final int[] size;
        private final double[] nodeOutFlow;
        private final double[] nodeInFlow;
        private final int[] emptyModules;
        private int emptyCount;
        private double sumEnter;
        private double enterTerm;
        private double exitTerm;
        private double moduleTerm;
        // Per-candidate-module flows to and from the node being moved.
        private final double[] flowToModule;
        private final double[] flowFromModule;
        private final int[] candidateStamp;
        private final int[] candidates;
        private final double[] bestSums = new double[4];
        private int stamp;

        ModuleState(FlowNetwork net, int[] initialModule, int[] leafToLevel) {
            this.net = net;
            int n = net.nodeCount;
            this.module = initialModule.clone();
            this.leafToLevel = leafToLevel;
            flow = new double[n];
            teleportOut = new double[n];
            teleportIn = new double[n];
            linkExit = new double[n];
            linkEnter = new double[n];
            size = new int[n];
            nodeOutFlow = new double[n];
            nodeInFlow = new double[n];
            flowToModule = new double[n];
            flowFromModule = new double[n];
            candidateStamp = new int[n];
            candidates = new int[n];
            emptyModules = new int[n];
            for (int v = 0; v < n; v++) {
                int i = module[v];
                flow[i] += net.nodeFlow[v];
                teleportOut[i] += net.teleportOut[v];
                teleportIn[i] += net.teleportIn[v];
                size[i]++;
                for (int p = net.outOffsets[v]; p < net.outOffsets[v + 1]; p++) {
                    nodeOutFlow[v] += net.outFlow[p];
                    int j = module[net.outTargets[p]];
                    if (j != i) {
                        linkExit[i] += net.outFlow[p];
                        linkEnter[j] += net.outFlow[p];
                    }
                }
                for (int p = net.inOffsets[v]; p < net.inOffsets[v + 1]; p++) {
                    nodeInFlow[v] += net.inFlow[p];
                }
            }
            for (int i = n - 1; i >= 0; i--) {
                if (size[i] == 0) {
                    emptyModules[emptyCount++] = i;
                }
            }
            recomputeSums();
        }

        double codelength() {
            return MapEquation.plogp(sumEnter) - enterTerm - exitTerm - net.nodeEntropyTerm + moduleTerm;
        }

        private double exitOf(int i) {
            return MapEquation.exit(teleportOut[i], teleportIn[i], linkExit[i]);
        }

        private double enterOf(int i) {
            return MapEquation.enter(net.totalTeleport, teleportOut[i], teleportIn[i], linkEnter[i]);
        }

        /** The sums from the module values, which also clears rounding drift of the incremental updates. */
        private void recomputeSums() {
            sumEnter = 0;
            enterTerm = 0;
            exitTerm = 0;
            moduleTerm = 0;
            for (int i = 0; i < net.nodeCount; i++) {
                if (size[i] == 0) {
                    continue;
                }
                double enter = enterOf(i);
                double exit = exitOf(i);
                sumEnter += enter;
                enterTerm += MapEquation.plogp(enter);
                exitTerm += MapEquation.plogp(exit);
                moduleTerm += MapEquation.plogp(exit + flow[i]);
            }
        }

        /** Passes of node moves in random order; true when any node moved. */
        boolean optimise() {
            int n = net.nodeCount;
            int[] order = identity(n);
            boolean movedAny = false;
            for (int pass = 0; pass < MAX_PASSES; pass++) {
                for (int i = n - 1; i > 0; i--) {
                    int j = random.nextInt(i + 1);
                    int swap = order[i];
                    order[i] = order[j];
                    order[j] = swap;
                }
                double before = codelength();
                int moves = 0;
                for (int v : order) {
                    if (tryMove(v)) {
                        moves++;
                    }
                }
                recomputeSums();
                if (moves == 0) {
                    break;
                }
                movedAny = true;
                if (before - codelength() < MIN_IMPROVEMENT) {
                    break;
                }
            }
            return movedAny;
        }

        /** Moves v to the best neighbouring (or an empty) module if that shortens the code. */
        private boolean tryMove(int v) {
            stamp++;
            int candidateCount = 0;
            for (int p = net.outOffsets[v]; p < net.outOffsets[v + 1]; p++) {
                int j = module[net.outTargets[p]];
                if (candidateStamp[j] != stamp) {
                    candidateStamp[j] = stamp;
                    flowToModule[j] = 0;
                    flowFromModule[j] = 0;
                    candidates[candidateCount++] = j;
                }
                flowToModule[j] += net.outFlow[p];
            }
            for (int p = net.inOffsets[v]; p < net.inOffsets[v + 1]; p++) {
                int j = module[net.inSources[p]];
                if (candidateStamp[j] != stamp) {
                    candidateStamp[j] = stamp;
                    flowToModule[j] = 0;
                    flowFromModule[j] = 0;
                    candidates[candidateCount++] = j;
                }
                flowFromModule[j] += net.inFlow[p];
            }
            int i = module[v];
            double toOwn = candidateStamp[i] == stamp ? flowToModule[i] : 0;
            double fromOwn = candidateStamp[i] == stamp ? flowFromModule[i] : 0;
            double pv = net.nodeFlow[v];
            double tv = net.teleportOut[v];
            double uv = net.teleportIn[v];
            double outV = nodeOutFlow[v];
            double inV = nodeInFlow[v];

            // Module i without v.
            double flowI = flow[i] - pv;
            double teleportOutI = teleportOut[i] - tv;
            double teleportInI = teleportIn[i] - uv;
            double linkExitI = linkExit[i] - (outV - toOwn) + fromOwn;
            double linkEnterI = linkEnter[i] - (inV - fromOwn) + toOwn;
            double oldExitI = exitOf(i);
            double oldEnterI = enterOf(i);
            double newExitI = MapEquation.exit(teleportOutI, teleportInI, linkExitI);
            double newEnterI = MapEquation.enter(net.totalTeleport, teleportOutI, teleportInI, linkEnterI);
            double baseSumEnter = sumEnter - oldEnterI + newEnterI;
            double baseEnterTerm = enterTerm - MapEquation.plogp(oldEnterI) + MapEquation.plogp(newEnterI);
            double baseExitTerm = exitTerm - MapEquation.plogp(oldExitI) + MapEquation.plogp(newExitI);
            double baseModuleTerm = moduleTerm - MapEquation.plogp(oldExitI + flow[i])
                    + MapEquation.plogp(newExitI + flowI);

            double current = codelength();
            double best = current;
            int bestModule = -1;
            int emptyCandidate = size[i] > 1 && emptyCount > 0 ? emptyModules[emptyCount - 1] : -1;
            for (int c = 0; c <= candidateCount; c++) {
                int j = c < candidateCount ? candidates[c] : emptyCandidate;
                if (j < 0 || j == i) {
                    continue;
                }
                double toJ = c < candidateCount ? flowToModule[j] : 0;
                double fromJ = c < candidateCount ? flowFromModule[j] : 0;
                double oldExitJ = size[j] == 0 ? 0 : exitOf(j);
                double oldEnterJ = size[j] == 0 ? 0 : enterOf(j);
                double teleportOutJ = teleportOut[j] + tv;
                double teleportInJ = teleportIn[j] + uv;
                double newExitJ = MapEquation.exit(teleportOutJ, teleportInJ, linkExit[j] + (outV - toJ) - fromJ);
                double newEnterJ = MapEquation.enter(net.totalTeleport, teleportOutJ, teleportInJ,
                        linkEnter[j] + (inV - fromJ) - toJ);
                double s = baseSumEnter - oldEnterJ + newEnterJ;
                double e = baseEnterTerm - MapEquation.plogp(oldEnterJ) + MapEquation.plogp(newEnterJ);
                double x = baseExitTerm - MapEquation.plogp(oldExitJ) + MapEquation.plogp(newExitJ);
                double m = baseModuleTerm - MapEquation.plogp(oldExitJ + flow[j])
                        + MapEquation.plogp(newExitJ + flow[j] + pv);
                double length = MapEquation.plogp(s) - e - x - net.nodeEntropyTerm + m;
                if (length < best - MIN_IMPROVEMENT) {
                    best = length;
                    bestModule = j;
                    bestSums[0] = s;
                    bestSums[1] = e;
                    bestSums[2] = x;
                    bestSums[3] = m;
                }
            }
            if (bestModule < 0) {
                return false;
            }
            int j = bestModule;
            double toJ = candidateStamp[j] == stamp ? flowToModule[j] : 0;
            double fromJ = candidateStamp[j] == stamp ? flowFromModule[j] : 0;
            if (size[j] == 0) {
                emptyCount--; // j is the empty module on top of the stack
            }
            flow[i] = flowI;
            teleportOut[i] = teleportOutI;
            teleportIn[i] = teleportInI;
            linkExit[i] = linkExitI;
            linkEnter[i] = linkEnterI;
            size[i]--;
            if (size[i] == 0) {
                emptyModules[emptyCount++] = i;
            }
            flow[j] += pv;
            teleportOut[j] += tv;
            teleportIn[j] += uv;
            linkExit[j] += (outV - toJ) - fromJ;
            linkEnter[j] += (inV - fromJ) - toJ;
            size[j]++;
            module[v] = j;
            sumEnter = bestSums[0];
            enterTerm = bestSums[1];
            exitTerm = bestSums[2];
            moduleTerm = bestSums[3];
            if (leafToLevel != null) {
                int[] leafModules = new int[leafToLevel.length];
                for (int leaf = 0; leaf < leafModules.length; leaf++) {
                    leafModules[leaf] = module[leafToLevel[leaf]];
                }
                observer.afterMove(codelength(), leafModules);
            }
            return true;
        }
    }
}
