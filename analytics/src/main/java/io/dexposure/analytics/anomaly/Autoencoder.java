package io.dexposure.analytics.anomaly;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.dexposure.analytics.gnn.GnnEngine;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Random;

/**
 * The autoencoder detector: a small MLP (d -> hidden -> bottleneck -> hidden -> d, tanh, linear bottleneck and
 * output) trained to reproduce the robustly scaled feature rows of a rolling window of weeks, scoring each row
 * of the week by its squared reconstruction error. A node unlike the weeks' usual nodes reconstructs badly.
 * DJL with the PyTorch engine as ROLAND uses it ({@link GnnEngine}: offline, fixed thread count), full-batch
 * Adam written out on float arrays as ROLAND's is, weights started from a seeded Glorot-uniform draw: the same
 * rows and seed give the same scores. Not thread-safe; keeps only the window's rows as state.
 */
public final class Autoencoder {
    /**
     * @param windowWeeks  weeks whose rows train the model, this week included (default 8)
     * @param hidden       units of the two hidden layers (default 8)
     * @param bottleneck   units of the code layer (default 3)
     * @param epochs       full-batch Adam steps per week (default 300)
     * @param learningRate Adam step (default 0.01)
     * @param seed         weight initialisation (default 17)
     */
    public record Settings(int windowWeeks, int hidden, int bottleneck, int epochs, double learningRate, long seed) {
        public Settings {
            if (windowWeeks < 1 || hidden < 1 || bottleneck < 1 || epochs < 0 || !(learningRate > 0)) {
                throw new IllegalArgumentException("autoencoder settings: window " + windowWeeks + ", hidden " + hidden
                        + ", bottleneck " + bottleneck + ", epochs " + epochs + ", learning rate " + learningRate
                        + " (need window, hidden, bottleneck >= 1, epochs >= 0, learning rate > 0)");
            }
        }

        public static Settings defaults() {
            return new Settings(8, 8, 3, 300, 0.01, 17);
        }
    }

    private static final int PARAMETERS = 8;
    private final Settings settings;
    private final Deque<double[][]> window = new ArrayDeque<>();
    private double lastLoss = Double.NaN;

    public Autoencoder(Settings settings) {
        this.settings = settings;
    }

    /** Mean squared reconstruction error over the training rows after the last week's training. */
    public double lastLoss() {
        return lastLoss;
    }

    /**
     * Adds the week's scaled rows to the window (dropping the oldest week beyond it), retrains from the seed on the
     * window and returns each of the week's rows' squared reconstruction error.
     */
    public double[] next(double[][] scaledRows) {
        if (scaledRows.length == 0) {
            return new double[0];
        }
        if (!window.isEmpty() && window.peekLast()[0].length != scaledRows[0].length) {
            throw new IllegalArgumentException("autoencoder: rows of " + scaledRows[0].length + " features after weeks of "
                    + window.peekLast()[0].length);
        }
        window.addLast(scaledRows);
        while (window.size() > settings.windowWeeks()) {
            window.removeFirst();
        }
        int rows = window.stream().mapToInt(w -> w.length).sum();
        double[][] train = new double[rows][];
        int r = 0;
        for (double[][] week : window) {
            for (double[] row : week) {
                train[r++] = row;
            }
        }
        return fitAndScore(train, scaledRows);
    }

    /** Trains from the seed on {@code train} and scores {@code score}'s rows. */
    public double[] fitAndScore(double[][] train, double[][] score) {
        int d = train[0].length;
        int h = settings.hidden();
        int b = settings.bottleneck();
        int[][] shapes = {{d, h}, {h}, {h, b}, {b}, {b, h}, {h}, {h, d}, {d}};
        float[][] w = new float[PARAMETERS][];
        Random random = new Random(settings.seed());
        for (int p = 0; p < PARAMETERS; p++) {
            int size = shapes[p].length == 1 ? shapes[p][0] : shapes[p][0] * shapes[p][1];
            w[p] = new float[size];
            if (shapes[p].length == 2) {
                double limit = Math.sqrt(6.0 / (shapes[p][0] + shapes[p][1]));
                for (int k = 0; k < size; k++) {
                    w[p][k] = (float) ((2 * random.nextDouble() - 1) * limit);
                }
            }
        }
        float[][] m1 = new float[PARAMETERS][];
        float[][] m2 = new float[PARAMETERS][];
        for (int p = 0; p < PARAMETERS; p++) {
            m1[p] = new float[w[p].length];
            m2[p] = new float[w[p].length];
        }
        Engine engine = GnnEngine.load(1);
        try (NDManager manager = engine.newBaseManager()) {
            NDArray x = manager.create(flat(train), new Shape(train.length, d));
            double beta1 = 0.9;
            double beta2 = 0.999;
            for (int epoch = 1; epoch <= settings.epochs(); epoch++) {
                float[][] gradients = new float[PARAMETERS][];
                try (NDManager e = manager.newSubManager()) {
                    NDArray[] p = arrays(e, w, shapes, true);
                    try (GradientCollector collector = engine.newGradientCollector()) {
                        NDArray loss = forward(p, x).sub(x).square().mean();
                        lastLoss = loss.getFloat();
                        collector.backward(loss);
                    }
                    for (int k = 0; k < PARAMETERS; k++) {
                        gradients[k] = p[k].getGradient().toFloatArray();
                    }
                }
                double c1 = 1 - Math.pow(beta1, epoch);
                double c2 = 1 - Math.pow(beta2, epoch);
                for (int k = 0; k < PARAMETERS; k++) {
                    for (int j = 0; j < w[k].length; j++) {
                        double g = gradients[k][j];
                        m1[k][j] = (float) (beta1 * m1[k][j] + (1 - beta1) * g);
                        m2[k][j] = (float) (beta2 * m2[k][j] + (1 - beta2) * g * g);
                        w[k][j] -= (float) (settings.learningRate() * (m1[k][j] / c1) / (Math.sqrt(m2[k][j] / c2) + 1e-8));
                    }
                }
            }
            NDArray s = manager.create(flat(score), new Shape(score.length, d));
            float[] err = forward(arrays(manager, w, shapes, false), s).sub(s).square().sum(new int[]{1}).toFloatArray();
            double[] out = new double[err.length];
            for (int i = 0; i < err.length; i++) {
                out[i] = err[i];
            }
            return out;
        }
    }

    private static NDArray forward(NDArray[] p, NDArray x) {
        NDArray h1 = x.matMul(p[0]).add(p[1]).tanh();
        NDArray code = h1.matMul(p[2]).add(p[3]);
        NDArray h2 = code.matMul(p[4]).add(p[5]).tanh();
        return h2.matMul(p[6]).add(p[7]);
    }

    private static NDArray[] arrays(NDManager m, float[][] w, int[][] shapes, boolean gradient) {
        NDArray[] p = new NDArray[PARAMETERS];
        for (int k = 0; k < PARAMETERS; k++) {
            p[k] = m.create(w[k], shapes[k].length == 1 ? new Shape(shapes[k][0]) : new Shape(shapes[k][0], shapes[k][1]));
            if (gradient) {
                p[k].setRequiresGradient(true);
            }
        }
        return p;
    }

    private static float[] flat(double[][] rows) {
        int d = rows[0].length;
        float[] out = new float[rows.length * d];
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < d; j++) {
                out[i * d + j] = (float) rows[i][j];
            }
        }
        return out;
    }
}
