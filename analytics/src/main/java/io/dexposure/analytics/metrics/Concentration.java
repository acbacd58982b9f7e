package io.dexposure.analytics.metrics;

import io.dexposure.events.NodeKind;
import io.dexposure.analytics.network.WeeklyNetwork;

import java.util.Arrays;

/**
 * Concentration of TVL and of exposure with the DeXposure-FM formulas (../shared/docs/references.md
 * section 2): HHI = sum of squared shares; Gini = (2 sum i x_(i) - (n+1) sum x) / (n sum x) over the
 * values sorted ascending, i = 1..n; top-k share = the k largest values over the total.
 *
 * <p>TVL is taken over protocol nodes only (token buckets hold nothing of their own: their size is the
 * total held of them, already counted in the holders' TVL). Exposure is taken over the links (merged
 * parallel links, self-loops included). An empty set or a zero total gives 0 for every measure.
 * O(n log n + m log m) for the sorts.
 */
public final class Concentration {
    /** "Top-10 protocols' share" and "edge-weight top-10 share": the ten largest values. */
    public static final int TOP_K = 10;

    private Concentration() {
    }

    public record Result(double tvlHhi, double tvlGini, double tvlTop10Share,
                         double exposureHhi, double exposureGini, double exposureTop10Share) {
    }

    public static Result compute(WeeklyNetwork network) {
        double[] tvl = protocolTvl(network);
        double[] exposure = exposures(network);
        Arrays.sort(tvl);
        Arrays.sort(exposure);
        return new Result(hhi(tvl), giniSorted(tvl), topShareSorted(tvl, TOP_K),
                hhi(exposure), giniSorted(exposure), topShareSorted(exposure, TOP_K));
    }

    /** TVL of the protocol nodes, in node order. */
    public static double[] protocolTvl(WeeklyNetwork network) {
        int n = network.nodeCount();
        double[] values = new double[n];
        int k = 0;
        for (int i = 0; i < n; i++) {
            if (network.kind(i) == NodeKind.PROTOCOL) {
                values[k++] = network.tvlUsd(i);
            }
        }
        return Arrays.copyOf(values, k);
    }

    /** Link weights in CSR order. */
    public static double[] exposures(WeeklyNetwork network) {
        double[] values = new double[network.linkCount()];
        for (int p = 0; p < values.length; p++) {
            values[p] = network.weight(p);
        }
        return values;
    }

    /** Herfindahl-Hirschman index: sum of squared shares, in (0, 1]; 0 for an empty set or zero total. */
    public static double hhi(double[] values) {
        double total = sum(values);
        if (values.length == 0 || total == 0) {
            return 0.0;
        }
        double h = 0;
        for (double v : values) {
            double s = v / total;
            h += s * s;
        }
        return h;
    }

    /** Gini coefficient (DeXposure-FM formula); the input is not modified. */
    public static double gini(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return giniSorted(sorted);
    }

    /** Gini coefficient of values already sorted ascending. */
    public static double giniSorted(double[] sorted) {
        int n = sorted.length;
        double total = sum(sorted);
        if (n == 0 || total == 0) {
            return 0.0;
        }
        double weighted = 0;
        for (int i = 0; i < n; i++) {
            weighted += (i + 1) * sorted[i];
        }
        return (2 * weighted - (n + 1) * total) / (n * total);
    }

    /** Share of the total held by the k largest values; the input is not modified. */
    public static double topShare(double[] values, int k) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return topShareSorted(sorted, k);
    }

    /** Share of the total held by the k largest of values sorted ascending. */
    public static double topShareSorted(double[] sorted, int k) {
        double total = sum(sorted);
        if (sorted.length == 0 || total == 0) {
            return 0.0;
        }
        double top = 0;
        for (int i = sorted.length - 1; i >= Math.max(0, sorted.length - k); i--) {
            top += sorted[i];
        }
        return top / total;
    }

    /** DeXposure-FM's top-10 % size: k = max(1, floor(0.1 n)). */
    public static int topTenPercentCount(int n) {
        return Math.max(1, (int) Math.floor(0.1 * n));
    }

    static double sum(double[] values) {
        double s = 0;
        for (double v : values) {
            s += v;
        }
        return s;
    }
}
