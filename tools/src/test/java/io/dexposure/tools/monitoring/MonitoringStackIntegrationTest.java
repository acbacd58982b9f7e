package io.dexposure.tools.monitoring;

import io.dexposure.job.streams.ResultStreams;
import io.dexposure.testsupport.Dashboards;
import io.dexposure.testsupport.SqlPanels;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.dexposure.tools.cli.ReportCommand;
import io.dexposure.job.ExposureMonitorJob;
import io.dexposure.job.JobOptions;
import io.dexposure.tools.report.ReportData;
import io.dexposure.job.sinks.JsonKafkaSink;
import io.dexposure.job.store.EventTimeStore;
import io.dexposure.localkafka.LocalKafkaBroker;
import io.dexposure.replayer.monitoring.MetricsEndpoint;
import io.dexposure.replayer.publish.KafkaTopics;
import io.dexposure.replayer.publish.PublisherConfig;
import io.dexposure.replayer.publish.SnapshotReplay;
import io.dexposure.replayer.pull.ApiHttpClient;
import io.dexposure.replayer.pull.HttpSettings;
import io.dexposure.replayer.pull.ResponseCache;
import io.dexposure.replayer.pull.Sleeper;
import io.dexposure.snapshot.ProtocolDirectory;
import io.dexposure.snapshot.SnapshotReader;
import io.dexposure.testservers.LocalPostgres;
import io.dexposure.testservers.LocalPrometheus;
import io.dexposure.testservers.TestServers;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import picocli.CommandLine;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The monitoring side against the real servers, on one sample replay: the shipped sample replayed through a
 * child-JVM Kafka broker into the monitor job on a MiniCluster with its PrometheusReporter on and the
 * event-time store attached to a throwaway PostgreSQL; the replayer serving /metrics (and an API client
 * answered 429 then 200 by a local server, so the pull metrics exist); the Debian Prometheus scraping both
 * every second with the repository's rules file loaded.
 *
 * <ul>
 *   <li>every PromQL expression of every dashboard panel and every alerting rule, evaluated through the
 *       HTTP API while the job runs, returns data (rules with their comparison made {@code bool});</li>
 *   <li>every SQL panel, variable and annotation query returns rows from the replay's tables;</li>
 *   <li>the same weeks computed a second time leave no duplicate row and every row rewritten;</li>
 *   <li>the report command draws the replay from the store, and the store holds exactly the topic's records.</li>
 * </ul>
 * Except the {@link #PENDING} queries, whose data only the alerts and ROLAND operators produce.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MonitoringStackIntegrationTest {
    /**
     * Produced by the alerts/ROLAND branches, checked after merge: on this branch nothing writes these
     * metrics or tables, so these queries run (and must not fail) but cannot return data. They return rows
     * on hand-made records in EventTimeStoreTest. Empty this list once those operators are merged.
     */
    static final Set<String> PENDING = Set.of();

    static final Path SAMPLE = TestServers.REPO.resolve("data/sample/dexposure-sample.json");
    static final Path MAPPING = TestServers.REPO.resolve("data/sample/id_to_info.json");
    static final Path RULES = TestServers.REPO.resolve("dashboards/prometheus/dexposure.rules.yml");
    static final int SAMPLE_WEEKS = 33;

    LocalPostgres postgres;
    LocalPrometheus prometheus;
    MetricsEndpoint replayerMetrics;
    HttpServer fakeApi;
    JobOptions options;
    JobClient job;
    Path work;
    /** PromQL key -> series returned, SQL key -> rows per run; gathered while the first job runs. */
    final Map<String, Integer> promResults = new LinkedHashMap<>();
    final List<String> promFailures = new ArrayList<>();
    long setupMillis;

    @BeforeAll
    void replayTheSampleWithEveryServerWatching() throws Exception {
        long started = System.nanoTime();
        work = Files.createDirectories(Path.of("target", "monitoring-it-" + UUID.randomUUID().toString().substring(0, 8)));
        postgres = LocalPostgres.start();
        replayerMetrics = MetricsEndpoint.start("127.0.0.1", 0);
        int reporterPort = TestServers.freePort();
        prometheus = LocalPrometheus.start(work.resolve("prometheus"), Map.of(
                "flink-minicluster", List.of("127.0.0.1:" + reporterPort),
                "replayer", List.of("127.0.0.1:" + replayerMetrics.port())), List.of(RULES));

        String broker = LocalKafkaBroker.shared().bootstrapServers();
        options = options(broker, postgres.createDatabase("replay"), "it-" + UUID.randomUUID().toString().substring(0, 8));
        options.execution.prometheusPort = Integer.toString(reporterPort);
        KafkaTopics.ensure(broker, options.kafka.allTopics(), options.execution.parallelism);
        job = start(options);
        callAnApiThatAsksToSlowDown();
        SnapshotReplay.run(SAMPLE, SnapshotReader.Options.all(), PublisherConfig.of(broker, options.kafka.inputTopic)
                .withTransactionalIdPrefix(options.kafka.transactionalIdPrefix + "-replayer-")
                .withDirectory(ProtocolDirectory.load(MAPPING)).withWeeksPerSecond(10), line -> { });
        awaitRows("dexposure_week_metrics", SAMPLE_WEEKS, Duration.ofSeconds(120));
        // The sequential operators (shock rules, ROLAND) finish a little after the week's metrics.
        awaitRows("dexposure_week_risk", SAMPLE_WEEKS, Duration.ofSeconds(60));
        awaitRows("dexposure_model_quality", 1, Duration.ofSeconds(60));
        // The market analyses: a sector-flows row per week but the first, the top 20 anomalous nodes of every week.
        awaitRows("dexposure_sector_flows", SAMPLE_WEEKS - 1, Duration.ofSeconds(120));
        awaitRows("dexposure_anomalies", SAMPLE_WEEKS * 20, Duration.ofSeconds(120));
        awaitScraped("sum(flink_taskmanager_job_task_operator_weeksCompleted) >= " + SAMPLE_WEEKS);
        awaitScraped("sum(rate(dexposure_replay_weeks_published_total[30s])) >= 0");
        evaluateEveryPromQlExpressionWhileTheJobRuns();
        job.cancel().get(60, TimeUnit.SECONDS);
        setupMillis = (System.nanoTime() - started) / 1_000_000;
    }

    @AfterAll
    void stopEverything() throws Exception {
        if (job != null) {
            try {
                job.cancel().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                // already cancelled
            }
        }
        if (prometheus != null) {
            prometheus.close();
        }
        if (replayerMetrics != null) {
            replayerMetrics.close();
        }
        if (fakeApi != null) {
            fakeApi.stop(0);
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    @Order(1)
    void prometheusScrapedTheJobAndTheReplayerAndEveryPanelAndRuleReturnedData() {
        System.err.printf("MonitoringStackIntegrationTest: replay + scrapes + PromQL in %,d ms%n", setupMillis);
        assertThat(promFailures).as("PromQL that Prometheus refused").isEmpty();
        assertThat(promResults).as("targets up").containsEntry("up flink-minicluster", 1).containsEntry("up replayer", 1);
        assertThat(promResults.keySet()).as("every pending PromQL key names a real query")
                .containsAll(PENDING.stream().filter(k -> k.startsWith("rule ") || k.startsWith("dexposure-operations")).toList());
        List<String> empty = promResults.entrySet().stream().filter(e -> e.getValue() == 0)
                .map(Map.Entry::getKey).filter(k -> !PENDING.contains(k)).toList();
        assertThat(empty).as("PromQL returning no data (pending ones excepted); checked %d", promResults.size()).isEmpty();
        assertThat(promResults.keySet().stream().filter(k -> k.startsWith("rule "))).hasSize(9);
    }

    @Test
    @Order(2)
    void everySqlPanelVariableAndAnnotationReturnsRowsFromTheReplay() throws Exception {
        try (Connection c = EventTimeStore.connect(options.store.jdbcUrl, LocalPostgres.USER, null)) {
            Map<String, List<Integer>> rows = SqlPanels.run(c);
            assertThat(rows.keySet()).as("every pending SQL key names a real query")
                    .containsAll(PENDING.stream().filter(k -> !k.startsWith("rule ") && !k.startsWith("dexposure-operations")).toList());
            List<String> empty = rows.entrySet().stream().filter(e -> e.getValue().stream().anyMatch(n -> n == 0))
                    .map(Map.Entry::getKey).filter(k -> !PENDING.contains(k)).toList();
            assertThat(empty).as("SQL returning no rows (pending ones excepted); checked %d", rows.size()).isEmpty();
            // The overview's "every weekly metric" panel: one run per metric, each a row per week.
            assertThat(rows.get("dexposure-network: $metric [A]")).hasSizeGreaterThan(60).allMatch(n -> n == SAMPLE_WEEKS);
        }
    }

    @Test
    @Order(3)
    void computingTheSameWeeksAgainRewritesRowsAndAddsNone() throws Exception {
        Map<String, Integer> before = counts();
        assertThat(before.get("dexposure_week_metrics")).isEqualTo(SAMPLE_WEEKS);
        assertThat(before.get("dexposure_protocol_metrics")).isEqualTo(sumOfNodes());
        String rerunStarted = scalar("SELECT now()::text");

        // A second job over the same input topic from the start (new consumer group): every week again.
        JobOptions again = options(options.kafka.bootstrapServers, options.store.jdbcUrl, options.kafka.groupId + "-again");
        again.kafka.inputTopic = options.kafka.inputTopic;
        ResultStreams.ALL.forEach(stream -> again.kafka.topics.put(stream.name(), options.kafka.topic(stream)));
        again.kafka.bounded = true;
        start(again).getJobExecutionResult().get(180, TimeUnit.SECONDS);

        assertThat(counts()).isEqualTo(before);
        assertThat(scalar("SELECT count(*) FROM dexposure_week_metrics WHERE updated_at < '" + rerunStarted + "'"))
                .as("week rows not rewritten by the second run").isEqualTo("0");
        assertThat(scalar("SELECT count(*) - count(DISTINCT (week, node)) FROM dexposure_protocol_metrics")).isEqualTo("0");
    }

    @Test
    @Order(4)
    void theReportDrawsTheReplayAndTheStoreHoldsExactlyWhatTheTopicsHold() throws Exception {
        Path dir = work.resolve("report");
        int exit = new CommandLine(new ReportCommand()).execute("--jdbc-url", options.store.jdbcUrl, "--jdbc-user", LocalPostgres.USER,
                "--out", dir.toString());
        assertThat(exit).isZero();
        for (String png : List.of("weekly-value.png", "weekly-structure.png", "top-systemic.png", "alerts.png", "model-quality.png")) {
            byte[] bytes = Files.readAllBytes(dir.resolve(png));
            assertThat(bytes).as(png).hasSizeGreaterThan(10_000).startsWith(0x89, 'P', 'N', 'G');
        }
        String index = Files.readString(dir.resolve("index.html"));
        assertThat(index).contains("<td>Terra</td><td>2022-05-09</td>").contains("<td>FTX</td><td>2022-11-07</td>")
                .contains("33 weeks").doesNotContain("No alerts").doesNotContain("No model-quality records")
                .contains("src=\"weekly-value.png\"").contains("src=\"alerts.png\"").contains("src=\"model-quality.png\"");

        ReportData fromTopics = ReportData.fromKafka(options.kafka);
        ReportData fromStore;
        try (Connection c = EventTimeStore.connect(options.store.jdbcUrl, LocalPostgres.USER, null)) {
            fromStore = ReportData.fromStore(c, "store");
        }
        assertThat(fromTopics.weeks()).hasSize(SAMPLE_WEEKS);
        assertThat(fromStore.weeks().stream().map(MonitoringStackIntegrationTest::json).toList())
                .as("every week read back from PostgreSQL equals its record on the metrics topic")
                .isEqualTo(fromTopics.weeks().stream().map(MonitoringStackIntegrationTest::json).toList());
    }

    static String json(Object record) {
        return new String(JsonKafkaSink.toJson(record), StandardCharsets.UTF_8);
    }

    // --- PromQL

    private void evaluateEveryPromQlExpressionWhileTheJobRuns() throws Exception {
        for (String target : List.of("flink-minicluster", "replayer")) {
            JsonNode up = prometheus.query("up{job=\"" + target + "\"}");
            promResults.put("up " + target, up.size() == 1 ? up.get(0).path("value").get(1).asInt() : -1);
        }
        for (Dashboards.Query q : Dashboards.queries(Dashboards.PROMETHEUS_UID)) {
            if (q.place() == Dashboards.Place.VARIABLE) {
                promResults.put(q.key(), labelValues(q.text()));
            } else {
                evaluate(q.key(), expandPromQl(q.text()));
            }
        }
        for (Map<String, Object> rule : rules()) {
            String expr = (String) rule.get("expr");
            evaluate("rule " + rule.get("alert") + " (as written)", expr);
            promResults.remove("rule " + rule.get("alert") + " (as written)");
            evaluate("rule " + rule.get("alert"), withBoolComparisons(expr));
        }
    }

    private void evaluate(String key, String promql) throws Exception {
        try {
            promResults.put(key, prometheus.query(promql).size());
        } catch (IllegalArgumentException e) {
            promFailures.add(key + ": " + promql + " -> " + e.getMessage());
        }
    }

    /** label_values(metric, label): how many values Prometheus knows. */
    private int labelValues(String query) throws Exception {
        Matcher m = Pattern.compile("label_values\\((\\w+),\\s*(\\w+)\\)").matcher(query);
        assertThat(m.matches()).as("variable query %s", query).isTrue();
        return prometheus.api("label/" + m.group(2) + "/values", Map.of("match[]", m.group(1))).size();
    }

    /** Grafana's variables as a dashboard with every option selected would send them. */
    static String expandPromQl(String expr) {
        String out = expr.replace("$__rate_interval", "30s").replace("$__interval", "5s").replace("$__range", "5m")
                .replace("$job_name", ".*");
        assertThat(out).as("unexpanded variable").doesNotContain("$");
        return out;
    }

    /** {@code a > 3} -> {@code a > bool 3}: the rule's expression returns its value whether or not it fires. */
    static String withBoolComparisons(String expr) {
        return expr.replaceAll("\\s(==|!=|>=|<=|>|<)\\s+(?!bool\\b)", " $1 bool ");
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> rules() throws Exception {
        Map<String, Object> doc = (Map<String, Object>) new Load(LoadSettings.builder().build())
                .loadFromString(Files.readString(RULES));
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> group : (List<Map<String, Object>>) doc.get("groups")) {
            out.addAll((List<Map<String, Object>>) group.get("rules"));
        }
        return out;
    }

    private void awaitScraped(String promql) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (prometheus.query(promql).isEmpty()) {
            assertThat(System.nanoTime()).as("Prometheus has %s", promql).isLessThan(deadline);
            Thread.sleep(500);
        }
        Thread.sleep(2_000); // a couple more scrapes, so every rate() window holds two samples
    }

    // --- the pull metrics: a real ApiHttpClient, answered 429 (Retry-After 0) then 200 by a local server

    private void callAnApiThatAsksToSlowDown() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        fakeApi = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        fakeApi.createContext("/", exchange -> {
            boolean first = calls.getAndIncrement() == 0;
            byte[] body = (first ? "{\"error\":\"slow down\"}" : "{\"protocols\":[]}").getBytes(StandardCharsets.UTF_8);
            if (first) {
                exchange.getResponseHeaders().set("Retry-After", "0");
            }
            exchange.sendResponseHeaders(first ? 429 : 200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        fakeApi.start();
        HttpSettings settings = new HttpSettings(Duration.ofSeconds(5), Duration.ofSeconds(10), 3, Duration.ofMillis(10),
                Duration.ofMillis(100), Duration.ofSeconds(5), Duration.ZERO);
        ApiHttpClient api = new ApiHttpClient("FakeLlama", ApiHttpClient.newHttpClient(Duration.ofSeconds(5)), settings,
                new ResponseCache(work.resolve("api-cache")), List.of(), Sleeper.REAL, Clock.systemUTC());
        URI uri = URI.create("http://127.0.0.1:" + fakeApi.getAddress().getPort() + "/protocols");
        api.get(uri, Map.of());
        api.get(uri, Map.of()); // from the cache
        assertThat(calls).hasValue(2);
    }

    // --- the job and the database

    static JobOptions options(String broker, String jdbcUrl, String run) throws Exception {
        JobOptions o = new JobOptions();
        o.kafka.bootstrapServers = broker;
        o.kafka.inputTopic = run + ".snapshot-events";
        ResultStreams.ALL.forEach(stream -> o.kafka.topics.put(stream.name(), run + "." + stream.name()));
        o.kafka.groupId = run;
        o.kafka.transactionalIdPrefix = run;
        o.execution.checkpointDir = Files.createTempDirectory("dexposure-monitoring-it").toUri().toString();
        o.execution.checkpointIntervalMs = 500;
        o.execution.restartAttempts = 0;
        o.store.jdbcUrl = jdbcUrl;
        o.store.jdbcUser = LocalPostgres.USER;
        return o;
    }

    static JobClient start(JobOptions options) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(options.execution.parallelism,
                ExposureMonitorJob.clusterConfiguration(options));
        ExposureMonitorJob.forKafka(options).build(env);
        return env.executeAsync(ExposureMonitorJob.JOB_NAME);
    }

    private void awaitRows(String table, int rows, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (Integer.parseInt(scalar("SELECT count(*) FROM " + table)) < rows) {
            assertThat(System.nanoTime()).as("%d rows in %s", rows, table).isLessThan(deadline);
            assertThat(job.getJobStatus().get(10, TimeUnit.SECONDS).isGloballyTerminalState()).as("job ended early").isFalse();
            Thread.sleep(300);
        }
    }

    private Map<String, Integer> counts() throws SQLException {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (String table : List.of("dexposure_week_metrics", "dexposure_protocol_metrics", "dexposure_data_quality",
                "dexposure_week_risk", "dexposure_annotations")) {
            out.put(table, Integer.parseInt(scalar("SELECT count(*) FROM " + table)));
        }
        return out;
    }

    private int sumOfNodes() throws SQLException {
        return Integer.parseInt(scalar("SELECT sum(nodes) FROM dexposure_week_metrics"));
    }

    private String scalar(String sql) throws SQLException {
        try (Connection c = EventTimeStore.connect(options.store.jdbcUrl, LocalPostgres.USER, null);
             Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
