package io.dexposure.replayer.pull;

import io.dexposure.events.SnapshotEvent;
import io.dexposure.events.SnapshotEventJson;
import io.dexposure.localkafka.LocalKafkaBroker;
import io.dexposure.replayer.cli.CliErrors;
import io.dexposure.replayer.cli.PullCommand;
import io.dexposure.replayer.publish.PublishedWeeks;
import io.dexposure.snapshot.SnapshotReader;
import io.dexposure.snapshot.WeekSnapshot;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code pull} end to end: the fixture APIs on a local server, a real local Kafka broker. Two weeks are pulled, built,
 * published (origin "pull") and written to a file; a rerun publishes nothing twice and asks the APIs nothing again.
 */
class PullCommandTest {
    static final String INFURA_KEY = "e2e-infura-secret-key";
    static final LocalDate WEEK_1 = LocalDate.of(2025, 8, 25);
    static final LocalDate WEEK_2 = LocalDate.of(2025, 9, 1);

    @TempDir
    Path dir;

    private FixtureServer server;
    private String bootstrap;
    private String topic;
    private Path keysFile;

    @BeforeEach
    void start() throws Exception {
        server = new FixtureServer();
        PullFixtures.defiLlama(server);
        PullFixtures.coinGecko(server, "/api/v3", 0);
        PullFixtures.ethereumRpc(server, "/v3/");
        bootstrap = LocalKafkaBroker.shared().bootstrapServers();
        topic = "pull-command-" + UUID.randomUUID();
        keysFile = Files.writeString(dir.resolve("keys.properties"), "infura.api-key=" + INFURA_KEY + "\n");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private int pull(StringWriter err, String... extra) {
        List<String> args = new ArrayList<>(List.of(
                "--bootstrap-servers", bootstrap, "--topic", topic, "--transactional-id-prefix", "pull-command-test-",
                "--defillama-url", server.url(), "--coingecko-url", server.url() + "/api/v3",
                "--infura-url", server.url() + "/v3/{key}", "--keys-file", keysFile.toString(),
                "--cache-dir", dir.resolve("cache").toString(), "--to", WEEK_2.toString(),
                "--retries", "1", "--retry-delay-ms", "10", "--http-timeout-seconds", "5",
                "--defillama-min-interval-ms", "0", "--coingecko-min-interval-ms", "10", "--supply-check-min-usd", "0"));
        args.addAll(List.of(extra));
        CommandLine cli = CliErrors.commandLine(new PullCommand());
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args.toArray(String[]::new));
    }

    @Test
    void pullsPublishesAndWritesTheWeeksThenARerunDoesNothingTwice() throws Exception {
        Path out = dir.resolve("pulled.json");
        StringWriter err = new StringWriter();

        int exit = pull(err, "--since", WEEK_1.toString(), "--out", out.toString());

        assertThat(exit).as(err.toString()).isZero();
        String log = err.toString();
        assertThat(log).contains("pull: weeks 2025-08-25 .. 2025-09-01 (2)")
                .contains("week 2025-08-25: 10 nodes (5 protocols, 0 issuers only, 5 token buckets), 10 links")
                .contains("ABOVE SUPPLY: STTKN held $1,000 on Ethereum > supply $500")
                .contains("week 2025-09-01: ")
                .contains("2 published to " + topic + ", 0 already there")
                .contains("written to " + out)
                .doesNotContain(INFURA_KEY);
        assertThat(PublishedWeeks.lastCommittedWeek(bootstrap, topic)).contains(WEEK_2);
        // Every checked token of every week beside the pulled file, for the report's data validation.
        List<String> supply = java.nio.file.Files.readAllLines(dir.resolve("supply-checks.csv"));
        assertThat(supply.get(0)).isEqualTo("week,symbol,held_usd,supply_tokens,price_usd");
        assertThat(supply).filteredOn(l -> l.startsWith("2025-08-25,STTKN,1000.0,")).hasSize(1);
        assertThat(supply).filteredOn(l -> l.startsWith("2025-09-01,")).isNotEmpty();
        assertThat(log).contains("supply checks written to " + dir.resolve("supply-checks.csv").toAbsolutePath());

        List<SnapshotEvent> events = readCommitted();
        List<SnapshotEvent> markers = events.stream().filter(SnapshotEvent::isWeekClosed).toList();
        assertThat(markers).extracting(m -> m.week, m -> m.nodes, m -> m.links, m -> m.flippedLinks, m -> m.origin)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("2025-08-25", 10, 10, 1, "pull"),
                        org.assertj.core.groups.Tuple.tuple("2025-09-01", 10, 10, 1, "pull"));
        assertThat(events).filteredOn(e -> e.isNode() && "100".equals(e.id) && "2025-08-25".equals(e.week))
                .singleElement().satisfies(node -> {
                    assertThat(node.name).isEqualTo("Lendo");
                    assertThat(node.tvlUsd).isEqualTo(2050.0);
                });

