package io.dexposure.analytics.sectors;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;

import java.util.Arrays;

/**
 * The delta-method (asymptotic) covariance of the orthogonalised impulse responses Theta_i = Phi_i P of a
 * VAR(p), after Lütkepohl (2005), sec. 3.7, Proposition 3.6, with the finite-sample conventions statsmodels'
 * {@code IRAnalysis.cov(orth=True)} uses, so that its standard errors are the golden values:
 *
 * <pre>
 *   Cov(vec Theta_i) = C_i Cov(alpha) C_i' + Cbar_i Sigma_sigma Cbar_i' / T
 *   C_i     = (P' (x) I_K) G_i,   C_0 = 0
 *   G_i     = sum_{m=0}^{i-1} J (A')^(i-1-m) (x) Phi_m         d vec(Phi_i) / d alpha'
 *   Cbar_i  = (I_K (x) Phi_i) H,  H = L_K' [L_K (I + K_KK)(P (x) I_K) L_K']^-1   d vec(P) / d vech(Sigma_u)'
 *   Sigma_sigma = 2 D_K^+ (Sigma_u (x) Sigma_u) D_K^+'
 * </pre>
 *
 * alpha = vec[A_1 .. A_p] (the intercepts left out), Cov(alpha) the matching block of (Z'Z)^-1 (x) Sigma_u
 * (already on the sample's scale, so no 1/T), A the companion matrix, J = [I_K 0 .. 0], Sigma_u the
 * degrees-of-freedom-corrected residual covariance, T the observations fitted. vec is column-major, so
 * entry [response r][impulse c] of Theta_i sits at c * K + r. Only the diagonal is needed (the standard errors),
 * and the Kronecker products are never formed for the alpha part: with (A (x) B)(C (x) D) = AC (x) BD each cell's
 * variance is a K p x K quadratic form (see {@link #standardErrors}); H and Sigma_sigma are formed once, K^2 x K^2.
 */
final class OrthogonalisedIrfCovariance {
    private OrthogonalisedIrfCovariance() {
    }

    /**
     * Standard errors [step][response][impulse] of the orthogonalised IRFs, steps 0..horizon.
     *
     * @param lags       A_1..A_p, A_l[j][i] the effect of variable i at lag l on equation j
     * @param ma         Phi_0..Phi_horizon
     * @param chol       P, the lower Cholesky factor of sigmaU
     * @param sigmaU     residual covariance (df-corrected)
     * @param ztzInverse (Z'Z)^-1, rows and columns [const, L1.y_0 .. Lp.y_k-1]
     * @param nobs       T
     */
    static double[][][] standardErrors(double[][][] lags, double[][][] ma, double[][] chol, double[][] sigmaU,
                                       double[][] ztzInverse, int nobs) {
        int k = chol.length;
        int p = lags.length;
        int kp = k * p;
        int horizon = ma.length - 1;
        // W: (Z'Z)^-1 without the intercept, so that Cov(alpha) = W (x) Sigma_u.
        double[][] w = new double[kp][kp];
        for (int a = 0; a < kp; a++) {
            System.arraycopy(ztzInverse[a + 1], 1, w[a], 0, kp);
        }
        // Cov of vec(P) scaled by 1/T: H Sigma_sigma H' / T, the same for every step.
        RealMatrix h = cholDerivative(chol);
        double[][] covVecChol = h.multiply(vechCovariance(sigmaU)).multiply(h.transpose()).scalarMultiply(1.0 / nobs).getData();
        // u[n] = P' J (A')^n (K x Kp): C_i = sum_m u[i-1-m] (x) Phi_m, since (P' (x) I)(X (x) Phi) = P'X (x) Phi.
        RealMatrix companionTransposed = companion(lags, k).transpose();
        RealMatrix cholTransposed = new Array2DRowRealMatrix(chol).transpose();
        double[][][] u = new double[Math.max(horizon, 1)][][];
        RealMatrix jPower = identity(kp).getSubMatrix(0, k - 1, 0, kp - 1);
        for (int n = 0; n < u.length; n++) {
            u[n] = cholTransposed.multiply(jPower).getData();
            jPower = jPower.multiply(companionTransposed);
        }
        double[][][] se = new double[horizon + 1][k][k];
        double[][] v = new double[kp][k];
        double[][] wv = new double[kp][k];
        for (int i = 0; i <= horizon; i++) {
            double[][] phi = ma[i];
            for (int r = 0; r < k; r++) {
                for (int c = 0; c < k; c++) {
                    // Sigma part: row c K + r of (I (x) Phi_i) is e_c (x) Phi_i[r], so the variance is the quadratic
                    // form of Phi_i[r] in the c-th diagonal K x K block of Cov(vec P).
                    double variance = 0;
                    for (int s1 = 0; s1 < k; s1++) {
                        for (int s2 = 0; s2 < k; s2++) {
                            variance += phi[r][s1] * covVecChol[c * k + s1][c * k + s2] * phi[r][s2];
                        }
                    }
                    // Alpha part: row c K + r of C_i is vec of V = sum_m u[i-1-m][c]' Phi_m[r] (Kp x K), and
                    // its quadratic form in W (x) Sigma_u is trace(V' W V Sigma_u).
                    if (i > 0) {
                        for (double[] row : v) {
                            Arrays.fill(row, 0);
                        }
                        for (int m = 0; m < i; m++) {
                            double[] left = u[i - 1 - m][c];
                            double[] right = ma[m][r];
                            for (int a = 0; a < kp; a++) {
                                if (left[a] != 0) {
                                    for (int b = 0; b < k; b++) {
                                        v[a][b] += left[a] * right[b];
                                    }
                                }
                            }
                        }
                        for (int a = 0; a < kp; a++) {
                            for (int b = 0; b < k; b++) {
                                double sum = 0;
                                for (int q = 0; q < kp; q++) {
                                    sum += w[a][q] * v[q][b];
                                }
                                wv[a][b] = sum;
                            }
                        }
                        for (int b = 0; b < k; b++) {
                            for (int d = 0; d < k; d++) {
                                double vtwv = 0;
                                for (int a = 0; a < kp; a++) {
                                    vtwv += v[a][b] * wv[a][d];
                                }
                                variance += vtwv * sigmaU[d][b];
                            }
                        }
                    }
                    se[i][r][c] = Math.sqrt(Math.max(0, variance));
                }
            }
        }
        return se;
    }

