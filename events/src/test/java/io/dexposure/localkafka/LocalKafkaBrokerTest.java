package io.dexposure.localkafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalKafkaBrokerTest {

    @Test
    @Timeout(120)
    void servesTransactionsAndLeavesNoProcessWhenClosed(@TempDir Path dir) throws Exception {
        LocalKafkaBroker broker = LocalKafkaBroker.start(dir);
        long pid = broker.pid();
        String topic = "local-broker-roundtrip";
        try {
            assertThat(broker.bootstrapServers()).startsWith("127.0.0.1:");
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
                assertThat(admin.describeCluster().nodes().get(10, TimeUnit.SECONDS)).hasSize(1);
                admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(10, TimeUnit.SECONDS);
            }
            // Transactions need the transaction-state topic with replication 1 / min ISR 1.
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                    ProducerConfig.TRANSACTIONAL_ID_CONFIG, "local-broker-test"),
                    new StringSerializer(), new StringSerializer())) {
                producer.initTransactions();
                producer.beginTransaction();
                for (int i = 0; i < 10; i++) {
                    producer.send(new ProducerRecord<>(topic, "k", "committed-" + i));
                }
                producer.commitTransaction();
                producer.beginTransaction();
                producer.send(new ProducerRecord<>(topic, "k", "aborted"));
                producer.flush();
                producer.abortTransaction();
            }
            assertThat(readCommitted(broker.bootstrapServers(), topic))
                    .containsExactly("committed-0", "committed-1", "committed-2", "committed-3", "committed-4",
                            "committed-5", "committed-6", "committed-7", "committed-8", "committed-9");
        } finally {
            broker.close();
        }
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(accepts(broker.port())).isFalse();
        broker.close(); // idempotent
        assertThat(LocalKafkaBroker.tail(broker.logFile())).doesNotContain("halting");
    }

    @Test
    @Timeout(120)
    void brokerStopsWhenItsParentJvmIsKilled(@TempDir Path dir) throws Exception {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process parent = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-cp", classpath, BrokerParentMain.class.getName(), dir.toString())
                .redirectErrorStream(true)
                .start();
        long brokerPid;
        try {
            brokerPid = awaitBrokerLine(parent);
            assertThat(ProcessHandle.of(brokerPid).map(ProcessHandle::isAlive).orElse(false)).isTrue();
            assertThat(ProcessHandle.of(brokerPid).flatMap(h -> h.parent()).map(ProcessHandle::pid))
                    .contains(parent.pid());
        } finally {
            parent.destroyForcibly(); // SIGKILL: no shutdown hook, no close() in the parent
        }
        assertThat(parent.waitFor(10, TimeUnit.SECONDS)).isTrue();

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        Optional<ProcessHandle> broker = ProcessHandle.of(brokerPid);
        while (broker.map(ProcessHandle::isAlive).orElse(false) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        boolean stillAlive = broker.map(ProcessHandle::isAlive).orElse(false);
        broker.filter(ProcessHandle::isAlive).ifPresent(ProcessHandle::destroyForcibly); // never leave it behind
        assertThat(stillAlive).as("broker pid %d still alive 15 s after its parent was killed", brokerPid).isFalse();
        assertThat(Files.readString(dir.resolve(LocalKafkaBroker.LOG_FILE), StandardCharsets.ISO_8859_1))
                .contains("stdin closed");
    }

    @Test
    @Timeout(60)
    void badConfigurationFailsWithTheToolsOutput(@TempDir Path dir) {
        LocalKafkaBroker.Options options = LocalKafkaBroker.Options.defaults()
                .withServerProperty("log.retention.ms", "not-a-number");
        assertThatThrownBy(() -> LocalKafkaBroker.start(dir, options))
                .isInstanceOf(LocalKafkaBroker.StartFailedException.class)
                .hasMessageContaining("formatting the local Kafka broker's storage failed")
                .hasMessageContaining("Invalid value not-a-number for configuration log.retention.ms");
    }

    @Test
    @Timeout(60)
    void brokerJvmThatExitsDuringStartFailsWithItsLog(@TempDir Path dir) {
        LocalKafkaBroker.Options options = LocalKafkaBroker.Options.defaults()
                .withJvmOptions(List.of("-XX:+NoSuchOptionForTheTest"));
        assertThatThrownBy(() -> LocalKafkaBroker.start(dir, options))
                .isInstanceOf(LocalKafkaBroker.StartFailedException.class)
                .hasMessageContaining("exited with code 1 during start")
                .hasMessageContaining("NoSuchOptionForTheTest");
    }

    @Test
    @Timeout(120)
    void sharedBrokerIsOnePerJvmAndSurvivesClose() throws Exception {
        LocalKafkaBroker broker = LocalKafkaBroker.shared();
        broker.close(); // a no-op: the shutdown hook stops it
        assertThat(LocalKafkaBroker.shared()).isSameAs(broker);
        assertThat(broker.isAlive()).isTrue();
        assertThat(accepts(broker.port())).isTrue();
    }

    @Test
    void clusterIdsAreKafkaUuids() {
        for (int i = 0; i < 100; i++) {
            String id = LocalKafkaBroker.newClusterId();
            assertThat(id).hasSize(22).doesNotStartWith("-").matches("[A-Za-z0-9_-]+");
        }
    }

    private static long awaitBrokerLine(Process parent) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(parent.getInputStream(), StandardCharsets.UTF_8));
        List<String> seen = new ArrayList<>();
        String line;
        while ((line = out.readLine()) != null) {
            if (line.startsWith("BROKER ")) {
                return Long.parseLong(line.split(" ")[1]);
            }
            seen.add(line);
        }
        throw new AssertionError("parent JVM ended without starting a broker:\n" + String.join("\n", seen));
    }

    private static List<String> readCommitted(String bootstrap, String topic) {
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), new StringDeserializer())) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (consumer.position(partition) < end && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(record.value());
                }
            }
        }
        return values;
    }

    private static boolean accepts(int port) {
        try (Socket ignored = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
