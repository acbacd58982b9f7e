package io.dexposure.analytics.risk;

/**
 * What a contagion run ends with.
 *
 * @param lossUsd          total loss, the initial shock included
 * @param lossShare        lossUsd over the system's TVL (sum of positive node sizes)
 * @param rounds           propagation rounds run
 * @param distressed       indices of every distressed node (shocked ones included), ascending
 * @param distressedPerRound newly distressed nodes in each round
 * @param lossByNode       each node's loss in USD
 */
public record ContagionResult(double lossUsd, double lossShare, int rounds, int[] distressed, int[] distressedPerRound,
                              double[] lossByNode) {
}
