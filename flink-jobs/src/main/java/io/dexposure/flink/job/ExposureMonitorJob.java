package io.dexposure.flink.job;

import io.dexposure.events.SnapshotEvent;
import io.dexposure.events.WeekDates;
import io.dexposure.flink.assembly.WeekCompleteTrigger;
import io.dexposure.flink.assembly.WeekIssue;
import io.dexposure.flink.metrics.WeekMetrics;
import io.dexposure.flink.metrics.MetricsTypes;
import io.dexposure.flink.metrics.ProtocolMetrics;
import io.dexposure.flink.alerts.Alert;
import io.dexposure.flink.risk.ProtocolRisk;
import io.dexposure.flink.risk.WeekRisk;
import io.dexposure.flink.roland.LinkPrediction;
import io.dexposure.flink.roland.ModelQuality;
import io.dexposure.flink.roland.RolandUpdateFunction;
import io.dexposure.flink.sequence.NetworkWeek;
import io.dexposure.flink.sequence.WeekSequencer;
import io.dexposure.flink.sources.SnapshotEventDeserializer;
import io.dexposure.flink.sources.SnapshotEventSource;
import io.dexposure.flink.sources.SnapshotEventTypes;
import io.dexposure.flink.monitoring.FlinkPrometheus;
import io.dexposure.flink.store.EventTimeStore;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.restartstrategy.RestartStrategies;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.streaming.api.CheckpointingMode;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

import java.time.Duration;

/**
 * The monitor job, read top-down: Kafka snapshot events -> event-time watermarks (the snapshot date)
 * -> key by week -> weekly window that fires when the week is complete -> assemble + metrics ->
 * metrics topic, one record per node -> protocol-metrics topic; weeks that do not add up, unreadable records and late records -> data-quality topic.
 *
 * <p>Source and sinks are injected (see {@link #forKafka}) so tests can swap them.
 */
public class ExposureMonitorJob {
    public static final String JOB_NAME = "DeXposure exposure monitor";
    /** Weeks are Monday snapshots; 1970-01-01 was a Thursday, so a 4-day offset aligns windows to Mondays. */
    static final Duration WEEK = Duration.ofDays(7);
    static final Duration MONDAY_OFFSET = Duration.ofDays(4);

    private static final OutputTag<WeekIssue> ISSUES = new OutputTag<>("week-issues", TypeInformation.of(WeekIssue.class));
    private static final OutputTag<ProtocolMetrics> PROTOCOLS = new OutputTag<>("protocol-metrics", MetricsTypes.PROTOCOL_METRICS);
    private static final OutputTag<NetworkWeek> NETWORKS = new OutputTag<>("analysed-networks", WeekSequencer.TYPE);
    private static final OutputTag<ProtocolRisk> PROTOCOL_RISK = new OutputTag<>("protocol-risk", ShockDetectionFunction.PROTOCOL_RISK);
    private static final OutputTag<WeekRisk> WEEK_RISK = new OutputTag<>("week-risk", ShockDetectionFunction.WEEK_RISK);
    private static final OutputTag<SnapshotEvent> LATE = new OutputTag<>("late-records", SnapshotEventTypes.EVENT);

    private final Source<SnapshotEvent, ?, ?> source;
    private final JobSinks sinks;
    private final JobOptions options;

    public ExposureMonitorJob(Source<SnapshotEvent, ?, ?> source, JobSinks sinks, JobOptions options) {
        this.source = source;
        this.sinks = sinks;
        this.options = options;
    }

    /** The job wired to Kafka as the options say. */
    public static ExposureMonitorJob forKafka(JobOptions options) {
        return new ExposureMonitorJob(SnapshotEventSource.kafka(options), JobSinks.kafka(options), options);
    }

