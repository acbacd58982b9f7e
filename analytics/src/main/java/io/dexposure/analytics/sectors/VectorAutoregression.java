package io.dexposure.analytics.sectors;

import org.apache.commons.math3.distribution.FDistribution;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.QRDecomposition;
import org.apache.commons.math3.linear.RealMatrix;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A VAR(p) with a constant, fitted equation by equation with OLS (Commons Math QR), with the
 * quantities statsmodels' {@code VAR} reports under the same conventions, so its numbers are the
 * golden values: sigma_u with the degrees-of-freedom correction (nobs - kp - 1), information criteria
 * on the ML sigma (Lütkepohl), lag selection on a common sample (the first maxLags - p observations
 * left out), orthogonalised impulse responses through the Cholesky factor of sigma_u, Granger
 * causality as statsmodels' F form (denominator df = k * df_resid), confidence bands of the orthogonalised
 * impulse responses either asymptotic (delta method, as statsmodels' default) or by residual bootstrap.
 *
 * <p>Data: {@code y[t][j]}, time t, variable j. Coefficients: {@code intercept[j]} and
 * {@code lag(l)[j][i]}, the effect of variable i at lag l on equation j.
 */
public final class VectorAutoregression {
    private final int k;
    private final int p;
    private final int nobs;
    private final double[][] y;
    private final int offset;
    /** (1 + kp) x k, rows [const, L1.y_0..L1.y_k-1, L2..]: statsmodels' params layout. */
    private final double[][] params;
    private final double[][] residuals;
    private final double[][] sigmaU;
    private final double[][] sigmaUMle;
    private final double[][] ztzInverse;

    private VectorAutoregression(double[][] y, int p, int offset) {
        this.y = y;
        this.p = p;
        this.offset = offset;
        this.k = y[0].length;
        this.nobs = y.length - offset - p;
        int cols = 1 + k * p;
        if (nobs <= cols) {
            throw new IllegalArgumentException("VAR(" + p + ") of " + k + " series needs more than " + cols
                    + " observations after the lags, has " + nobs);
        }
        double[][] z = new double[nobs][cols];
        double[][] target = new double[nobs][k];
        for (int r = 0; r < nobs; r++) {
            int t = offset + p + r;
            z[r] = regressors(y, t);
            target[r] = y[t].clone();
        }
        RealMatrix zm = new Array2DRowRealMatrix(z, false);
        RealMatrix b = new QRDecomposition(zm).getSolver().solve(new Array2DRowRealMatrix(target, false));
        params = b.getData();
        RealMatrix u = new Array2DRowRealMatrix(target, false).subtract(zm.multiply(b));
        residuals = u.getData();
        RealMatrix sse = u.transpose().multiply(u);
        int dfResid = nobs - cols;
        sigmaU = sse.scalarMultiply(1.0 / dfResid).getData();
        sigmaUMle = sse.scalarMultiply(1.0 / nobs).getData();
        ztzInverse = new LUDecomposition(zm.transpose().multiply(zm)).getSolver().getInverse().getData();
    }

    /** [1, y[t-1], ..., y[t-p]]. */
    private double[] regressors(double[][] series, int t) {
        double[] row = new double[1 + k * p];
        row[0] = 1;
        for (int l = 1; l <= p; l++) {
            System.arraycopy(series[t - l], 0, row, 1 + (l - 1) * k, k);
        }
        return row;
    }

    public static VectorAutoregression fit(double[][] y, int lags) {
        return new VectorAutoregression(check(y), lags, 0);
    }

    /**
     * statsmodels' {@code select_order(maxlags)}: every p in 0..maxLags fitted on the same
     * observations (those from maxLags on), criteria compared, the smallest wins.
     */
    public static LagSelection selectOrder(double[][] y, int maxLags) {
        check(y);
        double[][] criteria = new double[maxLags + 1][];
        for (int p = 0; p <= maxLags; p++) {
            VectorAutoregression v = new VectorAutoregression(y, p, maxLags - p);
            criteria[p] = new double[]{v.aic(), v.bic(), v.hqic(), v.fpe()};
        }
        return new LagSelection(criteria);
    }

    /** Largest lag the data can carry: statsmodels' (T - k - 1) / (1 + k). */
    public static int maxEstimableLags(int observations, int series) {
        return (observations - series - 1) / (1 + series);
    }

    private static double[][] check(double[][] y) {
        if (y.length == 0 || y[0].length == 0) {
            throw new IllegalArgumentException("VAR: no data");
        }
        for (int t = 0; t < y.length; t++) {
            if (y[t].length != y[0].length) {
                throw new IllegalArgumentException("VAR: row " + t + " has " + y[t].length + " values, row 0 has " + y[0].length);
            }
            for (double v : y[t]) {
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("VAR: row " + t + " holds a non-finite value");
                }
            }
        }
        return y;
    }

    /** Criteria per lag 0..maxLags: columns aic, bic, hqic, fpe. */
    public record LagSelection(double[][] criteria) {
        public static final int AIC = 0;
        public static final int BIC = 1;
        public static final int HQIC = 2;
        public static final int FPE = 3;

        public int selected(int criterion) {
            int best = 0;
            for (int p = 1; p < criteria.length; p++) {
                if (criteria[p][criterion] < criteria[best][criterion]) {
                    best = p;
                }
            }
            return best;
        }
    }

    public int neqs() {
        return k;
    }

    public int lags() {
        return p;
    }

    public int nobs() {
        return nobs;
    }

    public int dfResid() {
        return nobs - 1 - k * p;
    }

    public double[][] params() {
        return copy(params);
    }

    public double intercept(int equation) {
        return params[0][equation];
    }

    /** A_l[j][i]: effect of variable i at lag l (1-based) on equation j. */
    public double[][] lag(int l) {
        double[][] a = new double[k][k];
        for (int j = 0; j < k; j++) {
            for (int i = 0; i < k; i++) {
                a[j][i] = params[1 + (l - 1) * k + i][j];
            }
        }
        return a;
    }

    /** Standard error of params[row][equation]: sqrt(sigma_u[eq][eq] * (Z'Z)^-1[row][row]). */
    public double standardError(int row, int equation) {
        return Math.sqrt(sigmaU[equation][equation] * ztzInverse[row][row]);
    }

    public double[][] residuals() {
        return copy(residuals);
    }

    public double[][] sigmaU() {
        return copy(sigmaU);
    }

    public double[][] sigmaUMle() {
        return copy(sigmaUMle);
    }

    private double logDetSigmaMle() {
        RealMatrix l = new CholeskyDecomposition(new Array2DRowRealMatrix(sigmaUMle),
                CholeskyDecomposition.DEFAULT_RELATIVE_SYMMETRY_THRESHOLD, 0).getL();
        double sum = 0;
        for (int i = 0; i < k; i++) {
            sum += Math.log(l.getEntry(i, i));
        }
        return 2 * sum;
    }

    private int freeParams() {
        return p * k * k + k;
    }

    public double aic() {
        return logDetSigmaMle() + 2.0 / nobs * freeParams();
    }

    public double bic() {
        return logDetSigmaMle() + Math.log(nobs) / nobs * freeParams();
    }

    public double hqic() {
        return logDetSigmaMle() + 2.0 * Math.log(Math.log(nobs)) / nobs * freeParams();
    }

    public double fpe() {
        double dfModel = 1 + k * p;
        return Math.pow((nobs + dfModel) / dfResid(), k) * Math.exp(logDetSigmaMle());
    }

    /** MA coefficients Phi_0..Phi_h: Phi_0 = I, Phi_i = sum_{l=1..min(i,p)} Phi_{i-l} A_l. */
    public double[][][] maCoefficients(int horizon) {
        return maCoefficients(horizon, lagMatrices());
    }

    private double[][][] lagMatrices() {
        double[][][] a = new double[p][][];
        for (int l = 1; l <= p; l++) {
            a[l - 1] = lag(l);
        }
        return a;
    }

    private static double[][][] maCoefficients(int horizon, double[][][] a) {
        int k = a.length == 0 ? 0 : a[0].length;
        return maCoefficients(horizon, a, k);
    }

    private static double[][][] maCoefficients(int horizon, double[][][] a, int k) {
        double[][][] phi = new double[horizon + 1][k][k];
        for (int i = 0; i < k; i++) {
            phi[0][i][i] = 1;
        }
        for (int h = 1; h <= horizon; h++) {
            for (int l = 1; l <= Math.min(h, a.length); l++) {
                double[][] prev = phi[h - l];
                double[][] al = a[l - 1];
                for (int r = 0; r < k; r++) {
                    for (int c = 0; c < k; c++) {
                        double s = 0;
                        for (int m = 0; m < k; m++) {
                            s += prev[r][m] * al[m][c];
                        }
                        phi[h][r][c] += s;
                    }
                }
            }
        }
        return phi;
    }

    /** Lower Cholesky factor of sigma_u: the orthogonalised shocks' impact matrix. */
    public double[][] choleskyFactor() {
        return cholesky(sigmaU);
    }

    private static double[][] cholesky(double[][] sigma) {
        return new CholeskyDecomposition(new Array2DRowRealMatrix(sigma),
                CholeskyDecomposition.DEFAULT_RELATIVE_SYMMETRY_THRESHOLD, 0).getL().getData();
    }

    /**
     * Orthogonalised impulse responses, statsmodels' {@code irf(h).orth_irfs}: [step][response][impulse]
     * = (Phi_step P)[response][impulse], the response of one series to a one-standard-deviation
     * orthogonal shock in another, in the Cholesky order of the series.
     */
    public double[][][] orthogonalisedIrf(int horizon) {
        return orthogonalise(maCoefficients(horizon), choleskyFactor());
    }

    private static double[][][] orthogonalise(double[][][] phi, double[][] chol) {
        int k = chol.length;
        double[][][] out = new double[phi.length][k][k];
        for (int h = 0; h < phi.length; h++) {
            for (int r = 0; r < k; r++) {
                for (int c = 0; c < k; c++) {
                    double s = 0;
                    for (int m = 0; m < k; m++) {
                        s += phi[h][r][m] * chol[m][c];
                    }
                    out[h][r][c] = s;
                }
            }
        }
        return out;
    }

    /**
     * Residual-bootstrap confidence bands for the orthogonalised IRFs: {@code repetitions} series
     * rebuilt from the fitted model with resampled (centred) residuals, starting from the observed first
     * p values, refitted with the same lag, and the (alpha/2, 1 - alpha/2) quantiles taken per cell.
     * Seeded: the same seed gives the same bands. Draws whose refit fails (singular sigma) are skipped
     * and counted.
     */
    public IrfBands bootstrapBands(int horizon, int repetitions, double alpha, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int rows = y.length - offset;
        double[][] centred = copy(residuals);
        for (int j = 0; j < k; j++) {
            double mean = 0;
            for (double[] u : centred) {
                mean += u[j];
            }
            mean /= centred.length;
            for (double[] u : centred) {
                u[j] -= mean;
            }
        }
        double[][][][] draws = new double[repetitions][][][];
        int kept = 0;
        int failed = 0;
        for (int rep = 0; rep < repetitions; rep++) {
            double[][] sim = new double[rows][];
            for (int t = 0; t < p; t++) {
                sim[t] = y[offset + t].clone();
            }
            for (int t = p; t < rows; t++) {
                double[] z = regressors(sim, t);
                double[] u = centred[random.nextInt(centred.length)];
                double[] next = new double[k];
                for (int j = 0; j < k; j++) {
                    double s = u[j];
                    for (int c = 0; c < z.length; c++) {
                        s += z[c] * params[c][j];
                    }
                    next[j] = s;
                }
                sim[t] = next;
            }
            try {
                draws[kept++] = new VectorAutoregression(sim, p, 0).orthogonalisedIrf(horizon);
            } catch (RuntimeException singular) {
                kept--;
                failed++;
            }
        }
        double[][][] lower = new double[horizon + 1][k][k];
        double[][][] upper = new double[horizon + 1][k][k];
        double[] cell = new double[kept];
        for (int h = 0; h <= horizon; h++) {
            for (int r = 0; r < k; r++) {
                for (int c = 0; c < k; c++) {
                    for (int d = 0; d < kept; d++) {
                        cell[d] = draws[d][h][r][c];
                    }
                    Arrays.sort(cell);
                    lower[h][r][c] = quantile(cell, alpha / 2);
                    upper[h][r][c] = quantile(cell, 1 - alpha / 2);
                }
            }
        }
        return new IrfBands(IrfBandMethod.BOOTSTRAP, lower, upper, null, kept, failed);
    }

    /**
     * Delta-method standard errors of the orthogonalised IRFs [step][response][impulse], statsmodels'
     * {@code irf(h).stderr(orth=True)}: see {@link OrthogonalisedIrfCovariance}.
     */
    public double[][][] orthogonalisedIrfStandardErrors(int horizon) {
        return OrthogonalisedIrfCovariance.standardErrors(lagMatrices(), maCoefficients(horizon), choleskyFactor(), sigmaU,
                ztzInverse, nobs);
    }

    /**
     * Asymptotic (1 - alpha) bands of the orthogonalised IRFs: estimate +- z_(1-alpha/2) delta-method standard
     * errors, what statsmodels draws with {@code stderr_type='asym'}. Deterministic, and no refits.
     */
    public IrfBands asymptoticBands(int horizon, double alpha) {
        double[][][] irf = orthogonalisedIrf(horizon);
        double[][][] se = orthogonalisedIrfStandardErrors(horizon);
        double z = new NormalDistribution().inverseCumulativeProbability(1 - alpha / 2);
        double[][][] lower = new double[horizon + 1][k][k];
        double[][][] upper = new double[horizon + 1][k][k];
        for (int h = 0; h <= horizon; h++) {
            for (int r = 0; r < k; r++) {
                for (int c = 0; c < k; c++) {
                    lower[h][r][c] = irf[h][r][c] - z * se[h][r][c];
                    upper[h][r][c] = irf[h][r][c] + z * se[h][r][c];
                }
            }
        }
        return new IrfBands(IrfBandMethod.ASYMPTOTIC, lower, upper, se, 0, 0);
    }

    /** Linear interpolation between order statistics (numpy's default). */
    static double quantile(double[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }

    /**
     * Bands [step][response][impulse] and how they were made: the standard errors for asymptotic bands (null for
     * bootstrap ones), the draws kept and failed for bootstrap bands (0 for asymptotic ones).
     */
    public record IrfBands(IrfBandMethod method, double[][][] lower, double[][][] upper, double[][][] stderr, int draws,
                           int failedDraws) {
    }

    /**
     * Granger causality of {@code causing} on {@code caused} (statsmodels {@code test_causality(kind="f")}):
     * Wald statistic of "all lags of the causing series are zero in the caused equation", divided by
     * the number of restrictions, against F(restrictions, k * df_resid).
     */
    public Granger granger(int caused, int... causing) {
        if (p == 0) {
            throw new IllegalStateException("Granger causality needs at least one lag");
        }
        int q = causing.length * p;
        int[] rows = new int[q];
        int n = 0;
        for (int l = 0; l < p; l++) {
            for (int i : causing) {
                rows[n++] = 1 + l * k + i;
            }
        }
        double[] b = new double[q];
        double[][] cov = new double[q][q];
        for (int a = 0; a < q; a++) {
            b[a] = params[rows[a]][caused];
            for (int c = 0; c < q; c++) {
                cov[a][c] = sigmaU[caused][caused] * ztzInverse[rows[a]][rows[c]];
            }
        }
        double[] solved = new LUDecomposition(new Array2DRowRealMatrix(cov, false)).getSolver()
                .solve(new org.apache.commons.math3.linear.ArrayRealVector(b, false)).toArray();
        double wald = 0;
        for (int a = 0; a < q; a++) {
            wald += b[a] * solved[a];
        }
        double f = wald / q;
        double df2 = (double) k * dfResid();
        double pValue = 1 - new FDistribution(q, df2).cumulativeProbability(f);
        return new Granger(f, q, df2, pValue);
    }

    public record Granger(double statistic, int df1, double df2, double pValue) {
    }

    private static double[][] copy(double[][] m) {
        double[][] c = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            c[i] = m[i].clone();
        }
        return c;
    }
}
