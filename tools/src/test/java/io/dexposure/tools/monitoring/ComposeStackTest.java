package io.dexposure.tools.monitoring;

import io.dexposure.testsupport.Dashboards;
import io.dexposure.testservers.TestServers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docker-compose.yml without a Docker engine: what Debian's docker-compose makes of it ({@code config}:
 * validated, anchors merged, variables at their defaults) has every image tag, port and mounted path
 * consistent with the repository (versions in the pom, ports in the Flink, Prometheus and Grafana
 * configuration, files that exist).
 */
class ComposeStackTest {
    static final Path REPO = TestServers.REPO;
    static final Pattern VARIABLE = Pattern.compile("\\$\\{(\\w+)(?::?-([^}]*))?}");
    static Map<String, Object> compose;
    static Map<String, Map<String, Object>> services;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void load() throws Exception {
        Path dockerCompose = TestServers.executable("docker-compose");
        String resolved = TestServers.run(List.of(dockerCompose.toString(), "-f", REPO.resolve("docker-compose.yml").toString(),
                "config"), 120);
        compose = (Map<String, Object>) new Load(LoadSettings.builder().build()).loadFromString(resolved);
        services = (Map<String, Map<String, Object>>) compose.get("services");
    }

    @Test
    void debiansDockerComposeAcceptsIt() {
        assertThat(services.keySet()).contains("kafka", "topics-init", "jobmanager", "taskmanager", "job-submit", "replayer",
                "postgres", "prometheus", "grafana");
    }

