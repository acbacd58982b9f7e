package io.dexposure.analytics.metrics.curvature;

/** How a link's curvature was obtained. */
public enum CurvatureMethod {
    /** Exact W1 (transport solved to optimality; masses scaled to 2^52 integer units). */
    EXACT,
    /** Sinkhorn approximation, used above the size threshold; never below the exact value's W1. */
    APPROXIMATE,
    /** Zero exposure: curvature 0 by GraphRicciCurvature's zero-weight rule; not in the statistics. */
    ZERO_WEIGHT,
    /** Self-loop: curvature undefined (NaN); not in the statistics. */
    SELF_LOOP
}