    /** Checkpointing and parallelism as the options say; checkpoints are kept on cancel so a restart resumes. */
    public static Configuration clusterConfiguration(JobOptions options) {
        Configuration conf = new Configuration();
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, options.checkpointDir);
        conf.set(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION, ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        // DJL (ROLAND) loads PyTorch's native library once per JVM: loading its classes parent-first keeps a
        // job restart from loading it again in a new user-code classloader (docker/flink/config.yaml says the same).
        conf.set(CoreOptions.ALWAYS_PARENT_FIRST_LOADER_PATTERNS_ADDITIONAL, java.util.List.of("ai.djl"));
        FlinkPrometheus.configureReporter(conf, options.prometheusPort);
        return conf;
    }

    /**
     * The job's result streams, before their sinks (tests can also collect them directly); {@code weeks}
     * is every analysed week in week order, the input of the sequential operators; {@code predictions} and
     * {@code modelQuality} are ROLAND's (null with {@code --no-roland}).
     */
    public record Outputs(DataStream<WeekMetrics> metrics, DataStream<ProtocolMetrics> protocols, DataStream<WeekIssue> issues,
                          DataStream<NetworkWeek> weeks, DataStream<Alert> alerts, DataStream<ProtocolRisk> protocolRisk,
                          DataStream<WeekRisk> weekRisk, DataStream<LinkPrediction> predictions,
                          DataStream<ModelQuality> modelQuality) {
    }

    public Outputs build(StreamExecutionEnvironment env) {
        env.setParallelism(options.parallelism);
        // Fixed, not derived from the parallelism: savepoints restore at any parallelism up to it (issue 16).
        env.setMaxParallelism(options.maxParallelism);
        env.enableCheckpointing(options.checkpointIntervalMs, CheckpointingMode.EXACTLY_ONCE);
        // A bounded number of restarts: a transient broker hiccup is survived, a real bug surfaces.
        env.setRestartStrategy(options.restartAttempts == 0 ? RestartStrategies.noRestart()
                : RestartStrategies.fixedDelayRestart(options.restartAttempts, options.restartDelayMs));

        long outOfOrdernessMs = options.outOfOrdernessMs; // the lambda must not capture this job object
        WatermarkStrategy<SnapshotEvent> snapshotDates = WatermarkStrategy
                .<SnapshotEvent>forGenerator(ctx -> new SnapshotWatermarks(outOfOrdernessMs))
                .withTimestampAssigner((event, kafkaTimestamp) -> eventTime(event))
                .withIdleness(Duration.ofMillis(options.idlenessMs));

        SingleOutputStreamOperator<SnapshotEvent> events = env
                .fromSource(source, snapshotDates, "snapshot-events")
                .uid("snapshot-events-source")
                .process(new SplitUnreadable(), SnapshotEventTypes.EVENT)
                .name("split-unreadable-records").uid("split-unreadable-records");

        SingleOutputStreamOperator<WeekMetrics> metrics = events
                .keyBy(event -> event.week, TypeInformation.of(String.class))
                .window(TumblingEventTimeWindows.of(WEEK, MONDAY_OFFSET))
                .trigger(new WeekCompleteTrigger())
                .sideOutputLateData(LATE)
                .process(new AnalyseWeekFunction(options.calculator(), ISSUES, PROTOCOLS, NETWORKS), MetricsTypes.WEEK_METRICS)
                .name("weekly-window-network-metrics").uid("weekly-window-network-metrics");

        DataStream<WeekIssue> lateWeeks = metrics.getSideOutput(LATE)
                .keyBy(event -> event.week, TypeInformation.of(String.class))
                .process(new LateRecordReporter(), TypeInformation.of(WeekIssue.class))
                .name("report-late-records").uid("report-late-records");

        // Weeks back in week order, for everything that compares a week with the one before it.
        SingleOutputStreamOperator<NetworkWeek> weeks = metrics.getSideOutput(NETWORKS)
                .keyBy(week -> WeekSequencer.KEY, TypeInformation.of(Integer.class))
                .process(new WeekSequencer(ISSUES), WeekSequencer.TYPE)
                .name("week-sequencer").uid("week-sequencer").setParallelism(1);

        // Shock rules, systemic importance and contagion: each week against the one before it.
        SingleOutputStreamOperator<Alert> alerts = weeks
                .keyBy(week -> WeekSequencer.KEY, TypeInformation.of(Integer.class))
                .process(new ShockDetectionFunction(options.alertThresholds(), PROTOCOL_RISK, WEEK_RISK), ShockDetectionFunction.ALERT)
                .name("shock-detector").uid("shock-detector").setParallelism(1);
        DataStream<ProtocolRisk> protocolRisk = alerts.getSideOutput(PROTOCOL_RISK);
        DataStream<WeekRisk> weekRisk = alerts.getSideOutput(WEEK_RISK);

        DataStream<WeekIssue> issues = metrics.getSideOutput(ISSUES).union(events.getSideOutput(ISSUES), lateWeeks,
                weeks.getSideOutput(ISSUES));

        DataStream<ProtocolMetrics> protocols = metrics.getSideOutput(PROTOCOLS);

        metrics.sinkTo(sinks.metrics()).name("network-metrics-sink").uid("network-metrics-sink");
        protocols.sinkTo(sinks.protocols()).name("protocol-metrics-sink").uid("protocol-metrics-sink");
        issues.sinkTo(sinks.issues()).name("data-quality-sink").uid("data-quality-sink");
        alerts.sinkTo(sinks.alerts()).name("alerts-sink").uid("alerts-sink");
        protocolRisk.sinkTo(sinks.protocolRisk()).name("protocol-risk-sink").uid("protocol-risk-sink");
        weekRisk.sinkTo(sinks.weekRisk()).name("week-risk-sink").uid("week-risk-sink");

        // ROLAND's live update: score last week's predictions, fine-tune, advance the states, predict next week.
        DataStream<LinkPrediction> predictions = null;
        DataStream<ModelQuality> modelQuality = null;
        if (options.roland) {
            SingleOutputStreamOperator<LinkPrediction> roland = weeks
                    .keyBy(week -> WeekSequencer.KEY, TypeInformation.of(Integer.class))
                    .process(new RolandUpdateFunction(options.rolandSettings()), RolandUpdateFunction.PREDICTION)
                    .name("roland-live-update").uid("roland-live-update").setParallelism(1);
            predictions = roland;
            modelQuality = roland.getSideOutput(RolandUpdateFunction.QUALITY);
            predictions.sinkTo(sinks.predictions()).name("link-predictions-sink").uid("link-predictions-sink");
            modelQuality.sinkTo(sinks.modelQuality()).name("model-quality-sink").uid("model-quality-sink");
        }
        Outputs outputs = new Outputs(metrics, protocols, issues, weeks, alerts, protocolRisk, weekRisk, predictions, modelQuality);
        EventTimeStore.attach(outputs, options); // PostgreSQL, when --jdbc-url is given
        return outputs;
    }

