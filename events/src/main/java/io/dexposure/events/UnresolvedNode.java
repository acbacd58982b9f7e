package io.dexposure.events;

/**
 * The one node that stands for a null id. The real snapshot files have nodes whose id is JSON null (the
 * authors' summaries print it as "None", among the ten largest by weighted degree in 2025) and links whose
 * source or target is null: an issuer the ETL could not resolve. Dropping them would hide real exposure
 * from a risk analyst, so the reader keeps them as ONE explicit bucket node with this id, and links from
 * or to a null endpoint attach to it.
 */
public final class UnresolvedNode {
    /** The id of the unresolved-issuer node; a null id and the string "None" both become it. */
    public static final String ID = "None";

    private UnresolvedNode() {
    }

    /** True for the unresolved node's id (and for null, which the reader turns into it). */
    public static boolean isUnresolved(String id) {
        return id == null || ID.equals(id);
    }
}
