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
 * rows and seed give the same scores. Not thread-safe.
 *
 * <p>Streaming keeps it cheap in two ways (retraining from the seed on every row of 8 real-scale weeks took
 * seconds a week): the window keeps a seeded sample of each week's rows ({@code sampleRows}), and after the
 * first week the model is warm-started from last week's weights for {@code warmEpochs} epochs (Adam's moments
 * start afresh each week). Its whole state, the window's rows and the weights, is a {@link State} that the
 * streaming operator keeps in Flink state; the same state and week give the same scores.
 */
public final class Autoencoder {
    /**
     * @param windowWeeks  weeks whose rows train the model, this week included (default 8)
     * @param hidden       units of the two hidden layers (default 8)
     * @param bottleneck   units of the code layer (default 3)
     * @param epochs       full-batch Adam steps when training from the seed (the first week, or every week when
     *                     warmEpochs is 0) (default 300)
     * @param learningRate Adam step (default 0.01)
     * @param seed         weight initialisation and the rows' samples (default 17)
     * @param sampleRows   rows of each week kept in the window, a seeded sample when the week has more; 0 = all
     *                     (default 256: 2,048 training rows in a full window whatever the weeks' sizes)
     * @param warmEpochs   epochs a week when continuing from last week's weights; 0 = retrain from the seed every
     *                     week (default 30: on the shipped sample the same planted-outlier and crisis ranks as
     *                     retraining, at a tenth of the cost, docs/analyses.md)
     */
    public record Settings(int windowWeeks, int hidden, int bottleneck, int epochs, double learningRate, long seed,
                           int sampleRows, int warmEpochs) {
        public Settings {
            if (windowWeeks < 1 || hidden < 1 || bottleneck < 1 || epochs < 0 || !(learningRate > 0) || sampleRows < 0
                    || warmEpochs < 0) {
                throw new IllegalArgumentException("autoencoder settings: window " + windowWeeks + ", hidden " + hidden
                        + ", bottleneck " + bottleneck + ", epochs " + epochs + ", learning rate " + learningRate
                        + ", sample rows " + sampleRows + ", warm epochs " + warmEpochs
                        + " (need window, hidden, bottleneck >= 1, epochs, sample rows, warm epochs >= 0, learning rate > 0)");
            }
        }

        /** Retrained from the seed on every row of the window each week: the reference the streaming defaults approximate. */
        public Settings(int windowWeeks, int hidden, int bottleneck, int epochs, double learningRate, long seed) {
            this(windowWeeks, hidden, bottleneck, epochs, learningRate, seed, 0, 0);
        }

        public static Settings defaults() {
            return new Settings(8, 8, 3, 300, 0.01, 17, 256, 30);
        }

        public Settings withWindow(int weeks) {
            return new Settings(weeks, hidden, bottleneck, epochs, learningRate, seed, sampleRows, warmEpochs);
        }

        public Settings withSeed(long s) {
            return new Settings(windowWeeks, hidden, bottleneck, epochs, learningRate, s, sampleRows, warmEpochs);
        }
    }

    /**
     * Everything the model carries from week to week, flat for Flink's POJO serializer: the window's rows (week
     * by week, {@code weekRows[w]} rows of {@code features} values each, oldest first) and the weights after the
     * last week (null before the first, or when every week retrains from the seed).
     */
    public static class State {
        public int features;
        public int[] weekRows;
        public double[] rows;
        public float[] weights;

        public State() {
        }
    }

