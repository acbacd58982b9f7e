package io.dexposure.flink.job;

import io.dexposure.analytics.incidents.Incident;
import io.dexposure.flink.alerts.Alert;
import io.dexposure.flink.assembly.WeekIssue;
import io.dexposure.flink.metrics.ProtocolMetrics;
import io.dexposure.flink.metrics.WeekMetrics;
import io.dexposure.flink.risk.ProtocolRisk;
import io.dexposure.flink.risk.WeekRisk;
import io.dexposure.flink.roland.LinkPrediction;
import io.dexposure.flink.roland.ModelQuality;
import io.dexposure.flink.sinks.JsonKafkaSink;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/**
 * Where each of the job's result streams goes. Injected, so tests can collect or discard; {@link #kafka}
 * is the production wiring (exactly-once, one transactional-id suffix per sink).
 */
public record JobSinks(Sink<WeekMetrics> metrics, Sink<ProtocolMetrics> protocols, Sink<WeekIssue> issues,
                       Sink<Alert> alerts, Sink<ProtocolRisk> protocolRisk, Sink<WeekRisk> weekRisk,
                       Sink<LinkPrediction> predictions, Sink<ModelQuality> modelQuality, Sink<Incident> incidents) {

    /** Without an incidents sink (discarded). */
    public JobSinks(Sink<WeekMetrics> metrics, Sink<ProtocolMetrics> protocols, Sink<WeekIssue> issues, Sink<Alert> alerts,
                    Sink<ProtocolRisk> protocolRisk, Sink<WeekRisk> weekRisk, Sink<LinkPrediction> predictions,
                    Sink<ModelQuality> modelQuality) {
        this(metrics, protocols, issues, alerts, protocolRisk, weekRisk, predictions, modelQuality, new DiscardingSink<>());
    }

    public static JobSinks kafka(JobOptions o) {
        return new JobSinks(
                JsonKafkaSink.exactlyOnce(o, o.metricsTopic, "metrics", (WeekMetrics m) -> m.week),
                JsonKafkaSink.exactlyOnce(o, o.protocolMetricsTopic, "protocol-metrics", (ProtocolMetrics p) -> p.node),
                JsonKafkaSink.exactlyOnce(o, o.dataQualityTopic, "data-quality", (WeekIssue i) -> i.week == null ? "" : i.week),
                JsonKafkaSink.exactlyOnce(o, o.alertsTopic, "alerts", (Alert a) -> a.subject),
                JsonKafkaSink.exactlyOnce(o, o.protocolRiskTopic, "protocol-risk", (ProtocolRisk r) -> r.node),
                JsonKafkaSink.exactlyOnce(o, o.weekRiskTopic, "week-risk", (WeekRisk r) -> r.week),
                JsonKafkaSink.exactlyOnce(o, o.predictionsTopic, "link-predictions", (LinkPrediction p) -> p.source),
                JsonKafkaSink.exactlyOnce(o, o.modelQualityTopic, "model-quality", (ModelQuality q) -> q.model),
                JsonKafkaSink.exactlyOnce(o, o.incidentsTopic, "incidents", (Incident i) -> i.incident));
    }

    /** Every stream discarded (tests that collect the {@link ExposureMonitorJob.Outputs} instead). */
    public static JobSinks discarding() {
        return new JobSinks(new DiscardingSink<>(), new DiscardingSink<>(), new DiscardingSink<>(), new DiscardingSink<>(),
                new DiscardingSink<>(), new DiscardingSink<>(), new DiscardingSink<>(), new DiscardingSink<>());
    }
}
