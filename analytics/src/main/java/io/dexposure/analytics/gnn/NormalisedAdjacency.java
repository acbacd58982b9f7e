package io.dexposure.analytics.gnn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import io.dexposure.analytics.week.NetworkWeek;

import java.util.Arrays;

/**
 * GCN propagation matrix of a week, D^-1/2 (A + I) D^-1/2, as COO arrays: A is the exposure network made
 * undirected (i -> j and j -> i both connect i and j; exposure matters to both ends), unweighted, self
 * loops added once. Message passing is a sparse matmul with it (DJL has no scatter_add).
 */
public final class NormalisedAdjacency {
    private final int nodes;
    private final long[] rows;
    private final long[] cols;
    private final float[] values;

    NormalisedAdjacency(int nodes, long[] rows, long[] cols, float[] values) {
        this.nodes = nodes;
        this.rows = rows;
        this.cols = cols;
        this.values = values;
    }

    public static NormalisedAdjacency of(NetworkWeek week) {
        return of(week.nodeCount(), week.linkSources, week.linkTargets);
    }

    /** From directed links; parallel links and both directions of a pair count once. */
    public static NormalisedAdjacency of(int n, int[] sources, int[] targets) {
        long[] keys = new long[2 * sources.length + n];
        int k = 0;
        for (int e = 0; e < sources.length; e++) {
            int s = sources[e];
            int t = targets[e];
            if (s != t) {
                keys[k++] = (long) s * n + t;
                keys[k++] = (long) t * n + s;
            }
        }
        for (int i = 0; i < n; i++) {
            keys[k++] = (long) i * n + i;
        }
        long[] sorted = Arrays.copyOf(keys, k);
        Arrays.sort(sorted);
        int unique = 0;
        for (int i = 0; i < sorted.length; i++) {
            if (i == 0 || sorted[i] != sorted[i - 1]) {
                sorted[unique++] = sorted[i];
            }
        }
        double[] degree = new double[n];
        long[] rows = new long[unique];
        long[] cols = new long[unique];
        for (int i = 0; i < unique; i++) {
            rows[i] = sorted[i] / n;
            cols[i] = sorted[i] % n;
            degree[(int) rows[i]]++;
        }
        float[] values = new float[unique];
        for (int i = 0; i < unique; i++) {
            values[i] = (float) (1.0 / Math.sqrt(degree[(int) rows[i]] * degree[(int) cols[i]]));
        }
        return new NormalisedAdjacency(n, rows, cols, values);
    }

    public int nodeCount() {
        return nodes;
    }

    public int nonZeros() {
        return values.length;
    }

    /**
     * The matrix as a sparse COO NDArray in {@code manager}. Not {@code NDManager.createCoo}: that closes its
     * index and value arrays at once, and the sparse tensor, which shares their memory (direct buffers
     * owned by those arrays), then reads freed memory after the next GC. Here both stay open, in the
     * same manager, as long as the sparse tensor.
     */
    public NDArray toSparse(NDManager manager) {
        return sparse(manager, rows, cols, values, new Shape(nodes, nodes));
    }

    /**
     * A sparse COO matrix of {@code shape} with {@code values[k]} at (rows[k], cols[k]), its index and value
     * arrays kept open in {@code manager} (see {@link #toSparse}). Constant: no gradient reaches the values.
     */
    public static NDArray sparse(NDManager manager, long[] rows, long[] cols, float[] values, Shape shape) {
        NDArray indices = manager.create(new long[][] {rows, cols});
        NDArray data = manager.create(values);
        return JniUtils.createSparseCoo((PtNDArray) indices, (PtNDArray) data, shape);
    }

    /** Row (receiving node) of each non-zero, self-loops included; row-major order. */
    public long[] rows() {
        return rows.clone();
    }

    /** Column (sending node) of each non-zero, in the order of {@link #rows()}. */
    public long[] columns() {
        return cols.clone();
    }

    /** The same matrix dense (tests). */
    public float[] toDense() {
        float[] dense = new float[nodes * nodes];
        for (int i = 0; i < values.length; i++) {
            dense[(int) rows[i] * nodes + (int) cols[i]] = values[i];
        }
        return dense;
    }
}
