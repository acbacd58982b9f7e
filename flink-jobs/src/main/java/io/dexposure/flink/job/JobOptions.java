package io.dexposure.flink.job;

import io.dexposure.events.Topics;
import io.dexposure.flink.metrics.PageRankEngine;
import io.dexposure.flink.roland.RolandSettings;
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

    @Option(names = "--max-parallelism", description = "Key groups of every keyed operator: the highest parallelism a savepoint of this job can be restored at; never change it on a running deployment (default: ${DEFAULT-VALUE}).")
    public int maxParallelism = 128;

    @Option(names = "--out-of-orderness-ms", description = "Watermark lag behind the newest week seen; 0 suits a replay, where weeks arrive in order (default: ${DEFAULT-VALUE}).")
    public long outOfOrdernessMs = 0;

    @Option(names = "--idleness-ms", description = "A source partition with no records for this long stops holding back the watermark (default: ${DEFAULT-VALUE}).")
    public long idlenessMs = 30_000;

    @Option(names = "--pagerank-damping", description = "PageRank damping factor (default: ${DEFAULT-VALUE}).")
    public double pageRankDamping = 0.85;

    @Option(names = "--pagerank-engine", description = "Engine of the unweighted PageRank: ${COMPLETION-CANDIDATES}; same values, CSR is ~300x faster at real scale (default: ${DEFAULT-VALUE}).")
    public PageRankEngine pageRankEngine = PageRankEngine.CSR;

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

    @Option(names = "--alert-thresholds", description = "Properties file overriding the shipped alert-thresholds.properties key by key (default: the shipped thresholds; see the README).")
    public String alertThresholdsFile;

    /** The alert thresholds: the shipped ones, overridden by --alert-thresholds; a bad file fails here, at submission. */
    public io.dexposure.flink.alerts.AlertThresholds alertThresholds() {
        try {
            return alertThresholdsFile == null ? io.dexposure.flink.alerts.AlertThresholds.defaults()
                    : io.dexposure.flink.alerts.AlertThresholds.load(java.nio.file.Path.of(alertThresholdsFile));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot read --alert-thresholds " + alertThresholdsFile, e);
        }
    }

    /** The weekly analysis as these options configure it. */
    public io.dexposure.flink.metrics.WeekMetricsCalculator calculator() {
        return new io.dexposure.flink.metrics.WeekMetricsCalculator(pageRankDamping, pageRankMaxIterations, pageRankTolerance,
                pageRankEngine);
    }

    // ---- ROLAND temporal GNN and the live link-prediction baselines (issue 6). ----

    @Option(names = "--roland", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Run ROLAND's live update after the week sequencer: score last week's predictions, fine-tune, advance the states, predict next week; --no-roland leaves it out (default: ${DEFAULT-VALUE}).")
    public boolean roland = true;

    @Option(names = "--roland-preprocess-sizes", split = ",", description = "Widths of ROLAND's two preprocessing layers (default: 128,64).")
    public int[] rolandPreprocessSizes = {128, 64};

    @Option(names = "--roland-gnn-sizes", split = ",", description = "Widths of the two GCN + GRU layers; the last is the embedding the decoder reads (default: 64,32).")
    public int[] rolandGnnSizes = {64, 32};

    @Option(names = "--roland-learning-rate", description = "Adam learning rate of the weekly fine-tuning (default: ${DEFAULT-VALUE}).")
    public double rolandLearningRate = 0.01;

    @Option(names = "--roland-max-epochs", description = "Fine-tuning epochs per week at most, one full-graph step each (default: ${DEFAULT-VALUE}).")
    public int rolandMaxEpochs = 5;

    @Option(names = "--roland-patience", description = "Epochs without a better internal-validation loss before fine-tuning stops (default: ${DEFAULT-VALUE}).")
    public int rolandPatience = 2;

    @Option(names = "--roland-validation-share", description = "Share of next-week links held out for early stopping (default: ${DEFAULT-VALUE}).")
    public double rolandValidationShare = 0.2;

    @Option(names = "--roland-negative-ratio", description = "Sampled non-links per link, in training and in evaluation (default: ${DEFAULT-VALUE}).")
    public double rolandNegativeRatio = 1.0;

    @Option(names = "--roland-top-k", description = "New exposures predicted per week (default: ${DEFAULT-VALUE}).")
    public int rolandTopK = 100;

    @Option(names = "--roland-mrr-queries", description = "Links per week ranked for the MRR (default: ${DEFAULT-VALUE}).")
    public int rolandMrrQueries = 1000;

    @Option(names = "--roland-mrr-candidates", description = "Sampled non-link targets each MRR query is ranked against (default: ${DEFAULT-VALUE}).")
    public int rolandMrrCandidates = 100;

    @Option(names = "--roland-live-baselines", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Also score common neighbours, Adamic-Adar, Jaccard and preferential attachment every week (persistence always runs) (default: ${DEFAULT-VALUE}).")
    public boolean rolandLiveBaselines = true;

    @Option(names = "--roland-seed", description = "Seed of the initial parameters and of every negative sample (default: ${DEFAULT-VALUE}).")
    public long rolandSeed = 42;

    @Option(names = "--roland-threads", description = "PyTorch threads; a fixed count keeps training deterministic across restarts (default: ${DEFAULT-VALUE}).")
    public int rolandThreads = 1;

    /** The ROLAND flags as the model's settings. */
    public RolandSettings rolandSettings() {
        RolandSettings s = new RolandSettings();
        s.preprocessSizes = rolandPreprocessSizes.clone();
        s.gnnSizes = rolandGnnSizes.clone();
        s.learningRate = rolandLearningRate;
        s.maxEpochs = rolandMaxEpochs;
        s.patience = rolandPatience;
        s.validationShare = rolandValidationShare;
        s.negativeRatio = rolandNegativeRatio;
        s.topK = rolandTopK;
        s.mrrQueries = rolandMrrQueries;
        s.mrrCandidates = rolandMrrCandidates;
        s.liveBaselines = rolandLiveBaselines;
        s.seed = rolandSeed;
        s.threads = rolandThreads;
        return s;
    }

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
