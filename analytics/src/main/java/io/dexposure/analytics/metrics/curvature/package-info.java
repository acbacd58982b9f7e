/**
 * Ollivier-Ricci curvature of the weekly exposure network, as GraphRicciCurvature (saibalmars,
 * Apache-2; Ni et al. 2015/2019) defines it for directed graphs, re-implemented for the CSR
 * {@code WeeklyNetwork}. Entry point: {@link io.dexposure.analytics.metrics.curvature.OllivierRicciCurvature}.
 *
 * <h2>Definition</h2>
 * For a link x -> y (x holds y's tokens): m_x keeps alpha = 0.5 at x and spreads 0.5 over x's
 * in-neighbours (its holders), m_y keeps 0.5 at y and spreads 0.5 over y's out-neighbours (its
 * holdings), each neighbour weighted base^(-d^exponent) (e, 2), only the 3000 heaviest neighbours, ties
 * to the higher node index. kappa = 1 - W1(m_x, m_y) / d(x, y) with shortest-path costs; d(x, y) is the
 * shortest-path distance (GraphRicciCurvature issue #47 fix). Self-loops: NaN; zero-exposure links: 0
 * (the zero-weight rule); neither is a neighbour, a path or part of the statistics.
 *
 * <h2>Lengths</h2>
 * {@link io.dexposure.analytics.metrics.curvature.LinkLength#UNIT} (default): structural curvature, the one
 * GraphRicciCurvature's golden values are for. {@code LOG_SHARE} (1 - ln share of the holder's book) is
 * the recommended weighted variant (scale-free, lengths &gt;= 1, curvature stays in a sane range);
 * {@code INVERSE_WEIGHT} (mean exposure / exposure) is available but gives unbounded negative
 * curvature where a large exposure (a short link) joins distant neighbourhoods.
 *
 * <h2>Transport</h2>
 * Unit lengths: exact, without cost matrices, by {@link io.dexposure.analytics.metrics.curvature.UnitLengthTransport}
 * (min-cost flow on the subgraph of paths of length &lt;= 3, at most four primal-dual phases, identical
 * supplies and demands merged, closed form when a side is a single node). Weighted lengths: bounded
 * Dijkstra distance tables and an exact dense solve, or {@link io.dexposure.analytics.metrics.curvature.SinkhornTransport}
 * above a size threshold (its result is the cost of a feasible plan, so an approximated curvature is
 * never above the exact one).
 */
package io.dexposure.analytics.metrics.curvature;
