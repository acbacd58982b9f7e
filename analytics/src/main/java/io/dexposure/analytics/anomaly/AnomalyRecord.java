package io.dexposure.analytics.anomaly;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.dexposure.analytics.metrics.ProtocolMetrics;

import java.util.ArrayList;
import java.util.List;

/**
 * One of the week's most anomalous nodes on the anomalies topic (key = node id): its rank, the ensemble
 * score, each detector's own score, what the week's collapses cost it, and the features that drive it. The
 * week's top N only (a flag).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"id", "week", "rank", "node", "name", "category", "ensemble", "isolationForest", "kmeansDistance",
        "dbscanCoreDistance", "pcaError", "autoencoderError", "dbscanNoise", "collapseLossUsd", "creditorLossUsd", "drivers",
        "nodesScored", "features"})
public class AnomalyRecord {
    /** week + ":" + node. */
    public String id;
    public String week;
    /** 1 = the week's most anomalous node. */
    public int rank;
    public String node;
    public String name;
    public String category;
    /** 1 - mean rank percentile over the detectors: 1 = first for every detector. */
    public double ensemble;
    /** Isolation Forest score in (0, 1]; about 0.5 or lower is ordinary. */
    public double isolationForest;
    /** Distance to its k-means centroid (robust z units). */
    public double kmeansDistance;
    /** Distance to its minPts-th nearest neighbour (robust z units). */
    public double dbscanCoreDistance;
    /** Squared PCA reconstruction error. */
    public double pcaError;
    /** Squared autoencoder reconstruction error; absent when the autoencoder is left out. */
    public Double autoencoderError;
    /** USD the network lost holding this node, if it collapsed this week (see CollapseLosses); else 0. */
    public double collapseLossUsd;
    /** USD this node lost on its holdings of the week's collapsing issuers; 0 if it held none. */
    public double creditorLossUsd;
    /** Whether DBSCAN left it outside every cluster. */
    public boolean dbscanNoise;
    /** The features with the largest |robust z|, largest first, as "name=z". */
    public String[] drivers;
    /** Nodes scored this week (the rank's denominator). */
    public int nodesScored;
    /** "all" (levels and changes) or "changes". */
    public String features;

    public AnomalyRecord() {
    }

    /** The week's top {@code n} as records. */
    public static List<AnomalyRecord> top(WeeklyAnomalies.Week week, int n, String features) {
        List<AnomalyRecord> out = new ArrayList<>();
        List<AnomalyEnsemble.Scored> top = week.top(n);
        for (int i = 0; i < top.size(); i++) {
            AnomalyEnsemble.Scored s = top.get(i);
            ProtocolMetrics m = week.features().metrics().get(s.row());
            AnomalyRecord r = new AnomalyRecord();
            r.week = week.week();
            r.node = s.id();
            r.id = r.week + ":" + r.node;
            r.rank = i + 1;
            r.name = m.name;
            r.category = m.category;
            r.ensemble = s.ensemble();
            r.isolationForest = s.scores()[0];
            r.kmeansDistance = s.scores()[1];
            r.dbscanCoreDistance = s.scores()[2];
            r.pcaError = s.scores()[3];
            r.autoencoderError = s.scores().length > AnomalyEnsemble.DETECTORS.size() ? s.scores()[AnomalyEnsemble.DETECTORS.size()] : null;
            r.collapseLossUsd = week.features().losses().ownLossUsd(s.id());
            r.creditorLossUsd = week.features().losses().creditorLossUsd(s.id());
            r.dbscanNoise = s.dbscanNoise();
            r.drivers = s.drivers().toArray(String[]::new);
            r.nodesScored = week.ranking().size();
            r.features = features;
            out.add(r);
        }
        return out;
    }
}
