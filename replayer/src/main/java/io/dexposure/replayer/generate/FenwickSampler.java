package io.dexposure.replayer.generate;

/**
 * Draws an index with probability proportional to its weight, with weights that change as links are
 * added (preferential attachment): a Fenwick tree gives O(log n) updates and draws, where a cumulative
 * array would need an O(n) rebuild after every link.
 */
final class FenwickSampler {
    private final int size;
    private final double[] tree;
    private final double[] weights;
    private final int topStep;
    private double total;

    FenwickSampler(double[] initialWeights, int size) {
        this.size = size;
        this.tree = new double[size + 1];
        this.weights = new double[size];
        for (int i = 0; i < size; i++) {
            weights[i] = Math.max(0, initialWeights[i]);
        }
        this.topStep = size == 0 ? 0 : Integer.highestOneBit(size);
        rebuildTree();
    }

    /** O(n) build from the weights; also clears the rounding drift of many {@link #set} calls. */
    private void rebuildTree() {
        java.util.Arrays.fill(tree, 0);
        total = 0;
        for (int i = 0; i < size; i++) {
            tree[i + 1] += weights[i];
            int parent = (i + 1) + ((i + 1) & -(i + 1));
            if (parent <= size) {
                tree[parent] += tree[i + 1];
            }
            total += weights[i];
        }
    }

    double weight(int index) {
        return weights[index];
    }

    void set(int index, double weight) {
        double w = Math.max(0, weight);
        double delta = w - weights[index];
        if (delta == 0) {
            return;
        }
        weights[index] = w;
        total += delta;
        for (int j = index + 1; j <= size; j += j & -j) {
            tree[j] += delta;
        }
    }

    /** An index with weight &gt; 0, or -1 when every weight is 0. */
    int sample(SplitMix64Random random) {
        int found = draw(random);
        if (found < 0 && total > 0) {
            // Only rounding dust was left where the draws landed: rebuild exactly and try again.
            rebuildTree();
            found = draw(random);
        }
        return found;
    }

    private int draw(SplitMix64Random random) {
        for (int attempt = 0; attempt < 4 && total > 0; attempt++) {
            double u = random.nextDouble() * total;
            int pos = 0;
            for (int step = topStep; step > 0; step >>= 1) {
                int next = pos + step;
                if (next <= size && tree[next] <= u) {
                    pos = next;
                    u -= tree[next];
                }
            }
            if (pos < size && weights[pos] > 0) {
                return pos;
            }
        }
        return -1;
    }
}
