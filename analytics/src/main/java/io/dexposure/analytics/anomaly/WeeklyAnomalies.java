package io.dexposure.analytics.anomaly;

import io.dexposure.analytics.metrics.ProtocolMetrics;
import io.dexposure.analytics.week.NetworkWeek;

import java.util.Arrays;
import java.util.List;

/**
 * Anomaly scoring week after week, fed in week order (it keeps last week for the change features): the
 * week's nodes scored by the ensemble, most anomalous first. The first week is scored on levels alone (its
 * changes are 0). Fed whole networks it also reads what the week's collapses cost ({@link CollapseLosses});
 * fed per-node metrics only, those two features are 0. Only material nodes are scored
 * ({@link AnomalyEnsemble.Settings#materialUsd()}); the week's ranking lists those.
 */
public final class WeeklyAnomalies {
    private final AnomalyEnsemble.Settings settings;
    private final boolean changesOnly;
    private final Autoencoder autoencoder;
    private final CollapseLosses.Settings losses;
    private List<ProtocolMetrics> previous;
    private NetworkWeek previousNetwork;

    /**
     * @param changesOnly score on the week-over-week change features only, leaving out the levels
     *                    (which make the largest nodes stand out every week)
     */
    public WeeklyAnomalies(AnomalyEnsemble.Settings settings, boolean changesOnly) {
        this(settings, changesOnly, null);
    }

    /** @param autoencoder a fifth detector trained week after week on its rolling window, or null */
    public WeeklyAnomalies(AnomalyEnsemble.Settings settings, boolean changesOnly, Autoencoder autoencoder) {
        this(settings, changesOnly, autoencoder, CollapseLosses.Settings.defaults());
    }

    /** @param losses when an issuer counts as collapsing, for the loss features */
    public WeeklyAnomalies(AnomalyEnsemble.Settings settings, boolean changesOnly, Autoencoder autoencoder,
                           CollapseLosses.Settings losses) {
        this.settings = settings;
        this.changesOnly = changesOnly;
        this.autoencoder = autoencoder;
        this.losses = losses;
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

    /** The next week from its per-node metrics alone (no loss features). */
    public Week next(List<ProtocolMetrics> week) {
        Week scored = score(week, previous);
        previous = week;
        return scored;
    }

    /** The next week from its network (loss features included). */
    public Week next(NetworkWeek week) {
        Week scored = score(week, previousNetwork);
        previousNetwork = week;
        return scored;
    }

    /**
     * One week scored against the week before it (null: none), without keeping either: for callers that
     * hold the previous week themselves (the streaming operator keeps it in Flink state).
     */
    public Week score(List<ProtocolMetrics> week, List<ProtocolMetrics> previous) {
        return score(ProtocolFeatures.of(week, previous));
    }

    /** As {@link #score(List, List)}, from the two networks, with what the week's collapses cost. */
    public Week score(NetworkWeek week, NetworkWeek previous) {
        return score(ProtocolFeatures.of(week, previous, losses));
    }

    private Week score(ProtocolFeatures.Week features) {
        int[] scored = material(features);
        int first = changesOnly ? ProtocolFeatures.FIRST_CHANGE : 0;
        int all = ProtocolFeatures.NAMES.size();
        double[][] rows = new double[scored.length][];
        List<String> ids = new java.util.ArrayList<>(scored.length);
        for (int i = 0; i < scored.length; i++) {
            double[] row = features.rows()[scored[i]];
            rows[i] = first == 0 ? row : Arrays.copyOfRange(row, first, all);
            ids.add(features.metrics().get(scored[i]).node);
        }
        List<AnomalyEnsemble.Scored> ranking = AnomalyEnsemble.score(rows, Arrays.copyOfRange(features.spreads(), first, all), ids,
                ProtocolFeatures.NAMES.subList(first, all), settings, autoencoder);
        if (scored.length == features.rows().length) {
            return new Week(features.week(), features, ranking);
        }
        // Back to the week's row numbers, which the records read the metrics by.
        List<AnomalyEnsemble.Scored> mapped = ranking.stream().map(s -> new AnomalyEnsemble.Scored(scored[s.row()], s.id(),
                s.scores(), s.ensemble(), s.dbscanNoise(), s.z(), s.featureNames())).toList();
        return new Week(features.week(), features, mapped);
    }

    /** The rows at or above the materiality floor (all of them when fewer than 3 are). */
    private int[] material(ProtocolFeatures.Week features) {
        int n = features.rows().length;
        int[] kept = new int[n];
        int k = 0;
        for (int i = 0; i < n; i++) {
            if (features.sizeUsd()[i] >= settings.materialUsd()) {
                kept[k++] = i;
            }
        }
        if (k < 3) {
            k = n;
            for (int i = 0; i < n; i++) {
                kept[i] = i;
            }
        }
        return Arrays.copyOf(kept, k);
    }
}