        List<WeekSnapshot> written = new ArrayList<>();
        // The pull's flipped link is written back as a negative size: read under FLIP to round-trip (DROP is the default).
        try (SnapshotReader reader = SnapshotReader.open(out, new SnapshotReader.Options(null, null,
                io.dexposure.snapshot.NegativeTvlPolicy.REJECT,
                io.dexposure.snapshot.NonPositiveLinkPolicy.FLIP))) {
            reader.forEachRemaining(written::add);
        }
        assertThat(written).extracting(WeekSnapshot::week).containsExactly(WEEK_1, WEEK_2);
        assertThat(written.get(0).nodes()).containsExactlyElementsOf(ExposureNetworkBuilderTest.expectedWeek1Nodes());
        assertThat(written.get(0).links()).containsExactlyElementsOf(ExposureNetworkBuilderTest.expectedWeek1Links());
        assertThat(written.get(1).nodes()).filteredOn(n -> n.id().equals("100")).singleElement()
                .satisfies(n -> assertThat(n.tvlUsd()).isEqualTo(2150.0)); // week 2: 100 more USDT
        assertThat(Files.exists(dir.resolve("pulled.json.partial"))).isFalse();
        assertNoFileContains(dir.resolve("cache"), INFURA_KEY);

        int requests = server.totalRequests();
        Map<TopicPartition, Long> endOffsets = endOffsets();

        // Again with the default --since: the week after the topic's last committed week is past --to.
        StringWriter again = new StringWriter();
        assertThat(pull(again)).as(again.toString()).isZero();
        assertThat(again.toString()).contains("nothing to pull: topic " + topic + " already holds weeks up to 2025-09-01");

        // Again from week 1: everything is answered from the cache, and the publisher skips both weeks.
        StringWriter rerun = new StringWriter();
        assertThat(pull(rerun, "--since", WEEK_1.toString())).as(rerun.toString()).isZero();
        assertThat(rerun.toString()).contains("0 published to " + topic + ", 2 already there (up to 2025-09-01)");

        assertThat(server.totalRequests()).isEqualTo(requests);
        assertThat(endOffsets()).isEqualTo(endOffsets);
        assertThat(PublishedWeeks.lastCommittedWeek(bootstrap, topic)).contains(WEEK_2);
    }

    @Test
    void aWeekThatIsNotAMondayIsOneClearLine() {
        StringWriter err = new StringWriter();

        int exit = pull(err, "--since", "2025-08-26", "--no-publish", "--out", dir.resolve("x.json").toString());

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).contains("pull: --since 2025-08-26 is a Tuesday; weeks are Mondays (e.g. 2025-08-25)")
                .doesNotContain("\tat ");
        assertThat(server.totalRequests()).isZero();
    }

    @Test
    void anApiThatStaysDownIsOneClearLineNamingItAndTheWeeksOutputIsNotLeftHalfWritten() {
        server.script("/protocol/stako", FixtureServer.Reply.status(503, "{\"message\": \"maintenance\"}"));
        Path out = dir.resolve("down.json");
        StringWriter err = new StringWriter();

        int exit = pull(err, "--since", WEEK_1.toString(), "--no-publish", "--out", out.toString());

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString())
                .contains("pull: DefiLlama GET " + server.url() + "/protocol/stako failed after 2 attempts: HTTP 503")
                .doesNotContain("\tat ");
        assertThat(out).doesNotExist();
        assertThat(dir.resolve("down.json.partial")).doesNotExist();
    }

    @Test
    void theLatestCompleteWeekIsTheLastMondayAnHourPast() {
        assertThat(PullCommand.latestCompleteWeek(java.time.Instant.parse("2025-09-03T12:00:00Z"))).isEqualTo(WEEK_2);
        assertThat(PullCommand.latestCompleteWeek(java.time.Instant.parse("2025-09-01T01:00:00Z"))).isEqualTo(WEEK_2);
        assertThat(PullCommand.latestCompleteWeek(java.time.Instant.parse("2025-09-01T00:30:00Z"))).isEqualTo(WEEK_1);
        assertThat(PullCommand.latestCompleteWeek(java.time.Instant.parse("2025-08-31T23:59:00Z"))).isEqualTo(WEEK_1);
    }

    private List<SnapshotEvent> readCommitted() {
        List<SnapshotEvent> events = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = consumer("read_committed")) {
            List<TopicPartition> partitions = partitions(consumer);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                assertThat(System.nanoTime()).as("reading " + topic).isLessThan(deadline);
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    events.add(SnapshotEventJson.fromBytes(r.value()));
                }
            }
        }
        return events;
    }

    private Map<TopicPartition, Long> endOffsets() {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer("read_uncommitted")) {
            return consumer.endOffsets(partitions(consumer));
        }
    }

    private List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> consumer) {
        return consumer.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())).toList();
    }

    private KafkaConsumer<byte[], byte[]> consumer(String isolation) {
        return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation, ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private static void assertNoFileContains(Path root, String secret) throws Exception {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertThat(f.toString()).doesNotContain(secret);
                assertThat(Files.readString(f)).as(f.toString()).doesNotContain(secret);
            }
        }
    }
}
