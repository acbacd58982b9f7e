package io.dexposure.snapshot;

import java.util.Map;

/**
 * A node of one weekly snapshot as the file gives it.
 *
 * @param id          DefiLlama protocol id ("1599") or token bucket ("USDT", "LP", "UNKNOWN", ...)
 * @param tvlUsd      the node's TVL in USD (file field {@code size}), never negative once read
 * @param composition token -> USD held (file field {@code composition}); empty when absent
 */
public record SnapshotNode(String id, double tvlUsd, Map<String, Double> composition) {
}
