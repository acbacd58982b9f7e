package io.dexposure.analytics.metrics.community;

import java.io.Serializable;

/**
 * The two-level Infomap partition of one week.
 *
 * @param moduleOfNode           module per node index: 0 .. moduleCount-1 are the communities, 0 the
 *                               one with the most flow; ids from moduleCount on are nodes without
 *                               links and nodes the walk never visits (no flow: under the default flow
 *                               nobody holds their tokens) that the search left on their own, one
 *                               module each; read them as "no community"
 * @param moduleCount            communities: modules with flow and at least one node with a link
 * @param codelength             map equation codelength of the partition, bits per step
 * @param oneModuleCodelength    codelength with every node in one module (the baseline the partition
 *                               compresses; relative savings = 1 - codelength / this)
 * @param largestModuleNodeShare nodes of the largest community (by nodes) / all nodes
 * @param largestModuleFlowShare flow of the module with the most flow (module 0)
 * @param modularity             directed Newman-Girvan modularity of the partition (NetworkX's), link
 *                               weights as the run used them
 * @param flowModel              the flow the codelength is of
 * @param trials                 trials run; the best was kept
 */
public record InfomapResult(int[] moduleOfNode, int moduleCount, double codelength, double oneModuleCodelength,
                            double largestModuleNodeShare, double largestModuleFlowShare, double modularity,
                            FlowModel flowModel, int trials) implements Serializable {
}
