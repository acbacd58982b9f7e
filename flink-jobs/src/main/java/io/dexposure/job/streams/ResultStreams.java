package io.dexposure.job.streams;

import io.dexposure.analytics.alerts.Alert;
import io.dexposure.analytics.anomaly.AnomalyRecord;
import io.dexposure.analytics.sectors.SectorFlowRecord;
import io.dexposure.analytics.assembly.WeekIssue;
import io.dexposure.analytics.incidents.Incident;
import io.dexposure.analytics.linkpred.ModelQuality;
import io.dexposure.analytics.metrics.ProtocolMetrics;
import io.dexposure.analytics.metrics.WeekMetrics;
import io.dexposure.analytics.risk.ProtocolRisk;
import io.dexposure.analytics.risk.WeekRisk;
import io.dexposure.analytics.roland.LinkPrediction;
import io.dexposure.job.types.MetricsTypes;
import org.apache.flink.api.common.typeinfo.TypeInformation;

import java.util.List;
import java.util.Optional;

/**
 * The catalogue of the job's result streams: every stream is described here and nowhere else (topics,
 * keys, store tables, type information). {@code DocsGeneratorTest} keeps docs/records.md in step with it.
 */
public final class ResultStreams {
    public static final ResultStream<WeekMetrics> NETWORK_METRICS = new ResultStream<>("network-metrics",
            WeekMetrics.class, MetricsTypes.WEEK_METRICS, "dexposure.network-metrics", m -> m.week, "week",
            "dexposure_week_metrics", List.of("week"), "weekly-window-network-metrics",
            "One record per complete week: size, density, degrees, concentration, PageRank, centralities, communities, curvature.");
    public static final ResultStream<ProtocolMetrics> PROTOCOL_METRICS = new ResultStream<>("protocol-metrics",
            ProtocolMetrics.class, MetricsTypes.PROTOCOL_METRICS, "dexposure.protocol-metrics", p -> p.node, "node id",
            "dexposure_protocol_metrics", List.of("week", "node"), "weekly-window-network-metrics",
            "One record per node per complete week (TVL, strengths, PageRank, closeness, betweenness, module).");
    public static final ResultStream<WeekIssue> DATA_QUALITY = new ResultStream<>("data-quality",
            WeekIssue.class, TypeInformation.of(WeekIssue.class), "dexposure.data-quality", i -> i.week == null ? "" : i.week,
            "week", "dexposure_data_quality", List.of("id"), "several",
            "Weeks that did not add up to their week-closed counts; unreadable, late, duplicate and out-of-order records.");
    public static final ResultStream<Alert> ALERTS = new ResultStream<>("alerts",
            Alert.class, TypeInformation.of(Alert.class), "dexposure.alerts", a -> a.subject, "subject",
            "dexposure_alerts", List.of("week", "rule", "subject"), "shock-detector",
            "Shock alerts (id = week:rule:subject), with severity, subjects and measured values.");
    public static final ResultStream<ProtocolRisk> PROTOCOL_RISK = new ResultStream<>("protocol-risk",
            ProtocolRisk.class, TypeInformation.of(ProtocolRisk.class), "dexposure.protocol-risk", r -> r.node, "node id",
            "dexposure_protocol_risk", List.of("week", "node"), "shock-detector",
            "The week's top-N systemic protocols (Systemic Importance Score and its parts).");
    public static final ResultStream<WeekRisk> WEEK_RISK = new ResultStream<>("week-risk",
            WeekRisk.class, TypeInformation.of(WeekRisk.class), "dexposure.week-risk", r -> r.week, "week",
            "dexposure_week_risk", List.of("week"), "shock-detector",
            "One contagion (DebtRank) and sector-spillover summary per week.");
    public static final ResultStream<LinkPrediction> LINK_PREDICTIONS = new ResultStream<>("link-predictions",
            LinkPrediction.class, TypeInformation.of(LinkPrediction.class), "dexposure.link-predictions", p -> p.source,
            "source id", "dexposure_link_predictions", List.of("week", "source", "target"), "roland-live-update",
            "ROLAND's predicted exposures for next week (only with ROLAND on).");
    public static final ResultStream<ModelQuality> MODEL_QUALITY = new ResultStream<>("model-quality",
            ModelQuality.class, TypeInformation.of(ModelQuality.class), "dexposure.model-quality", q -> q.model, "model",
            "dexposure_model_quality", List.of("week", "model"), "roland-live-update",
            "Link-prediction quality per week and model: ROLAND and the live baselines (only with ROLAND on).");

    public static final ResultStream<Incident> INCIDENTS = new ResultStream<>("incidents",
            Incident.class, TypeInformation.of(Incident.class), "dexposure.incidents", i -> i.incident, "incident id",
            "dexposure_incidents", List.of("week", "incident"), "shock-detector",
            "One record per open incident per week (alerts about one event grouped, stable id); at most 3 critical per week.");

    public static final ResultStream<SectorFlowRecord> SECTOR_FLOWS = new ResultStream<>("sector-flows",
            SectorFlowRecord.class, TypeInformation.of(SectorFlowRecord.class), "dexposure.sector-flows", r -> r.week, "week",
            "dexposure_sector_flows", List.of("week"), "sector-flows",
            "One record per week: per-sector net inflow, flows between sectors, and the VAR refitted on the last weeks (lag, coefficients, Granger p-values, orthogonalised impulse responses); off with --no-sector-flows.");
    public static final ResultStream<AnomalyRecord> ANOMALIES = new ResultStream<>("anomalies",
            AnomalyRecord.class, TypeInformation.of(AnomalyRecord.class), "dexposure.anomalies", r -> r.node, "node id",
            "dexposure_anomalies", List.of("week", "node"), "anomaly-detector",
            "The week's top-N anomalous nodes (--anomaly-top): ensemble score, each detector's score, driving features; off with --no-anomalies.");

    /** Every result stream, in the order of the docs. */
    public static final List<ResultStream<?>> ALL = List.of(NETWORK_METRICS, PROTOCOL_METRICS, DATA_QUALITY, ALERTS,
            PROTOCOL_RISK, WEEK_RISK, INCIDENTS, SECTOR_FLOWS, ANOMALIES, LINK_PREDICTIONS, MODEL_QUALITY);

    private ResultStreams() {
    }

    public static Optional<ResultStream<?>> byName(String name) {
        return ALL.stream().filter(s -> s.name().equals(name)).findFirst();
    }
}
