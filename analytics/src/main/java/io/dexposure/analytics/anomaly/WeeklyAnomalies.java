package io.dexposure.analytics.anomaly;

import io.dexposure.analytics.metrics.ProtocolMetrics;

import java.util.List;

/**
 * Anomaly scoring week after week, fed in week order (it keeps last week's per-node metrics for the
 * change features): the week's nodes scored by the ensemble, most anomalous first. The first week is
 * scored on levels alone (its changes are 0).
 */
public final class WeeklyAnomalies {
    private final AnomalyEnsemble.Settings settings;
    private final boolean changesOnly;
    private final Autoencoder autoencoder;
    private List<ProtocolMetrics> previous;

    /**
     * @param changesOnly score on the week-over-week change features only, leaving out the levels
     *                    (which make the largest nodes stand out every week)
     */
    public WeeklyAnomalies(AnomalyEnsemble.Settings settings, boolean changesOnly) {
        this(settings, changesOnly, null);
    }

    /** @param autoencoder a fifth detector trained week after week on its rolling window, or null */
    public WeeklyAnomalies(AnomalyEnsemble.Settings settings, boolean changesOnly, Autoencoder autoencoder) {
        this.settings = settings;
        this.changesOnly = changesOnly;
        this.autoencoder = autoencoder;
    }

    /** One week's result: the ranking and the feature rows it came from. */
    public record Week(String week, ProtocolFeatures.Week features, List<AnomalyEnsemble.Scored> ranking) {
        public List<AnomalyEnsemble.Scored> top(int n) {
            return ranking.subList(0, Math.min(n, ranking.size()));
        }

        public int rankOf(String id) {
            for (int i = 0; i < ranking.size(); i++) {
                if (ranking.get(i).id().equals(id)) {
                    return i + 1;
                }
            }
            return -1;
        }
    }

    public Week next(List<ProtocolMetrics> week) {
        Week scored = score(week, previous);
        previous = week;
        return scored;
    }

    /**
     * One week scored against the week before it (null: none), without keeping either: for callers that
     * hold the previous week themselves (the streaming operator keeps it in Flink state).
     */
    public Week score(List<ProtocolMetrics> week, List<ProtocolMetrics> previous) {
        ProtocolFeatures.Week features = ProtocolFeatures.of(week, previous);
        List<String> ids = features.metrics().stream().map(m -> m.node).toList();
        if (!changesOnly) {
            return new Week(features.week(), features,
                    AnomalyEnsemble.score(features.rows(), ids, ProtocolFeatures.NAMES, settings, autoencoder));
        }
        int first = ProtocolFeatures.FIRST_CHANGE;
        double[][] rows = new double[features.rows().length][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = java.util.Arrays.copyOfRange(features.rows()[i], first, ProtocolFeatures.NAMES.size());
        }
        return new Week(features.week(), features, AnomalyEnsemble.score(rows, ids,
                ProtocolFeatures.NAMES.subList(first, ProtocolFeatures.NAMES.size()), settings, autoencoder));
    }
}
