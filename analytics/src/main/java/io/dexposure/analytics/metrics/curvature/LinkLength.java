package io.dexposure.analytics.metrics.curvature;

import io.dexposure.analytics.network.WeeklyNetwork;

/**
 * How an exposure link becomes a length for Ollivier-Ricci curvature. Curvature needs a metric: the
 * transport cost between neighbourhoods is the shortest-path distance, so a heavy exposure has to be a
 * <em>short</em> link, never a long one.
 *
 * <ul>
 *   <li>{@link #UNIT}: every link has length 1, so curvature describes the structure alone. This is
 *   what GraphRicciCurvature computes on an unweighted graph, what its golden values use, and the
 *   default: it is exact and fast (distances within a neighbourhood pair are at most 3).</li>
 *   <li>{@link #INVERSE_WEIGHT}: length = (mean link exposure of the week) / (link exposure). A link of
 *   typical size has length about 1, a link 10x larger 0.1; dividing by the mean keeps the lengths
 *   independent of the USD scale, which matters because the neighbour weights base^(-d^p) are not
 *   scale-free.</li>
 *   <li>{@link #LOG_SHARE}: length = 1 - ln(share), share = link exposure / the holder's total
 *   exposure. A holder's only holding has length 1 (as in {@link #UNIT}), a holding of 1 % of its
 *   book 1 + 4.6. Scale-free and bounded below by 1, so no link is ever near zero length
 *   (GraphRicciCurvature issue #25: near-zero weights break the neighbour weights).</li>
 * </ul>
 * The weighted variants follow the definition of GraphRicciCurvature after its issue #47 fix (curvature
 * divides by the shortest-path distance d(x,y), which can be shorter than the link's own length).
 */
public enum LinkLength {
    UNIT,
    INVERSE_WEIGHT,
    LOG_SHARE;

    /** Length of every link position of the network's CSR; links with no exposure get +infinity. */
    double[] lengths(WeeklyNetwork network) {
        int m = network.linkCount();
        double[] lengths = new double[m];
        switch (this) {
            case UNIT -> {
                for (int p = 0; p < m; p++) {
                    lengths[p] = network.weight(p) > 0 ? 1.0 : Double.POSITIVE_INFINITY;
                }
            }
            case INVERSE_WEIGHT -> {
                double sum = 0;
                int count = 0;
                for (int p = 0; p < m; p++) {
                    if (network.weight(p) > 0) {
                        sum += network.weight(p);
                        count++;
                    }
                }
                double mean = count == 0 ? 1.0 : sum / count;
                for (int p = 0; p < m; p++) {
                    double w = network.weight(p);
                    lengths[p] = w > 0 ? mean / w : Double.POSITIVE_INFINITY;
                }
            }
            case LOG_SHARE -> {
                for (int node = 0; node < network.nodeCount(); node++) {
                    double book = 0;
                    for (int p = network.outStart(node); p < network.outEnd(node); p++) {
                        if (network.target(p) != node && network.weight(p) > 0) {
                            book += network.weight(p);
                        }
                    }
                    for (int p = network.outStart(node); p < network.outEnd(node); p++) {
                        double w = network.weight(p);
                        lengths[p] = w > 0 ? 1.0 - Math.log(w / book) : Double.POSITIVE_INFINITY;
                    }
                }
            }
            default -> throw new IllegalStateException(name());
        }
        return lengths;
    }
}
