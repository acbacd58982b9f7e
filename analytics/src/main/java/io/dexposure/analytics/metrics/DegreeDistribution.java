package io.dexposure.analytics.metrics;

import io.dexposure.analytics.network.WeeklyNetwork;

import java.util.Arrays;

/**
 * Shape of the degree distribution. The degree of a node is its total degree, in + out, as NetworkX's
 * {@code DiGraph.degree()} counts it (a self-loop adds one to each, so two). On a graph whose every
 * undirected edge is loaded both ways every total degree is twice the undirected degree, so the
 * scale-free measures below (centralization, coefficient of variation, entropy, shares, Gini) equal the
 * undirected ones.
 *
 * <ul>
 *   <li><b>Freeman degree centralization</b> (Freeman 1978/79): sum over nodes of (max degree - degree),
 *   over its largest possible value. Total degree: 2(n-1)(n-2), reached by the star whose centre links
 *   both ways to every other node (this is the undirected Freeman index on a symmetric digraph). In- and
 *   out-degree: (n-1)^2, reached by the in-/out-star. 0 for n below 3 (total) or 2 (in/out).</li>
 *   <li><b>Coefficient of variation</b>: population standard deviation / mean of the total degree (0 when the
 *   mean is 0).</li>
 *   <li><b>Entropy</b> (DeXposure-FM, nat): Shannon entropy -sum p_k ln p_k of the total-degree histogram,
 *   p_k = share of nodes with total degree k.</li>
 *   <li><b>Top-10 % concentration</b>: share of the summed total degree held by the k = max(1, floor(0.1 n))
 *   nodes of highest degree.</li>
 *   <li><b>Degree Gini</b>: the DeXposure-FM Gini of the total degrees.</li>
 * </ul>
 * O(n log n).
 */
public final class DegreeDistribution {
    private DegreeDistribution() {
    }

    public record Result(double totalCentralization, double inCentralization, double outCentralization,
                         double coefficientOfVariation, double entropy, double top10PercentShare, double gini) {
    }

    public static Result compute(WeeklyNetwork network) {
        int n = network.nodeCount();
        int[] in = new int[n];
        int[] out = new int[n];
        int[] total = new int[n];
        for (int i = 0; i < n; i++) {
            in[i] = network.inDegree(i);
            out[i] = network.outDegree(i);
            total[i] = in[i] + out[i];
        }
        double[] sorted = new double[n];
        for (int i = 0; i < n; i++) {
            sorted[i] = total[i];
        }
        Arrays.sort(sorted);
        return new Result(
                centralization(total, n < 3 ? 0 : 2.0 * (n - 1) * (n - 2)),
                centralization(in, n < 2 ? 0 : (double) (n - 1) * (n - 1)),
                centralization(out, n < 2 ? 0 : (double) (n - 1) * (n - 1)),
                coefficientOfVariation(total),
                histogramEntropy(total),
                Concentration.topShareSorted(sorted, Concentration.topTenPercentCount(n)),
                Concentration.giniSorted(sorted));
    }

    static double centralization(int[] degrees, double maximum) {
        if (maximum <= 0) {
            return 0.0;
        }
        int max = 0;
        for (int d : degrees) {
            max = Math.max(max, d);
        }
        long sum = 0;
        for (int d : degrees) {
            sum += max - d;
        }
        return sum / maximum;
    }

    static double coefficientOfVariation(int[] degrees) {
        int n = degrees.length;
        if (n == 0) {
            return 0.0;
        }
        double mean = 0;
        for (int d : degrees) {
            mean += d;
        }
        mean /= n;
        if (mean == 0) {
            return 0.0;
        }
        double var = 0;
        for (int d : degrees) {
            var += (d - mean) * (d - mean);
        }
        return Math.sqrt(var / n) / mean;
    }

    /** Shannon entropy (nat) of the histogram of the values, bins in ascending order of value. */
    static double histogramEntropy(int[] degrees) {
        int n = degrees.length;
        if (n == 0) {
            return 0.0;
        }
        int max = 0;
        for (int d : degrees) {
            max = Math.max(max, d);
        }
        int[] counts = new int[max + 1];
        for (int d : degrees) {
            counts[d]++;
        }
        double h = 0;
        for (int c : counts) {
            if (c > 0) {
                double p = (double) c / n;
                h -= p * Math.log(p);
            }
        }
        return h;
    }
}
