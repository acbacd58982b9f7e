package io.dexposure.replayer.generate;

import java.time.LocalDate;
import java.util.List;

/**
 * What a scripted crisis did in one generated run: the ground truth that tests (and later alert
 * tests) check against. Written to and read from the scenario manifest by {@link ScenarioManifest}.
 *
 * @param name               "terra-like" or "ftx-like"
 * @param weeks              the collapse weeks that were generated (normally two)
 * @param baselineWeek       the week before the collapse, the reference for the drops
 * @param issuerId           the collapsing issuer (Algo-Stables issuer, or the CEX with the exchange token)
 * @param issuerTokens       the issuer's token symbols (what its holders' links are made of)
 * @param clusterRole        "ecosystem" (Terra-like) or "exchange-linked cluster" (FTX-like)
 * @param clusterIds         protocols tied to the issuer that collapse or drain with it
 * @param largestCreditorIds outside the cluster, the holders with the largest exposure to the issuer in
 *                           the baseline week, largest first
 * @param observed           measured values for the baseline week and each collapse week
 */
public record ScenarioGroundTruth(String name, List<LocalDate> weeks, LocalDate baselineWeek, String issuerId,
                                  String issuerName, String issuerCategory, List<String> issuerTokens,
                                  String clusterRole, List<String> clusterIds, List<String> largestCreditorIds,
                                  List<WeekObservation> observed) {

    /**
     * @param issuerTvlUsd           the issuer node's size
     * @param exposureToIssuerUsd    sum of all links into the issuer (every holder's exposure to it)
     * @param clusterTvlUsd          sum of the cluster's node sizes
     * @param largestCreditorsTvlUsd sum of the largest creditors' node sizes
     */
    public record WeekObservation(LocalDate week, double issuerTvlUsd, double exposureToIssuerUsd,
                                  double clusterTvlUsd, double largestCreditorsTvlUsd) {
    }
}
