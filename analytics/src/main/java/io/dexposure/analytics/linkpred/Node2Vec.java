package io.dexposure.analytics.linkpred;

import io.dexposure.analytics.week.NetworkWeek;

import java.util.SplittableRandom;

/**
 * node2vec (Grover and Leskovec 2016) on a week's network made undirected: second-order biased walks
 * (return parameter p, in-out parameter q, by rejection sampling), then skip-gram with negative sampling
 * (negatives drawn from the unigram^0.75 distribution, linearly decaying learning rate). Seeded.
 */
public final class Node2Vec {
    /** The knobs, with the defaults the compare command uses. */
    public record Settings(int dimensions, int walksPerNode, int walkLength, int window, int negatives, double p, double q,
                           double learningRate, long seed) {
        public static Settings defaults(long seed) {
            return new Settings(32, 5, 20, 4, 5, 1.0, 1.0, 0.025, seed);
        }
    }

    private Node2Vec() {
    }

    /** One embedding row per node of the week. */
    public static float[][] embed(NetworkWeek week, Settings s) {
        int n = week.nodeCount();
        int[][] adjacency = NeighbourhoodScorer.undirectedNeighbours(week);
        SplittableRandom random = new SplittableRandom(s.seed());
        int[][] walks = new int[n * s.walksPerNode()][];
        int w = 0;
        for (int r = 0; r < s.walksPerNode(); r++) {
            for (int start = 0; start < n; start++) {
                walks[w++] = walk(adjacency, start, s, random);
            }
        }
        // Unigram^0.75 table for negatives.
        double[] weight = new double[n];
        double total = 0;
        for (int i = 0; i < n; i++) {
            weight[i] = Math.pow(adjacency[i].length + 1, 0.75);
            total += weight[i];
        }
        int[] table = new int[Math.max(n * 10, 1000)];
        double cumulative = 0;
        int node = 0;
        for (int i = 0; i < table.length; i++) {
            while (node < n - 1 && (cumulative + weight[node]) / total < (i + 0.5) / table.length) {
                cumulative += weight[node];
                node++;
            }
            table[i] = node;
        }
        int d = s.dimensions();
        float[][] in = new float[n][d];
        float[][] out = new float[n][d];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < d; k++) {
                in[i][k] = (float) ((random.nextDouble() - 0.5) / d);
            }
        }
        long steps = 0;
        long totalSteps = (long) walks.length * s.walkLength();
        float[] gradient = new float[d];
        for (int[] walk : walks) {
            for (int c = 0; c < walk.length; c++) {
                double lr = Math.max(s.learningRate() * 1e-4, s.learningRate() * (1 - steps++ / (double) totalSteps));
                int centre = walk[c];
                for (int o = Math.max(0, c - s.window()); o <= Math.min(walk.length - 1, c + s.window()); o++) {
                    if (o == c) {
                        continue;
                    }
                    java.util.Arrays.fill(gradient, 0f);
                    for (int neg = 0; neg <= s.negatives(); neg++) {
                        int target = neg == 0 ? walk[o] : table[random.nextInt(table.length)];
                        if (neg > 0 && target == walk[o]) {
                            continue;
                        }
                        double dot = 0;
                        for (int k = 0; k < d; k++) {
                            dot += in[centre][k] * out[target][k];
                        }
                        double g = ((neg == 0 ? 1 : 0) - 1 / (1 + Math.exp(-dot))) * lr;
                        for (int k = 0; k < d; k++) {
                            gradient[k] += (float) (g * out[target][k]);
                            out[target][k] += (float) (g * in[centre][k]);
                        }
                    }
                    for (int k = 0; k < d; k++) {
                        in[centre][k] += gradient[k];
                    }
                }
            }
        }
        return in;
    }

    private static int[] walk(int[][] adjacency, int start, Settings s, SplittableRandom random) {
        int[] walk = new int[s.walkLength()];
        walk[0] = start;
        int length = 1;
        double maxWeight = Math.max(1, Math.max(1 / s.p(), 1 / s.q()));
        while (length < walk.length) {
            int current = walk[length - 1];
            int[] next = adjacency[current];
            if (next.length == 0) {
                break;
            }
            if (length == 1) {
                walk[length++] = next[random.nextInt(next.length)];
                continue;
            }
            int previous = walk[length - 2];
            while (true) {
                int x = next[random.nextInt(next.length)];
                double weight = x == previous ? 1 / s.p()
                        : java.util.Arrays.binarySearch(adjacency[previous], x) >= 0 ? 1 : 1 / s.q();
                if (random.nextDouble() * maxWeight < weight) {
                    walk[length++] = x;
                    break;
                }
            }
        }
        return java.util.Arrays.copyOf(walk, length);
    }
}
