package io.dexposure.job.store;

import io.dexposure.analytics.alerts.Alert;
import io.dexposure.analytics.assembly.WeekIssue;
import io.dexposure.analytics.incidents.Incident;
import io.dexposure.analytics.linkpred.ModelQuality;
import io.dexposure.analytics.metrics.ProtocolMetrics;
import io.dexposure.analytics.metrics.WeekMetrics;
import io.dexposure.analytics.risk.ProtocolRisk;
import io.dexposure.analytics.risk.WeekRisk;
import io.dexposure.analytics.roland.LinkPrediction;
import io.dexposure.job.streams.ResultStream;
import io.dexposure.job.streams.ResultStreams;

import java.util.List;

/**
 * The event-time store's tables (dashboards/sql), one per result stream of the catalogue, keyed by week
 * and subject. Derived from {@link ResultStreams}: a new stream needs no line here.
 */
public final class StoreTables {
    public static final StoreTable<WeekMetrics> WEEK_METRICS = of(ResultStreams.NETWORK_METRICS);
    public static final StoreTable<ProtocolMetrics> PROTOCOL_METRICS = of(ResultStreams.PROTOCOL_METRICS);
    public static final StoreTable<WeekIssue> DATA_QUALITY = of(ResultStreams.DATA_QUALITY);
    public static final StoreTable<Alert> ALERTS = of(ResultStreams.ALERTS);
    public static final StoreTable<ProtocolRisk> PROTOCOL_RISK = of(ResultStreams.PROTOCOL_RISK);
    public static final StoreTable<WeekRisk> WEEK_RISK = of(ResultStreams.WEEK_RISK);
    public static final StoreTable<Incident> INCIDENTS = of(ResultStreams.INCIDENTS);
    public static final StoreTable<LinkPrediction> LINK_PREDICTIONS = of(ResultStreams.LINK_PREDICTIONS);
    public static final StoreTable<ModelQuality> MODEL_QUALITY = of(ResultStreams.MODEL_QUALITY);

    /** Every stream's table, in catalogue order. */
    public static final List<StoreTable<?>> ALL = ResultStreams.ALL.stream().<StoreTable<?>>map(StoreTables::of).toList();

    private StoreTables() {
    }

    /** The table of one result stream. */
    public static <T> StoreTable<T> of(ResultStream<T> stream) {
        return new StoreTable<>(stream.table(), stream.type(), stream.tableKey().toArray(String[]::new));
    }
}