    private static final int PARAMETERS = 8;
    private final Settings settings;
    private final Deque<double[][]> window = new ArrayDeque<>();
    private float[][] weights;
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
        window.addLast(sample(scaledRows));
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
        if (settings.warmEpochs() > 0 && weights != null && weights[0].length == train[0].length * settings.hidden()) {
            return fitAndScore(train, scaledRows, weights, settings.warmEpochs());
        }
        return fitAndScore(train, scaledRows);
    }

    /** The week's rows the window keeps: all, or a seeded sample of {@code sampleRows} in their order. */
    private double[][] sample(double[][] rows) {
        int keep = settings.sampleRows();
        if (keep == 0 || rows.length <= keep) {
            return rows;
        }
        // Seeded by the week's size, so a restored model samples the week as the uninterrupted one did.
        return ClusterScores.sampleRows(rows, keep, settings.seed() * 31 + rows.length);
    }

    /** What the model carries to next week (see {@link State}). */
    public State state() {
        State s = new State();
        s.features = window.isEmpty() ? 0 : window.peekLast()[0].length;
        s.weekRows = window.stream().mapToInt(w -> w.length).toArray();
        s.rows = new double[java.util.Arrays.stream(s.weekRows).sum() * s.features];
        int k = 0;
        for (double[][] week : window) {
            for (double[] row : week) {
                System.arraycopy(row, 0, s.rows, k, s.features);
                k += s.features;
            }
        }
        if (weights != null) {
            int size = 0;
            for (float[] w : weights) {
                size += w.length;
            }
            s.weights = new float[size];
            int p = 0;
            for (float[] w : weights) {
                System.arraycopy(w, 0, s.weights, p, w.length);
                p += w.length;
            }
        }
        return s;
    }

    /** Continues from a state taken by {@link #state()} (null: from scratch). */
    public void restore(State s) {
        window.clear();
        weights = null;
        if (s == null) {
            return;
        }
        int k = 0;
        for (int n : s.weekRows) {
            double[][] week = new double[n][];
            for (int i = 0; i < n; i++) {
                week[i] = java.util.Arrays.copyOfRange(s.rows, k, k + s.features);
                k += s.features;
            }
            window.addLast(week);
        }
        if (s.weights != null) {
            int[][] shapes = shapes(s.features);
            weights = new float[PARAMETERS][];
            int p = 0;
            for (int i = 0; i < PARAMETERS; i++) {
                int size = size(shapes[i]);
                weights[i] = java.util.Arrays.copyOfRange(s.weights, p, p + size);
                p += size;
            }
        }
    }

    private int[][] shapes(int d) {
        int h = settings.hidden();
        int b = settings.bottleneck();
        return new int[][]{{d, h}, {h}, {h, b}, {b}, {b, h}, {h}, {h, d}, {d}};
    }

    private static int size(int[] shape) {
        return shape.length == 1 ? shape[0] : shape[0] * shape[1];
    }

    /** Trains from the seed on {@code train} and scores {@code score}'s rows. */
    public double[] fitAndScore(double[][] train, double[][] score) {
        int[][] shapes = shapes(train[0].length);
        float[][] w = new float[PARAMETERS][];
        Random random = new Random(settings.seed());
        for (int p = 0; p < PARAMETERS; p++) {
            int size = size(shapes[p]);
            w[p] = new float[size];
            if (shapes[p].length == 2) {
                double limit = Math.sqrt(6.0 / (shapes[p][0] + shapes[p][1]));
                for (int k = 0; k < size; k++) {
                    w[p][k] = (float) ((2 * random.nextDouble() - 1) * limit);
                }
            }
        }
        return fitAndScore(train, score, w, settings.epochs());
    }

    /** Trains {@code start} (copied) for {@code epochs} on {@code train}, keeps the result and scores {@code score}'s rows. */
    private double[] fitAndScore(double[][] train, double[][] score, float[][] start, int epochs) {
        int d = train[0].length;
        int[][] shapes = shapes(d);
        float[][] w = new float[PARAMETERS][];
        for (int p = 0; p < PARAMETERS; p++) {
            w[p] = start[p].clone();
        }
        float[][] m1 = new float[PARAMETERS][];
        float[][] m2 = new float[PARAMETERS][];
        for (int p = 0; p < PARAMETERS; p++) {
            m1[p] = new float[w[p].length];
            m2[p] = new float[w[p].length];
        }
        Engine engine = GnnEngine.current(); // not load(n): that would reset ROLAND's thread count in a shared JVM
        try (NDManager manager = engine.newBaseManager()) {
            NDArray x = manager.create(flat(train), new Shape(train.length, d));
            double beta1 = 0.9;
            double beta2 = 0.999;
            for (int epoch = 1; epoch <= epochs; epoch++) {
                float[][] gradients = new float[PARAMETERS][];
                try (NDManager e = manager.newSubManager()) {
                    NDArray[] p = arrays(e, w, shapes, true);
                    try (GradientCollector collector = GnnEngine.newGradientCollector(engine)) {
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
            weights = w;
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
