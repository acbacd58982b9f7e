package io.dexposure.job;

import io.dexposure.job.functions.AnalyseWeekFunction;
import io.dexposure.job.functions.AnomalyDetectionFunction;
import io.dexposure.job.functions.SectorFlowFunction;
import io.dexposure.job.functions.LateRecordReporter;
import io.dexposure.job.functions.ShockDetectionFunction;
import io.dexposure.job.functions.SnapshotWatermarks;

import io.dexposure.events.SnapshotEvent;
import io.dexposure.events.WeekDates;
import io.dexposure.job.functions.WeekCompleteTrigger;
import io.dexposure.analytics.assembly.WeekIssue;
import io.dexposure.analytics.metrics.WeekMetrics;
import io.dexposure.job.types.MetricsTypes;
import io.dexposure.analytics.metrics.ProtocolMetrics;
import io.dexposure.analytics.alerts.Alert;
import io.dexposure.analytics.incidents.Incident;
import io.dexposure.analytics.risk.ProtocolRisk;
import io.dexposure.analytics.risk.WeekRisk;
import io.dexposure.analytics.roland.LinkPrediction;
import io.dexposure.job.functions.RolandUpdateFunction;
import io.dexposure.analytics.week.NetworkWeek;
import io.dexposure.job.functions.WeekSequencer;
import io.dexposure.job.sources.SnapshotEventDeserializer;
import io.dexposure.job.sources.SnapshotEventSource;
import io.dexposure.job.sources.SnapshotEventTypes;
import io.dexposure.job.monitoring.FlinkPrometheus;
import io.dexposure.job.options.ExecutionOptions;
import io.dexposure.job.store.EventTimeStore;
import io.dexposure.job.sinks.KafkaResultSinks;
import io.dexposure.job.streams.ResultSinks;
import io.dexposure.job.streams.ResultStream;
import io.dexposure.job.streams.ResultStreams;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
    public static final Duration WEEK = Duration.ofDays(7);
    public static final Duration MONDAY_OFFSET = Duration.ofDays(4);

    private static final OutputTag<WeekIssue> ISSUES = ResultStreams.DATA_QUALITY.tag();
    private static final OutputTag<ProtocolMetrics> PROTOCOLS = ResultStreams.PROTOCOL_METRICS.tag();
    private static final OutputTag<NetworkWeek> NETWORKS = new OutputTag<>("analysed-networks", WeekSequencer.TYPE);
    private static final OutputTag<ProtocolRisk> PROTOCOL_RISK = ResultStreams.PROTOCOL_RISK.tag();
    private static final OutputTag<WeekRisk> WEEK_RISK = ResultStreams.WEEK_RISK.tag();
    private static final OutputTag<Incident> INCIDENTS = ResultStreams.INCIDENTS.tag();
    private static final OutputTag<SnapshotEvent> LATE = new OutputTag<>("late-records", SnapshotEventTypes.EVENT);

    private final Source<SnapshotEvent, ?, ?> source;
    private final List<ResultSinks> destinations;
    private final JobOptions options;

    /**
     * @param destinations where every result stream goes (Kafka, the event-time store, a test's collector);
     *                     each stream of {@link ResultStreams#ALL} is attached to each destination
     */
    public ExposureMonitorJob(Source<SnapshotEvent, ?, ?> source, List<ResultSinks> destinations, JobOptions options) {
        this.source = source;
        this.destinations = List.copyOf(destinations);
        this.options = options;
    }

    /** The job wired to Kafka as the options say, and to the event-time store when --jdbc-url is given. */
    public static ExposureMonitorJob forKafka(JobOptions options) {
        List<ResultSinks> destinations = new ArrayList<>();
        destinations.add(new KafkaResultSinks(options.kafka));
        EventTimeStore.forOptions(options.store).ifPresent(destinations::add);
        return new ExposureMonitorJob(SnapshotEventSource.kafka(options.kafka), destinations, options);
    }

    /**
     * The job as a cluster runs it: {@code flink run dexposure-flink-jobs-<version>-job.jar [flags]}. The
     * flags are the same as {@code bin/dexposure job}'s (docs/cli.md), parsed without picocli, which the job
     * jar leaves out. A bad flag prints one line and exits with 2.
     */
    public static void main(String[] args) throws Exception {
        JobOptions options = new JobOptions();
        try {
            JobArguments.apply(args, options);
            restartStrategy(options.execution); // a bad --restart-strategy: one line here, not a stack trace later
        } catch (IllegalArgumentException e) {
            System.err.println("dexposure job: " + e.getMessage());
            System.exit(2);
            return;
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(clusterConfiguration(options));
        forKafka(options).build(env);
        env.execute(JOB_NAME);
    }

    /** Checkpointing and parallelism as the options say; checkpoints are kept on cancel so a restart resumes. */
    public static Configuration clusterConfiguration(JobOptions options) {
        Configuration conf = new Configuration();
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, options.execution.checkpointDir);
        conf.set(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION, ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        // DJL (ROLAND) loads PyTorch's native library once per JVM: loading its classes parent-first keeps a
        // job restart from loading it again in a new user-code classloader (docker/flink/config.yaml says the same).
        conf.set(CoreOptions.ALWAYS_PARENT_FIRST_LOADER_PATTERNS_ADDITIONAL, List.of("ai.djl"));
        FlinkPrometheus.configureReporter(conf, options.execution.prometheusPort);
        return conf;
    }

    /**
     * The restart strategy as the options say, as configuration (Flink 1.20 reads every restart-strategy.* key of
     * the job's configuration; the deprecated RestartStrategies API has no attempt limit for exponential-delay).
     * A bounded budget either way: an outage (broker, database, a lost TaskManager) is ridden out, a real bug
     * surfaces as a FAILED job. Exponential-delay is the default because a fixed budget is spent for good: 3 x 5 s
     * did not survive the 30 s broker outage of LocalFlinkClusterIT, and whatever it is sized to, a long-running job
     * uses it up over weeks of small failures; exponential-delay renews it after a failure-free stretch.
     */
    public static Configuration restartStrategy(ExecutionOptions execution) {
        Configuration conf = new Configuration();
        String strategy = execution.restartStrategy == null ? "" : execution.restartStrategy.trim();
        if (execution.restartAttempts == 0 || strategy.equals("none")) {
            conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        } else if (strategy.equals("fixed-delay")) {
            conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
            conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, execution.restartAttempts);
            conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(execution.restartDelayMs));
        } else if (strategy.equals("exponential-delay")) {
            conf.set(RestartStrategyOptions.RESTART_STRATEGY, "exponential-delay");
            conf.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_INITIAL_BACKOFF, Duration.ofMillis(execution.restartDelayMs));
            conf.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_MAX_BACKOFF,
                    Duration.ofMillis(Math.max(execution.restartDelayMs, execution.restartMaxDelayMs)));
            conf.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_BACKOFF_MULTIPLIER, 2.0);
            conf.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_RESET_BACKOFF_THRESHOLD, Duration.ofMillis(execution.restartResetMs));
            conf.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_ATTEMPTS, execution.restartAttempts);
            // Flink's default jitter: restarts of many jobs after one outage do not all hit the broker at once.
            conf.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_JITTER_FACTOR, 0.1);
        } else {
            throw new IllegalArgumentException("--restart-strategy " + execution.restartStrategy
                    + ": expected exponential-delay, fixed-delay or none");
        }
        return conf;
    }

    /**
     * The job's result streams, before their sinks (tests can also collect them directly), by catalogue
     * entry; {@code weeks} is every analysed week in week order, the input of the sequential operators.
     * ROLAND's streams are absent with {@code --no-roland}, sector flows with {@code --no-sector-flows},
     * anomalies with {@code --no-anomalies}.
     */
    public static final class Outputs {
        private final Map<ResultStream<?>, DataStream<?>> streams = new LinkedHashMap<>();
        private final DataStream<NetworkWeek> weeks;

        Outputs(DataStream<NetworkWeek> weeks) {
            this.weeks = weeks;
        }

        <T> void put(ResultStream<T> stream, DataStream<T> data) {
            streams.put(stream, data);
        }

        @SuppressWarnings("unchecked")
        public <T> DataStream<T> get(ResultStream<T> stream) {
            return (DataStream<T>) streams.get(stream);
        }

        public DataStream<NetworkWeek> weeks() {
            return weeks;
        }

        /** The streams present in this run, in catalogue order. */
        public List<ResultStream<?>> streams() {
            return List.copyOf(streams.keySet());
        }
    }

    public Outputs build(StreamExecutionEnvironment env) {
        env.setParallelism(options.execution.parallelism);
        // Fixed, not derived from the parallelism: savepoints restore at any parallelism up to it (issue 16).
        env.setMaxParallelism(options.execution.maxParallelism);
        env.enableCheckpointing(options.execution.checkpointIntervalMs, CheckpointingMode.EXACTLY_ONCE);
        env.configure(restartStrategy(options.execution));

        long outOfOrdernessMs = options.execution.outOfOrdernessMs; // the lambda must not capture this job object
        WatermarkStrategy<SnapshotEvent> snapshotDates = WatermarkStrategy
                .<SnapshotEvent>forGenerator(ctx -> new SnapshotWatermarks(outOfOrdernessMs))
                .withTimestampAssigner((event, kafkaTimestamp) -> eventTime(event))
                .withIdleness(Duration.ofMillis(options.execution.idlenessMs));

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
                .process(new AnalyseWeekFunction(options.analysis.calculator(), ISSUES, PROTOCOLS, NETWORKS), MetricsTypes.WEEK_METRICS)
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
                .process(new ShockDetectionFunction(options.alerts.alertThresholds(), PROTOCOL_RISK, WEEK_RISK, INCIDENTS), ShockDetectionFunction.ALERT)
                .name("shock-detector").uid("shock-detector").setParallelism(1);

        DataStream<WeekIssue> issues = metrics.getSideOutput(ISSUES).union(events.getSideOutput(ISSUES), lateWeeks,
                weeks.getSideOutput(ISSUES));

        Outputs outputs = new Outputs(weeks);
        outputs.put(ResultStreams.NETWORK_METRICS, metrics);
        outputs.put(ResultStreams.PROTOCOL_METRICS, metrics.getSideOutput(PROTOCOLS));
        outputs.put(ResultStreams.DATA_QUALITY, issues);
        outputs.put(ResultStreams.ALERTS, alerts);
        outputs.put(ResultStreams.PROTOCOL_RISK, alerts.getSideOutput(PROTOCOL_RISK));
        outputs.put(ResultStreams.WEEK_RISK, alerts.getSideOutput(WEEK_RISK));
        outputs.put(ResultStreams.INCIDENTS, alerts.getSideOutput(INCIDENTS));

        // The seed's market analyses, each its own sequential operator so they run beside the shock rules.
        if (options.market.sectorFlows) {
            outputs.put(ResultStreams.SECTOR_FLOWS, weeks
                    .keyBy(week -> WeekSequencer.KEY, TypeInformation.of(Integer.class))
                    .process(new SectorFlowFunction(options.market), SectorFlowFunction.TYPE)
                    .name("sector-flows").uid("sector-flows").setParallelism(1));
        }
        if (options.market.anomalies) {
            outputs.put(ResultStreams.ANOMALIES, weeks
                    .keyBy(week -> WeekSequencer.KEY, TypeInformation.of(Integer.class))
                    .process(new AnomalyDetectionFunction(options.market), AnomalyDetectionFunction.TYPE)
                    .name("anomaly-detector").uid("anomaly-detector").setParallelism(1));
        }

        // ROLAND's live update: score last week's predictions, fine-tune, advance the states, predict next week.
        if (options.roland.roland) {
            SingleOutputStreamOperator<LinkPrediction> roland = weeks
                    .keyBy(week -> WeekSequencer.KEY, TypeInformation.of(Integer.class))
                    .process(new RolandUpdateFunction(options.roland.settings()), RolandUpdateFunction.PREDICTION)
                    .name("roland-live-update").uid("roland-live-update").setParallelism(1);
            outputs.put(ResultStreams.LINK_PREDICTIONS, roland);
            outputs.put(ResultStreams.MODEL_QUALITY, roland.getSideOutput(RolandUpdateFunction.QUALITY));
        }

        // Every result stream to every destination, named and with a stable uid per (stream, destination).
        for (ResultStream<?> stream : outputs.streams()) {
            for (ResultSinks destination : destinations) {
                attach(outputs, stream, destination);
            }
        }
        return outputs;
    }

    private static <T> void attach(Outputs outputs, ResultStream<T> stream, ResultSinks destination) {
        Sink<T> sink = destination.sink(stream);
        if (sink != null) {
            String uid = destination.uid(stream);
            outputs.get(stream).sinkTo(sink).name(uid).uid(uid);
        }
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
