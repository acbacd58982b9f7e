package io.dexposure.analytics.metrics;

import io.dexposure.analytics.network.WeeklyNetwork;

/**
 * Network entropy of a week. <b>Definition taken (the headline value): the entropy rate of the
 * exposure-weighted random walk with teleportation</b>, i.e. of the Markov chain whose stationary
 * distribution is the weighted PageRank:
 * <pre>
 *   P[i][j] = d * w_ij / s_i + (1 - d) / n      (s_i = out-strength of i &gt; 0)
 *   P[i][j] = 1 / n                             (dangling i: no out-exposure)
 *   h = - sum_i pi_i sum_j P[i][j] ln P[i][j]   (nat per step), pi = weighted PageRank (d = 0.85)
 * </pre>
 * reported also as h / ln n in [0, 1] (ln n is the largest entropy rate a chain on n states can have).
 *
 * <p><b>Why this one.</b> Network entropy in the sense of Demetrius and Manke ("Robustness and network
 * evolution - an entropic principle", Physica A 346, 2005) is the Kolmogorov-Sinai entropy, i.e. the
 * entropy rate, of a random walk on the graph; they show it tracks the network's robustness to
 * perturbations, which is the question a contagion monitor asks. Gomez-Gardenes and Latora ("Entropy
 * rate of diffusion processes on complex networks", Phys. Rev. E 78, 065102, 2008) use the same quantity
 * to compare how diffusion spreads on weighted and unweighted networks. Three choices adapt it to
 * DeXposure: (1) the walk follows exposure (USD held), so a holder whose exposure is spread over many
 * issuers has a high-entropy row and one concentrated on a single issuer a low one; (2) the rows are
 * weighted by where the walk spends its time, so large, heavily held nodes count more than peripheral
 * ones, unlike a plain average of row entropies; (3) the teleport term of PageRank makes the chain
 * ergodic on any week (exposure networks are neither strongly connected nor aperiodic), so pi is unique
 * and is exactly the weighted PageRank the metrics already compute (NetworkX semantics, dangling mass
 * spread uniformly). A falling entropy rate means exposure paths are concentrating onto fewer channels.
 * Each row costs O(out-degree): the n - d_i teleport-only
 * entries of a row share one value, so h is exact in O(n + m) without the dense matrix.
 *
 * <p>Reported with it, as simpler companions: the Shannon entropy of the stationary distribution
 * H(pi) = -sum pi_i ln pi_i (how evenly systemic importance is spread) and the Shannon entropy of the
 * exposure distribution over links, -sum p_e ln p_e with p_e = w_e / total exposure (how evenly the USD
 * is spread over holdings), each also divided by its maximum (ln n, ln m). Empty weeks give 0.
 */
public final class NetworkEntropy {
    private NetworkEntropy() {
    }

    public record Result(double entropyRate, double normalisedEntropyRate,
                         double pageRankEntropy, double normalisedPageRankEntropy,
                         double exposureEntropy, double normalisedExposureEntropy) {
    }

    /** With the weighted PageRank computed here (damping 0.85, default tolerance). */
    public static Result compute(WeeklyNetwork network) {
        double[] pi = WeightedPageRank.compute(network).scores();
        return compute(network, pi, WeightedPageRank.DEFAULT_DAMPING);
    }

    /** With a weighted PageRank already computed with {@code damping} (the chain's stationary distribution). */
    public static Result compute(WeeklyNetwork network, double[] pageRank, double damping) {
        int n = network.nodeCount();
        int m = network.linkCount();
        if (n == 0) {
            return new Result(0, 0, 0, 0, 0, 0);
        }
        double logN = Math.log(n);
        double teleport = (1 - damping) / n;
        double teleportTerm = xLogX(teleport);
        double rate = 0;
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int p = network.outStart(i); p < network.outEnd(i); p++) {
                s += network.weight(p);
            }
            double rowEntropy;
            if (s == 0) {
                rowEntropy = logN;
            } else {
                double h = 0;
                for (int p = network.outStart(i); p < network.outEnd(i); p++) {
                    h -= xLogX(damping * network.weight(p) / s + teleport);
                }
                h -= (n - network.outDegree(i)) * teleportTerm;
                rowEntropy = h;
            }
            rate += pageRank[i] * rowEntropy;
        }
        double piEntropy = 0;
        for (double x : pageRank) {
            piEntropy -= xLogX(x);
        }
        double total = 0;
        for (int p = 0; p < m; p++) {
            total += network.weight(p);
        }
        double exposureEntropy = 0;
        if (total > 0) {
            for (int p = 0; p < m; p++) {
                exposureEntropy -= xLogX(network.weight(p) / total);
            }
        }
        return new Result(rate, n > 1 ? rate / logN : 0.0,
                piEntropy, n > 1 ? piEntropy / logN : 0.0,
                exposureEntropy, m > 1 ? exposureEntropy / Math.log(m) : 0.0);
    }

    private static double xLogX(double x) {
        return x > 0 ? x * Math.log(x) : 0.0;
    }
}
