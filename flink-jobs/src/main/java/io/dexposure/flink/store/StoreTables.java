package io.dexposure.flink.store;

import io.dexposure.analytics.incidents.Incident;
import io.dexposure.flink.alerts.Alert;
import io.dexposure.flink.assembly.WeekIssue;
import io.dexposure.flink.metrics.ProtocolMetrics;
import io.dexposure.flink.metrics.WeekMetrics;
import io.dexposure.flink.risk.ProtocolRisk;
import io.dexposure.flink.risk.WeekRisk;
import io.dexposure.flink.roland.LinkPrediction;
import io.dexposure.flink.roland.ModelQuality;

import java.util.List;

/** The event-time store's tables (dashboards/sql/V1__event_time_store.sql), one per result stream, keyed by week and subject. */
public final class StoreTables {
    public static final StoreTable<WeekMetrics> WEEK_METRICS = new StoreTable<>("dexposure_week_metrics", WeekMetrics.class, "week");
    public static final StoreTable<ProtocolMetrics> PROTOCOL_METRICS = new StoreTable<>("dexposure_protocol_metrics", ProtocolMetrics.class, "week", "node");
    /** Keyed by the issue's id: a week can have several problems, and unreadable records carry their position. */
    public static final StoreTable<WeekIssue> DATA_QUALITY = new StoreTable<>("dexposure_data_quality", WeekIssue.class, "id");
    public static final StoreTable<Alert> ALERTS = new StoreTable<>("dexposure_alerts", Alert.class, "week", "rule", "subject");
    /** One row per incident and week (dashboards/sql/V2__incidents.sql). */
    public static final StoreTable<Incident> INCIDENTS = new StoreTable<>("dexposure_incidents", Incident.class, "week", "incident");
    public static final StoreTable<ProtocolRisk> PROTOCOL_RISK = new StoreTable<>("dexposure_protocol_risk", ProtocolRisk.class, "week", "node");
    public static final StoreTable<WeekRisk> WEEK_RISK = new StoreTable<>("dexposure_week_risk", WeekRisk.class, "week");
    public static final StoreTable<LinkPrediction> LINK_PREDICTIONS = new StoreTable<>("dexposure_link_predictions", LinkPrediction.class, "week", "source", "target");
    public static final StoreTable<ModelQuality> MODEL_QUALITY = new StoreTable<>("dexposure_model_quality", ModelQuality.class, "week", "model");

    public static final List<StoreTable<?>> ALL = List.of(WEEK_METRICS, PROTOCOL_METRICS, DATA_QUALITY, ALERTS, PROTOCOL_RISK,
            WEEK_RISK, LINK_PREDICTIONS, MODEL_QUALITY, INCIDENTS);

    private StoreTables() {
    }
}
