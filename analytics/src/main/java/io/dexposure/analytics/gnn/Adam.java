package io.dexposure.analytics.gnn;

/**
 * Adam on plain float arrays, in place (PyTorch's defaults, no weight decay), for models whose parameters
 * live outside DJL between steps (ROLAND keeps them in Flink state; the static GNN baselines between epochs).
 */
public final class Adam {
    public static final double BETA1 = 0.9;
    public static final double BETA2 = 0.999;
    public static final double EPSILON = 1e-8;

    private Adam() {
    }

    /** One step on one parameter: {@code step} is the 1-based step count the bias correction uses. */
    public static void update(float[] w, float[] m, float[] v, float[] g, long step, double learningRate) {
        double correction1 = 1 - Math.pow(BETA1, step);
        double correction2 = 1 - Math.pow(BETA2, step);
        for (int i = 0; i < w.length; i++) {
            m[i] = (float) (BETA1 * m[i] + (1 - BETA1) * g[i]);
            v[i] = (float) (BETA2 * v[i] + (1 - BETA2) * g[i] * g[i]);
            double mHat = m[i] / correction1;
            double vHat = v[i] / correction2;
            w[i] = (float) (w[i] - learningRate * mHat / (Math.sqrt(vHat) + EPSILON));
        }
    }
}
