package io.dexposure.analytics.roland;

import io.dexposure.analytics.gnn.Adam;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * ROLAND's parameters and their Adam moments as plain float arrays (what Flink state keeps, as bytes
 * from {@link #toBytes}); NDArrays are made from them per week and thrown away. Layout, in order:
 * preprocess 1 and 2 (weight, bias), GCN 1 (weight, bias), GRU 1 (input weight, state weight, input bias,
 * state bias), GCN 2, GRU 2, decoder (weight, bias; the weight has H2 rows for the Hadamard product then
 * {@link PairFeatures#COUNT} for the pair features). Weights are (rows x cols), row-major.
 */
public final class RolandParameters {
    public static final int PRE1_W = 0, PRE1_B = 1, PRE2_W = 2, PRE2_B = 3, GCN1_W = 4, GCN1_B = 5,
            GRU1_IW = 6, GRU1_SW = 7, GRU1_IB = 8, GRU1_SB = 9, GCN2_W = 10, GCN2_B = 11,
            GRU2_IW = 12, GRU2_SW = 13, GRU2_IB = 14, GRU2_SB = 15, DEC_W = 16, DEC_B = 17;
    public static final int COUNT = 18;
    private static final int FORMAT = 1;

    /** Rows and columns of each parameter (a bias has 1 row). */
    final int[][] shapes;
    final float[][] values;
    final float[][] firstMoments;
    final float[][] secondMoments;
    long adamSteps;

    private RolandParameters(int[][] shapes, float[][] values, float[][] m, float[][] v, long steps) {
        this.shapes = shapes;
        this.values = values;
        this.firstMoments = m;
        this.secondMoments = v;
        this.adamSteps = steps;
    }

    static int[][] shapes(int features, int[] pre, int[] gnn) {
        int p1 = pre[0], p2 = pre[1], g1 = gnn[0], g2 = gnn[1];
        return new int[][] {
                {features, p1}, {1, p1}, {p1, p2}, {1, p2},
                {p2, g1}, {1, g1}, {g1, 3 * g1}, {g1, 3 * g1}, {1, 3 * g1}, {1, 3 * g1},
                {g1, g2}, {1, g2}, {g2, 3 * g2}, {g2, 3 * g2}, {1, 3 * g2}, {1, 3 * g2},
                {g2 + PairFeatures.COUNT, 1}, {1, 1}};
    }

    /** Seeded initialisation: Glorot-uniform weights, GRU weights uniform in ±1/sqrt(H) (PyTorch), zero biases. */
    public static RolandParameters initialise(RolandSettings settings, int features) {
        int[][] shapes = shapes(features, settings.preprocessSizes, settings.gnnSizes);
        SplittableRandom random = new SplittableRandom(settings.seed);
        float[][] values = new float[COUNT][];
        for (int p = 0; p < COUNT; p++) {
            int rows = shapes[p][0];
            int cols = shapes[p][1];
            values[p] = new float[rows * cols];
            boolean bias = rows == 1 && p != DEC_W;
            if (bias) {
                continue;
            }
            double limit;
            if (p == GRU1_IW || p == GRU1_SW || p == GRU2_IW || p == GRU2_SW) {
                limit = 1 / Math.sqrt(cols / 3.0);
            } else {
                limit = Math.sqrt(6.0 / (rows + cols));
            }
            for (int i = 0; i < values[p].length; i++) {
                values[p][i] = (float) ((random.nextDouble() * 2 - 1) * limit);
            }
        }
        return new RolandParameters(shapes, values, zerosLike(values), zerosLike(values), 0);
    }

    private static float[][] zerosLike(float[][] values) {
        float[][] z = new float[values.length][];
        for (int i = 0; i < values.length; i++) {
            z[i] = new float[values[i].length];
        }
        return z;
    }

    public int featureCount() {
        return shapes[PRE1_W][0];
    }

    public int hidden1() {
        return shapes[GCN1_W][1];
    }

    public int hidden2() {
        return shapes[GCN2_W][1];
    }

    public float[] values(int parameter) {
        return values[parameter];
    }

    public long adamSteps() {
        return adamSteps;
    }

    /** A deep copy of the values only (early stopping keeps the best ones). */
    float[][] copyValues() {
        float[][] copy = new float[COUNT][];
        for (int p = 0; p < COUNT; p++) {
            copy[p] = values[p].clone();
        }
        return copy;
    }

    void restoreValues(float[][] saved) {
        for (int p = 0; p < COUNT; p++) {
            System.arraycopy(saved[p], 0, values[p], 0, values[p].length);
        }
    }

    /** One Adam step (bias-corrected, as PyTorch's Adam without weight decay); gradients per parameter. */
    void adamStep(float[][] gradients, double learningRate) {
        adamSteps++;
        for (int p = 0; p < COUNT; p++) {
            Adam.update(values[p], firstMoments[p], secondMoments[p], gradients[p], adamSteps, learningRate);
        }
    }

    public byte[] toBytes() {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeInt(FORMAT);
            out.writeInt(COUNT);
            out.writeLong(adamSteps);
            for (int p = 0; p < COUNT; p++) {
                out.writeInt(shapes[p][0]);
                out.writeInt(shapes[p][1]);
                for (float[][] array : new float[][][] {values, firstMoments, secondMoments}) {
                    for (float f : array[p]) {
                        out.writeFloat(f);
                    }
                }
            }
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static RolandParameters fromBytes(byte[] data) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            int format = in.readInt();
            int count = in.readInt();
            if (format != FORMAT || count != COUNT) {
                throw new IllegalArgumentException("unknown ROLAND parameter format " + format + "/" + count);
            }
            long steps = in.readLong();
            int[][] shapes = new int[COUNT][];
            float[][] values = new float[COUNT][];
            float[][] m = new float[COUNT][];
            float[][] v = new float[COUNT][];
            for (int p = 0; p < COUNT; p++) {
                shapes[p] = new int[] {in.readInt(), in.readInt()};
                int size = shapes[p][0] * shapes[p][1];
                for (float[][] array : new float[][][] {values, m, v}) {
                    array[p] = new float[size];
                    for (int i = 0; i < size; i++) {
                        array[p][i] = in.readFloat();
                    }
                }
            }
            return new RolandParameters(shapes, values, m, v, steps);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** True when the stored parameters fit these settings (else the model starts afresh). */
    public boolean fits(RolandSettings settings, int features) {
        return Arrays.deepEquals(shapes, shapes(features, settings.preprocessSizes, settings.gnnSizes));
    }
}