    /** The VAR(1) form's Kp x Kp matrix: [A_1 .. A_p] on top, the identity below shifting the lags. */
    private static RealMatrix companion(double[][][] lags, int k) {
        int p = lags.length;
        double[][] a = new double[k * p][k * p];
        for (int l = 0; l < p; l++) {
            for (int j = 0; j < k; j++) {
                System.arraycopy(lags[l][j], 0, a[j], l * k, k);
            }
        }
        for (int r = k; r < k * p; r++) {
            a[r][r - k] = 1;
        }
        return new Array2DRowRealMatrix(a, false);
    }

    /** Sigma_sigma = 2 D^+ (Sigma (x) Sigma) D^+', the asymptotic covariance of vech(Sigma_u) (times T). */
    private static RealMatrix vechCovariance(double[][] sigma) {
        RealMatrix d = duplication(sigma.length);
        RealMatrix dPlus = new LUDecomposition(d.transpose().multiply(d)).getSolver().getInverse().multiply(d.transpose());
        RealMatrix s = new Array2DRowRealMatrix(sigma);
        return dPlus.multiply(kron(s, s)).multiply(dPlus.transpose()).scalarMultiply(2);
    }

    /** H = d vec(P) / d vech(Sigma)' = L' [L (I + K_KK)(P (x) I) L']^-1. */
    private static RealMatrix cholDerivative(double[][] chol) {
        int k = chol.length;
        RealMatrix l = elimination(k);
        RealMatrix inner = identity(k * k).add(commutation(k)).multiply(kron(new Array2DRowRealMatrix(chol), identity(k)));
        RealMatrix b = l.multiply(inner).multiply(l.transpose());
        return l.transpose().multiply(new LUDecomposition(b).getSolver().getInverse());
    }

    /** Position of (row, col), row >= col, in vech: the lower triangle stacked column by column. */
    private static int vechIndex(int row, int col, int k) {
        return col * k - col * (col - 1) / 2 + (row - col);
    }

    /** L_K: vech(A) = L vec(A). */
    private static RealMatrix elimination(int k) {
        RealMatrix l = new Array2DRowRealMatrix(k * (k + 1) / 2, k * k);
        for (int col = 0; col < k; col++) {
            for (int row = col; row < k; row++) {
                l.setEntry(vechIndex(row, col, k), col * k + row, 1);
            }
        }
        return l;
    }

    /** D_K: vec(A) = D vech(A) for a symmetric A. */
    private static RealMatrix duplication(int k) {
        RealMatrix d = new Array2DRowRealMatrix(k * k, k * (k + 1) / 2);
        for (int col = 0; col < k; col++) {
            for (int row = 0; row < k; row++) {
                d.setEntry(col * k + row, vechIndex(Math.max(row, col), Math.min(row, col), k), 1);
            }
        }
        return d;
    }

    /** K_KK: vec(A') = K vec(A). */
    private static RealMatrix commutation(int k) {
        RealMatrix c = new Array2DRowRealMatrix(k * k, k * k);
        for (int col = 0; col < k; col++) {
            for (int row = 0; row < k; row++) {
                c.setEntry(row * k + col, col * k + row, 1);
            }
        }
        return c;
    }

    private static RealMatrix identity(int n) {
        RealMatrix m = new Array2DRowRealMatrix(n, n);
        for (int i = 0; i < n; i++) {
            m.setEntry(i, i, 1);
        }
        return m;
    }

    private static RealMatrix kron(RealMatrix a, RealMatrix b) {
        int ar = a.getRowDimension();
        int ac = a.getColumnDimension();
        int br = b.getRowDimension();
        int bc = b.getColumnDimension();
        double[][] out = new double[ar * br][ac * bc];
        for (int i = 0; i < ar; i++) {
            for (int j = 0; j < ac; j++) {
                double aij = a.getEntry(i, j);
                if (aij == 0) {
                    continue;
                }
                for (int r = 0; r < br; r++) {
                    for (int c = 0; c < bc; c++) {
                        out[i * br + r][j * bc + c] = aij * b.getEntry(r, c);
                    }
                }
            }
        }
        return new Array2DRowRealMatrix(out, false);
    }
}