    /** Compose's topics-init creates the input topic and every result stream of the catalogue, at their default names. */
    @Test
    void topicsInitCreatesEveryTopicOfTheCatalogue() throws Exception {
        String composeFile = Files.readString(REPO.resolve("docker-compose.yml"));
        java.util.regex.Matcher loop = java.util.regex.Pattern.compile("for topic in ([^;]+);").matcher(composeFile);
        assertThat(loop.find()).as("topics-init's topic loop").isTrue();
        List<String> created = List.of(loop.group(1).trim().split("\\s+"));
        List<String> expected = new ArrayList<>(List.of(io.dexposure.events.Topics.SNAPSHOT_EVENTS));
        io.dexposure.job.streams.ResultStreams.ALL.forEach(stream -> expected.add(stream.defaultTopic()));
        assertThat(created).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void imageTagsArePinnedAndMatchTheVersionsTheProjectBuildsWith() throws Exception {
        String pom = Files.readString(REPO.resolve("pom.xml"));
        for (Map.Entry<String, Map<String, Object>> s : services.entrySet()) {
            String image = (String) s.getValue().get("image");
            assertThat(image).as("image of %s", s.getKey()).isNotNull().matches("[\\w./-]+:v?\\d+(\\.\\d+)+[\\w.-]*|dexposure/[\\w-]+:local");
        }
        assertThat(image("kafka")).isEqualTo("apache/kafka:" + property(pom, "kafka-broker.version"));
        assertThat(image("topics-init")).isEqualTo(image("kafka"));
        assertThat(Files.readString(REPO.resolve("docker/flink/Dockerfile")))
                .contains("FROM flink:" + property(pom, "flink.version") + "-java17");
        assertThat(image("postgres")).startsWith("postgres:");
        assertThat(image("grafana")).startsWith("grafana/grafana:");
        assertThat(image("prometheus")).startsWith("prom/prometheus:");
    }

    @Test
    void publishedPortsAreLoopbackAndMatchTheServersConfiguration() throws Exception {
        List<String> published = new ArrayList<>();
        services.forEach((name, s) -> list(s.get("ports")).forEach(p -> published.add(name + " " + p.replace("/tcp", ""))));
        assertThat(published).containsExactlyInAnyOrder("kafka 127.0.0.1:9092:19092", "jobmanager 127.0.0.1:8081:8081",
                "postgres 127.0.0.1:5432:5432", "prometheus 127.0.0.1:9090:9090", "grafana 127.0.0.1:3000:3000");

        // Flink's reporter port (config.yaml) and the replayer's --metrics-port are what Prometheus scrapes.
        String flinkConfig = Files.readString(REPO.resolve("docker/flink/config.yaml"));
        String reporterPort = line(flinkConfig, "metrics.reporter.prom.port:");
        String prometheusYml = Files.readString(REPO.resolve("dashboards/prometheus/prometheus.yml"));
        assertThat(prometheusYml).contains("\"jobmanager:" + reporterPort + "\"").contains("port: " + reporterPort);
        List<String> replayer = list(services.get("replayer").get("command"));
        String metricsPort = replayer.get(replayer.indexOf("--metrics-port") + 1);
        assertThat(prometheusYml).contains("\"replayer:" + metricsPort + "\"");
        assertThat(replayer.get(replayer.indexOf("--metrics-host") + 1)).isEqualTo("0.0.0.0");

        // The Grafana datasources reach the compose services on their container ports.
        String datasources = Files.readString(Dashboards.PROVISIONING.resolve("datasources/dexposure.yml"));
        assertThat(datasources).contains("url: http://prometheus:9090").contains("url: postgres:5432");
        assertThat(services).containsKeys("prometheus", "postgres");
    }

    @Test
    void theJobWritesToTheDatabaseThatPostgresCreatesAndGrafanaReads() {
        Map<String, Object> pg = env("postgres");
        List<String> submit = list(services.get("job-submit").get("command"));
        assertThat(submit.get(submit.indexOf("--jdbc-url") + 1)).isEqualTo("jdbc:postgresql://postgres:5432/" + pg.get("POSTGRES_DB"));
        assertThat(submit.get(submit.indexOf("--jdbc-user") + 1)).isEqualTo(pg.get("POSTGRES_USER"));
        assertThat(resolve(env("job-submit").get("DEXPOSURE_JDBC_PASSWORD"))).isEqualTo(resolve(pg.get("POSTGRES_PASSWORD")));
        Map<String, Object> grafana = env("grafana");
        assertThat(grafana.get("DEXPOSURE_DB_NAME")).isEqualTo(pg.get("POSTGRES_DB"));
        assertThat(grafana.get("DEXPOSURE_DB_USER")).isEqualTo(pg.get("POSTGRES_USER"));
        assertThat(resolve(grafana.get("DEXPOSURE_DB_PASSWORD"))).isEqualTo(resolve(pg.get("POSTGRES_PASSWORD")));
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyMountedPathExistsAndGrafanaFindsItsProvisioning() throws Exception {
        Map<String, Object> declared = (Map<String, Object>) compose.get("volumes");
        for (Map.Entry<String, Map<String, Object>> s : services.entrySet()) {
            for (String volume : list(s.getValue().get("volumes"))) {
                String source = volume.split(":")[0];
                if (source.startsWith("/")) {
                    assertThat(Path.of(source)).as("%s mounts %s", s.getKey(), source).exists();
                } else {
                    assertThat(declared).as("%s uses volume %s", s.getKey(), source).containsKey(source);
                }
            }
        }
        assertThat(list(services.get("jobmanager").get("volumes"))).contains("checkpoints:/checkpoints:rw");
        assertThat(list(services.get("taskmanager").get("volumes"))).contains("checkpoints:/checkpoints:rw");
        assertThat(list(services.get("grafana").get("volumes")))
                .contains(REPO.resolve("dashboards/grafana/provisioning") + ":/etc/grafana/provisioning:ro");
        String home = (String) env("grafana").get("GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH");
        assertThat(REPO.resolve("dashboards/grafana/provisioning").resolve(home.substring("/etc/grafana/provisioning/".length())))
                .exists();
        assertThat(list(services.get("prometheus").get("volumes"))).contains(REPO.resolve("dashboards/prometheus") + ":/etc/prometheus:ro");
    }

    // --- helpers

    static String image(String service) {
        return (String) services.get(service).get("image");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> env(String service) {
        return (Map<String, Object>) services.get(service).get("environment");
    }

    @SuppressWarnings("unchecked")
    static List<String> list(Object value) {
        return value == null ? List.of() : ((List<Object>) value).stream().map(Objects::toString).toList();
    }

    /** ${VAR:-default} with the default (the tests run without a .env file). */
    static String resolve(Object value) {
        Matcher m = VARIABLE.matcher(String.valueOf(value));
        return m.replaceAll(r -> Matcher.quoteReplacement(r.group(2) == null ? "" : r.group(2)));
    }

    static String property(String pom, String name) {
        Matcher m = Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</").matcher(pom);
        assertThat(m.find()).as("pom property %s", name).isTrue();
        return m.group(1);
    }

    static String line(String text, String key) {
        return text.lines().filter(l -> l.startsWith(key)).map(l -> l.substring(key.length()).trim()).findFirst()
                .orElseThrow(() -> new AssertionError("no " + key));
    }
}
