package io.dexposure.analytics.gnn;

import ai.djl.ndarray.NDArray;

/**
 * Row selection for training graphs on CPU. {@code matrix.get(new NDIndex("{}", indices))} and
 * {@code Rows.of(matrix, indices)} give the same rows, but PyTorch's backward of advanced indexing is an
 * accumulating index_put, which took about 80 % of a real-scale ROLAND fine-tuning epoch; gather's backward
 * (scatter_add) costs a fraction of that.
 */
public final class Rows {
    private Rows() {
    }

    /** The rows of a 2-D {@code matrix} at {@code indices} (1-D, int64), in that order. */
    public static NDArray of(NDArray matrix, NDArray indices) {
        long width = matrix.getShape().get(1);
        return matrix.gather(indices.reshape(-1, 1).repeat(1, width), 0);
    }
}
