package io.dexposure.job.functions;

import io.dexposure.analytics.anomaly.AnomalyRecord;
import io.dexposure.analytics.anomaly.Autoencoder;
import io.dexposure.analytics.anomaly.WeeklyAnomalies;
import io.dexposure.analytics.week.NetworkWeek;
import io.dexposure.job.options.MarketAnalysesOptions;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sequential anomaly operator: weeks in week order (from the {@link WeekSequencer}); each week's nodes
 * scored by the ensemble on their metrics and their change since the previous week ({@link WeeklyAnomalies}),
 * the top N emitted. State: the previous complete week (its metrics and links are rebuilt from it) and, with the
 * autoencoder, its window of sampled rows and weights ({@link Autoencoder.State}, about 300 KB at the defaults);
 * neither grows with the weeks.
 */
public class AnomalyDetectionFunction extends KeyedProcessFunction<Integer, NetworkWeek, AnomalyRecord> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(AnomalyDetectionFunction.class);
    public static final TypeInformation<AnomalyRecord> TYPE = TypeInformation.of(AnomalyRecord.class);

    private final MarketAnalysesOptions options;
    private transient WeeklyAnomalies anomalies;
    private transient Autoencoder autoencoder;
    private transient ValueState<NetworkWeek> previous;
    private transient ValueState<Autoencoder.State> autoencoderState;
    private transient volatile long lastScoringMillis;

    public AnomalyDetectionFunction(MarketAnalysesOptions options) {
        this.options = options;
    }

    @Override
    public void open(OpenContext openContext) {
        Autoencoder.Settings a = options.anomalyAutoencoderSettings();
        autoencoder = a == null ? null : new Autoencoder(a);
        anomalies = new WeeklyAnomalies(options.anomalyEnsemble(), options.anomalyChangesOnly(), autoencoder, options.collapseLosses());
        previous = getRuntimeContext().getState(new ValueStateDescriptor<>("previous-week", WeekSequencer.TYPE));
        autoencoderState = getRuntimeContext().getState(new ValueStateDescriptor<>("autoencoder", Autoencoder.State.class));
        getRuntimeContext().getMetricGroup().gauge("lastAnomalyScoringMillis", () -> lastScoringMillis);
    }

    @Override
    public void processElement(NetworkWeek week, Context ctx, Collector<AnomalyRecord> out) throws Exception {
        if (!week.complete) {
            return; // a rejected week carries no network: the next one is compared with the last good week
        }
        NetworkWeek last = previous.value();
        if (last != null && week.week.compareTo(last.week) <= 0) {
            LOG.warn("Week {} arrived after week {}; anomaly scoring skips it", week.week, last.week);
            return;
        }
        previous.update(week);
        if (week.nodeCount() < 3) {
            return; // the ensemble needs three nodes to rank
        }
        long start = System.nanoTime();
        if (autoencoder != null) {
            autoencoder.restore(autoencoderState.value());
        }
        WeeklyAnomalies.Week scored = anomalies.score(week, last);
        if (autoencoder != null) {
            autoencoderState.update(autoencoder.state());
        }
        lastScoringMillis = (System.nanoTime() - start) / 1_000_000;
        for (AnomalyRecord r : AnomalyRecord.top(scored, options.anomalyTop, options.anomalyFeatures)) {
            out.collect(r);
        }
    }
}
