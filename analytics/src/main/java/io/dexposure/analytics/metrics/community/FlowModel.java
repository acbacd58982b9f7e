package io.dexposure.analytics.metrics.community;

/**
 * How the random walk whose description the map equation compresses moves on the exposure network.
 * Teleportation probability tau (default 0.15) applies to the directed models.
 */
public enum FlowModel {
    /**
     * Links as undirected (a link each way summed): node flow = strength / 2W, link flow w / 2W each
     * way, no teleportation. Infomap's {@code --flow-model undirected} (its default).
     */
    UNDIRECTED,
    /**
     * Infomap's default for directed networks ({@code --directed}): unrecorded teleportation to links
     * (Lambiotte and Rosvall 2012). PageRank with damping 1 - tau whose teleportation lands on nodes in
     * proportion to their out-strength (a random link's source); then one step along the links: link
     * flow = rank(a) w(a,b) / s_out(a), normalised to sum 1, node flow = the link flow entering it.
     * Teleportation steps are not coded, so the codelength is the one Infomap reports with
     * {@code --directed} (checked on its twotriangles fixture).
     */
    DIRECTED,
    /**
     * Rosvall and Bergstrom (2008, PNAS): PageRank with uniform teleportation to all n nodes (a node
     * without out-links always teleports); node flow = PageRank; teleportation steps are recorded: a
     * module is also exited (entered) by the teleportation that lands outside (inside) it. Its codelength
     * counts those steps, so it is larger than {@link #DIRECTED}'s and not what current Infomap
     * reports by default ({@code --recorded-teleportation} is an opt-in there).
     */
    DIRECTED_RECORDED
}
