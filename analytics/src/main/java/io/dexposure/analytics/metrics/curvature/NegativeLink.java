package io.dexposure.analytics.metrics.curvature;

import java.io.Serializable;

/**
 * One of the week's most negatively curved links: a bridge between neighbourhoods that share little,
 * where stress concentrates.
 *
 * @param position CSR link position in the week's {@code WeeklyNetwork}
 */
public record NegativeLink(int position, String sourceId, String targetId, double curvature) implements Serializable {
}
