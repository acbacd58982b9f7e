package io.dexposure.analytics.metrics.curvature;

import java.util.List;

/**
 * Ollivier-Ricci curvature of one week.
 *
 * @param linkCurvature     per CSR link position of the week's network (its {@code target(p)}, {@code
 *                          weight(p)} positions): NaN for self-loops, 0 for zero-exposure links
 * @param linkMethods       per CSR link position, how its value was obtained
 * @param summary           the distribution over the links curvature is defined on
 * @param mostNegative      the (up to) 10 most negative links, most negative first, ties by position
 * @param nodeMeanCurvature per node, the mean curvature of its incoming and outgoing links (NaN when it
 *                          has none). GraphRicciCurvature's node value on a DiGraph divides the sum over
 *                          <em>out</em>-links by in+out degree; on an undirected graph (each edge as
 *                          two links) both agree.
 */
public record CurvatureResult(double[] linkCurvature, CurvatureMethod[] linkMethods, CurvatureSummary summary,
                              List<NegativeLink> mostNegative, double[] nodeMeanCurvature) {
}
