package io.dexposure.flink.job;

import io.dexposure.events.Topics;
import io.dexposure.flink.metrics.PageRankEngine;
import picocli.CommandLine.Option;

import java.io.Serializable;

/**
 * Every knob of the monitor job, as command-line flags with defaults (listed in the README). Used as a
 * picocli mixin by the launchers; tests set the fields directly.
 */
public class JobOptions implements Serializable {
    private static final long serialVersionUID = 1L;

    @Option(names = "--bootstrap-servers", description = "Kafka bootstrap servers (default: ${DEFAULT-VALUE}).")
    public String bootstrapServers = "127.0.0.1:9092";

    @Option(names = "--input-topic", description = "Snapshot-events topic to read (default: ${DEFAULT-VALUE}).")
    public String inputTopic = Topics.SNAPSHOT_EVENTS;

    @Option(names = "--metrics-topic", description = "Topic for one metrics record per week (default: ${DEFAULT-VALUE}).")
    public String metricsTopic = Topics.NETWORK_METRICS;

    @Option(names = "--protocol-metrics-topic", description = "Topic for one record per node per week (default: ${DEFAULT-VALUE}).")
    public String protocolMetricsTopic = Topics.PROTOCOL_METRICS;

    @Option(names = "--data-quality-topic", description = "Topic for weeks that did not add up (default: ${DEFAULT-VALUE}).")
    public String dataQualityTopic = Topics.DATA_QUALITY;

    @Option(names = "--alerts-topic", description = "Topic for shock alerts, key = subject (default: ${DEFAULT-VALUE}).")
    public String alertsTopic = Topics.ALERTS;

    @Option(names = "--protocol-risk-topic", description = "Topic for the week's top systemic protocols, key = protocol id (default: ${DEFAULT-VALUE}).")
    public String protocolRiskTopic = Topics.PROTOCOL_RISK;

    @Option(names = "--week-risk-topic", description = "Topic for one contagion and sector-spillover record per week (default: ${DEFAULT-VALUE}).")
    public String weekRiskTopic = Topics.WEEK_RISK;

    @Option(names = "--predictions-topic", description = "Topic for ROLAND's next-week link predictions, key = source (default: ${DEFAULT-VALUE}).")
    public String predictionsTopic = Topics.LINK_PREDICTIONS;

    @Option(names = "--model-quality-topic", description = "Topic for link-prediction quality per week and model, key = model (default: ${DEFAULT-VALUE}).")
    public String modelQualityTopic = Topics.MODEL_QUALITY;

    @Option(names = "--group-id", description = "Kafka consumer group of the source (default: ${DEFAULT-VALUE}).")
    public String groupId = "dexposure-monitor";

    @Option(names = "--transactional-id-prefix", description = "Prefix of the exactly-once sinks' Kafka transactional ids; keep it across restarts (default: ${DEFAULT-VALUE}).")
    public String transactionalIdPrefix = "dexposure-monitor";

    @Option(names = "--transaction-timeout-ms", description = "Kafka transaction timeout of the sinks; must stay under the broker's transaction.max.timeout.ms, 15 min by default (default: ${DEFAULT-VALUE}).")
    public long transactionTimeoutMs = 60_000;

    @Option(names = "--checkpoint-interval-ms", description = "Checkpoint interval; results become visible to read_committed consumers at each checkpoint (default: ${DEFAULT-VALUE}).")
    public long checkpointIntervalMs = 2_000;

    @Option(names = "--checkpoint-dir", description = "Checkpoint storage URI; checkpoints are kept on cancel so a restart can resume (default: ${DEFAULT-VALUE}).")
    public String checkpointDir = "file:///tmp/dexposure/checkpoints";

    @Option(names = "--parallelism", description = "Job parallelism: different weeks are analysed on different subtasks (default: ${DEFAULT-VALUE}).")
    public int parallelism = 2;

    @Option(names = "--out-of-orderness-ms", description = "Watermark lag behind the newest week seen; 0 suits a replay, where weeks arrive in order (default: ${DEFAULT-VALUE}).")
    public long outOfOrdernessMs = 0;

    @Option(names = "--idleness-ms", description = "A source partition with no records for this long stops holding back the watermark (default: ${DEFAULT-VALUE}).")
    public long idlenessMs = 30_000;

    @Option(names = "--pagerank-damping", description = "PageRank damping factor (default: ${DEFAULT-VALUE}).")
    public double pageRankDamping = 0.85;

    @Option(names = "--pagerank-engine", description = "Engine of the unweighted PageRank: ${COMPLETION-CANDIDATES}; same values, CSR is ~300x faster at real scale (default: ${DEFAULT-VALUE}).")
    public PageRankEngine pageRankEngine = PageRankEngine.GELLY;

    @Option(names = "--pagerank-max-iterations", description = "PageRank iteration cap (default: ${DEFAULT-VALUE}).")
    public int pageRankMaxIterations = 100;

    @Option(names = "--pagerank-tolerance", description = "PageRank stops when the summed absolute change falls below this (default: ${DEFAULT-VALUE}).")
    public double pageRankTolerance = 1e-9;

    @Option(names = "--restart-attempts", description = "Restarts from the last checkpoint before the job fails for good; 0 = fail at once (default: ${DEFAULT-VALUE}).")
    public int restartAttempts = 3;

    @Option(names = "--restart-delay-ms", description = "Pause before each restart (default: ${DEFAULT-VALUE}).")
    public long restartDelayMs = 5_000;

    @Option(names = "--bounded", description = "Stop after the records present at start have been processed, instead of following the topic (default: ${DEFAULT-VALUE}).")
    public boolean bounded = false;

    // --- Operational metrics and the event-time store (dashboards issue) ---

    @Option(names = "--prometheus-port", description = "Serve Flink's metrics to Prometheus on this port or port range (e.g. 9249 or 9250-9260) when the job runs embedded; empty = off. A Flink cluster uses its own metrics.reporter.prom.* configuration (default: off).")
    public String prometheusPort = "";

    @Option(names = "--jdbc-url", description = "Also write the results to this PostgreSQL event-time store, e.g. jdbc:postgresql://localhost:5432/dexposure (default: off).")
    public String jdbcUrl;

    @Option(names = "--jdbc-user", defaultValue = "${env:DEXPOSURE_JDBC_USER:-dexposure}", description = "Database user; env DEXPOSURE_JDBC_USER (default: ${DEFAULT-VALUE}).")
    public String jdbcUser = "dexposure";

    @Option(names = "--jdbc-password", defaultValue = "${env:DEXPOSURE_JDBC_PASSWORD}", description = "Database password; better given as env DEXPOSURE_JDBC_PASSWORD (default: none).")
    public String jdbcPassword;

    @Option(names = "--jdbc-batch-size", description = "Rows per JDBC batch (default: ${DEFAULT-VALUE}).")
    public int jdbcBatchSize = 500;

    @Option(names = "--jdbc-flush-interval-ms", description = "Longest wait before a partial batch is written; every checkpoint flushes too (default: ${DEFAULT-VALUE}).")
    public long jdbcFlushIntervalMs = 1_000;

    @Option(names = "--jdbc-migrate", negatable = true, description = "Apply the schema (dashboards/sql) before the job starts; --no-jdbc-migrate when the database is managed elsewhere (default: ${DEFAULT-VALUE}).")
    public boolean jdbcMigrate = true;
}
