/**
 * Two-level Infomap (map equation) communities of the weekly exposure network and the modularity of
 * the partition. Entry point: {@link io.dexposure.analytics.metrics.community.Infomap}.
 *
 * <p>Clean-room: written from Rosvall and Bergstrom (2008, PNAS, "Maps of random walks on complex
 * networks reveal community structure"), the map equation papers (Rosvall, Axelsson and Bergstrom
 * 2009) and Lambiotte and Rosvall (2012, smart teleportation) for the flow models, and checked
 * against Infomap's published outputs only as numbers; no Infomap (GPL-3) code was read or ported.
 *
 * <p>Flow: {@link io.dexposure.analytics.metrics.community.FlowModel}; the default is Infomap's own default
 * for directed networks (unrecorded teleportation to links), so codelengths compare with Infomap's
 * {@code --directed --two-level}. Search: {@link io.dexposure.analytics.metrics.community.MapEquationOptimizer}
 * (node moves in seeded random order with the codelength tracked incrementally, module aggregation,
 * fine- and coarse-tuning), best of several trials. Modularity:
 * {@link io.dexposure.analytics.metrics.community.Modularity}, NetworkX's directed definition.
 */
package io.dexposure.analytics.metrics.community;
