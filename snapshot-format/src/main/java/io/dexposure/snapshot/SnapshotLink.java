package io.dexposure.snapshot;

import java.util.Map;

/**
 * An exposure link of one weekly snapshot: {@code source} holds tokens issued by {@code target}, so
 * source is exposed to target for {@code exposureUsd}.
 *
 * @param exposureUsd always &gt;= 0 once read (see {@link #flipped})
 * @param composition tokens that make up the exposure, token -> USD; empty when absent
 * @param flipped     true when the file gave a negative size on target -> source and the reader
 *                    applied the sign rule (reverse the direction, keep the magnitude)
 */
public record SnapshotLink(String source, String target, double exposureUsd, Map<String, Double> composition,
                           boolean flipped) {
}