    /** Event time is the snapshot date; an unreadable record without a week must not move the watermark. */
    static long eventTime(SnapshotEvent event) {
        return WeekDates.parseOrNull(event.week) == null ? Long.MIN_VALUE : WeekDates.epochMillis(event.week);
    }

    /** Unreadable records go to the data-quality topic; everything else flows on to the window. */
    static class SplitUnreadable extends ProcessFunction<SnapshotEvent, SnapshotEvent> {
        private static final long serialVersionUID = 1L;

        @Override
        public void processElement(SnapshotEvent event, Context ctx, Collector<SnapshotEvent> out) {
            if (SnapshotEventDeserializer.UNREADABLE.equals(event.type)) {
                String week = WeekDates.parseOrNull(event.week) == null ? "unknown" : event.week;
                WeekIssue issue = WeekIssue.of(week, WeekIssue.UNREADABLE_RECORD,
                        "Unreadable record on the input topic, keyed to week " + week + " (" + event.origin
                                + "); that week cannot add up and is reported too.");
                // Several records of a week can be unreadable: the location keeps their ids apart.
                issue.id = issue.id + ":" + event.origin.substring(0, Math.max(0, event.origin.indexOf(':')));
                ctx.output(ISSUES, issue);
            } else {
                out.collect(event);
            }
        }
    }
}
