package io.dexposure.events;

import java.util.regex.Pattern;

/**
 * What a node id stands for. The dataset mixes DefiLlama protocol ids ("1599", or "parent#aave" for
 * parent protocols) with token buckets that have no issuing protocol ("USDT", "WETH", "LP",
 * "UNKNOWN", "OTHER"), and the one {@link UnresolvedNode} ("None") that stands for null ids.
 */
public enum NodeKind {
    PROTOCOL,
    TOKEN_BUCKET,
    /** The {@link UnresolvedNode}: an issuer the data's ETL could not resolve (a null id). */
    UNRESOLVED;

    private static final Pattern PROTOCOL_ID = Pattern.compile("\\d+|parent#.+");

    public static NodeKind classify(String nodeId) {
        if (UnresolvedNode.isUnresolved(nodeId)) {
            return UNRESOLVED;
        }
        return PROTOCOL_ID.matcher(nodeId).matches() ? PROTOCOL : TOKEN_BUCKET;
    }

    /** The lower-case name used in JSON ("protocol", "token_bucket", "unresolved"). */
    public String jsonName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static NodeKind fromJsonName(String name) {
        return valueOf(name.toUpperCase(java.util.Locale.ROOT));
    }
}
