package io.dexposure.analytics.assets;

import io.dexposure.events.NodeKind;

import java.util.Locale;

/**
 * What an issuer node id stands for in the data contract: a DefiLlama protocol (digits), a bucket that
 * issues nothing ({@code LP}, {@code OTHER}, {@code UNKNOWN ...}, the unresolved {@code None}), or a token
 * node (any other id: a token symbol mapped to itself, {@code UST}, {@code LUNA}, {@code FTT}).
 */
public enum AssetKind {
    PROTOCOL,
    TOKEN,
    BUCKET;

    public static AssetKind of(String id) {
        if (id == null) {
            return BUCKET;
        }
        if (NodeKind.classify(id) == NodeKind.PROTOCOL) {
            return PROTOCOL;
        }
        String upper = id.toUpperCase(Locale.ROOT);
        return upper.equals("LP") || upper.equals("OTHER") || upper.startsWith("UNKNOWN") || upper.equals("NONE")
                || upper.equals("NULL") ? BUCKET : TOKEN;
    }

    /** Lower-case name for records ("protocol", "token", "bucket"). */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
